import { type Diagnostic, type FileKind, fileKind, isNotificationSettings, type LintOptions, type SourceText } from "@smtpcfg/core";
import { type InputFile, isConfigName } from "./files.js";
import { readSource } from "./read-source.js";

/** Whether a file is one this command lints; files found by walking a folder (or with --skip-unrecognized) must be recognised. */
function recognised(file: InputFile, kind: FileKind, text: string, strict: boolean): boolean {
  if (file.explicit && !strict) return true;
  if (kind === "xml") return isNotificationSettings(text);
  if (kind === "config") return isConfigName(file.path);
  return true;
}

/**
 * A file read for `smtpcfg lint`: its text and kind, the one diagnostic that says why it cannot be
 * linted, or undefined when it is not a file this command lints (`strict`: --skip-unrecognized).
 */
export function readInput(
  file: InputFile,
  strict: boolean,
): { source: SourceText; kind: FileKind } | { diagnostic: Diagnostic } | undefined {
  // A file found by walking a folder was a regular file in its folder's listing.
  const read = readSource(file.path, !file.explicit);
  if ("diagnostic" in read) return read;
  const kind = fileKind(file.path, read.source.text);
  return recognised(file, kind, read.source.text, strict) ? { source: read.source, kind } : undefined;
}

/** What `--config` gives the files it applies to; a config's own lint block applies to it unless --config names another. */
export interface InputContext {
  options: LintOptions;
  configGiven: boolean;
}

export function optionsFor(kind: FileKind, { options, configGiven }: InputContext): LintOptions {
  return kind === "config" && !configGiven ? {} : options;
}
