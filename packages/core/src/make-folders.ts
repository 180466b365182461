import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Makes a folder and the folders above it that are missing, as `mkdir -p` does, with `mode` for
 * each folder it makes. Node 20's `mkdirSync(path, { recursive: true })` never returns when a file
 * system answers "no such file" (ENOENT) for a folder whose parent exists, as procfs does for any
 * new name under /proc and a stale mount does for every name: it makes the parent again, and
 * again. Here the missing folders are found first and made once each, outermost first, and such
 * an answer is an error like any other. A path already a folder is fine; one that is a file, or
 * below a file, is refused as mkdir refuses it (EEXIST, ENOTDIR).
 */
export function makeFolders(path: string, mode?: number): void {
  const missing: string[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    try {
      if (statSync(folder).isDirectory()) break;
      // A file where a folder belongs: mkdir says so (EEXIST).
      missing.push(folder);
      break;
    } catch (error) {
      if (errorCode(error) !== "ENOENT" || dirname(folder) === folder) throw error;
      missing.push(folder);
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder, mode === undefined ? undefined : { mode });
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
      // Made by someone else meanwhile, that is fine; a link to nowhere is "no such file" (stat
      // throws ENOENT), a file is "file exists".
      if (!statSync(folder).isDirectory()) throw error;
    }
  }
}
