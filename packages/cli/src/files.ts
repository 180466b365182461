import { type Dirent, readdirSync, statSync } from "node:fs";
import { basename, resolve, sep } from "node:path";
import { compareText, fileKind, InputError } from "@smtpcfg/core";
import { fileErrorReason } from "./file-error.js";

const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git", "dist", ".hg", ".svn"]);
// With s: a name may hold a line break, and `.` would not match it.
const CONFIG_NAME = /^(.+\.)?smtpcfg\.ya?ml$/is;

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** The user named this file itself (not found by walking a folder, whose listing says a file is a regular one). */
  explicit: boolean;
}

/** Whether a YAML file's name says it is a smtpcfg config (smtpcfg.yaml, *.smtpcfg.yaml). */
export function isConfigName(path: string): boolean {
  return CONFIG_NAME.test(basename(path));
}

/** Found by walking a folder: configs by name, and by extension XML files (kept only if they are notificationSettings) and scripts. */
function isWalked(name: string): boolean {
  // By extension first: an XML file's name is looked at once, and only a YAML file's for a config's name.
  return fileKind(name, "") !== "config" || isConfigName(name);
}

/**
 * The files to lint: named files as they are, folders walked for smtpcfg configs (smtpcfg.yaml,
 * *.smtpcfg.yaml), XML files and PowerShell scripts. A path that does not exist is an InputError (exit 2).
 */
export function collectFiles(paths: readonly string[], cwd: string): InputFile[] {
  const files: InputFile[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(code === "ENOENT" ? `no such file or folder: ${given}` : `cannot read ${given}: ${fileErrorReason(error)}`);
    }
    if (isDirectory) walk(path, files);
    else files.push({ path, explicit: true });
  }
  // One path cannot name a file twice.
  if (paths.length === 1) return files;
  const unique = new Map(files.map((file) => [file.path, file]));
  return [...unique.values()];
}

/** Adds the files to lint below a folder to `files`. */
function walk(directory: string, files: InputFile[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot read folder ${directory}: ${fileErrorReason(error)}`);
  }
  // The folder is absolute and normalised, and an entry's name has no separator: join's normalising is not needed (thousands of files).
  const prefix = directory.endsWith(sep) ? directory : `${directory}${sep}`;
  for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(`${prefix}${entry.name}`, files);
    } else if (entry.isFile() && isWalked(entry.name)) {
      files.push({ path: `${prefix}${entry.name}`, explicit: false });
    }
  }
}
