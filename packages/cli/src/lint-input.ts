import {
  type Diagnostic,
  type FileKind,
  fileKind,
  InputError,
  isNotificationSettings,
  type LintOptions,
  lintFile,
  type SourceText,
} from "@smtpcfg/core";
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

/** What linting one file gives: undefined when it is not linted, else its findings. */
export type InputResult = Diagnostic[] | undefined;

/**
 * Reads and lints one file (without --fix): the same for the command's own loop and its worker.
 * Not an async function: lintFile's promise is given as it is, without another one around it to
 * wait for (thousands of files wait once each, not twice).
 */
export function lintInput(file: InputFile, strict: boolean, context: InputContext): Promise<InputResult> {
  const input = readInput(file, strict);
  if (input === undefined) return Promise.resolve(undefined);
  if ("diagnostic" in input) return Promise.resolve([input.diagnostic]);
  return lintFile(input.source, input.kind, optionsFor(input.kind, context));
}

/** A file's outcome as data, which a worker thread can post: its result, or the error it threw (InputError: exit 2). */
export type Settled = { result: InputResult } | { error: { input: boolean; message: string; stack?: string } };

export async function settleInput(file: InputFile, strict: boolean, context: InputContext): Promise<Settled> {
  try {
    return { result: await lintInput(file, strict, context) };
  } catch (error) {
    const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
    return { error: { input: error instanceof InputError, message, ...(stack === undefined ? {} : { stack }) } };
  }
}

/** The result of a settled file, or its error thrown again. */
export function unsettle(settled: Settled): InputResult {
  if ("result" in settled) return settled.result;
  const { input, message, stack } = settled.error;
  const error = input ? new InputError(message) : new Error(message);
  if (stack !== undefined) error.stack = stack;
  throw error;
}
