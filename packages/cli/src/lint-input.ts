import { type Diagnostic, type FileKind, fileKind, isNotificationSettings, type LintOptions, type SourceText } from "@smtpcfg/core";
import { type InputFile, isConfigName } from "./files.js";
import { readHead, readSource } from "./read-source.js";

/** Whether a file that must be recognised (see readInput) is one this command lints: a config by its name, XML by its content. */
function recognised(path: string, kind: FileKind, text: string): boolean {
  if (kind === "xml") return isNotificationSettings(text);
  if (kind === "config") return isConfigName(path);
  return true;
}

/**
 * A file read for `smtpcfg lint`: its text and kind, the one diagnostic that says why it cannot be
 * linted, or undefined when it is not a file this command lints. Files found by walking a folder,
 * and with --skip-unrecognized (`strict`) named ones too, must be recognised; a file that is not
 * text is told apart by its head, so that a Latin-1 pom.xml is passed over like any other.
 */
export function readInput(
  file: InputFile,
  strict: boolean,
): { source: SourceText; kind: FileKind } | { diagnostic: Diagnostic } | undefined {
  const mustBeRecognised = strict || !file.explicit;
  // A file found by walking a folder was a regular file in its folder's listing.
  const read = readSource(file.path, !file.explicit);
  if ("diagnostic" in read) {
    if (!mustBeRecognised) return read;
    const head = readHead(file.path);
    return recognised(file.path, fileKind(file.path, head), head) ? read : undefined;
  }
  const kind = fileKind(file.path, read.source.text);
  return !mustBeRecognised || recognised(file.path, kind, read.source.text) ? { source: read.source, kind } : undefined;
}

/** What `--config` gives the files it applies to; a config's own lint block applies to it unless --config names another. */
export interface InputContext {
  options: LintOptions;
  configGiven: boolean;
}

export function optionsFor(kind: FileKind, { options, configGiven }: InputContext): LintOptions {
  return kind === "config" && !configGiven ? {} : options;
}
