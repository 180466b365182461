import { InputError, PROJECT_URL } from "@smtpcfg/core";
import { EXIT } from "./exit-codes.js";
import { refusedByMachine } from "./file-error.js";
import type { Io } from "./io.js";

/**
 * What a command's failure prints and the exit code it gives, for errors other than usage errors:
 * an unreadable input, or a file-system call the machine refuses (rights, a full or read-only
 * disk), is one line and 2; anything else is an internal error, 3, with the stack only under --verbose.
 */
export function reportFailure(error: unknown, io: Io, verbose: boolean): number {
  const line = error instanceof InputError ? error.message : refusedByMachine(error);
  if (line !== undefined) {
    io.stderr.write(`smtpcfg: ${line}\n`);
    return EXIT.usage;
  }
  const detail = verbose && error instanceof Error ? `\n${error.stack}` : " (run with --verbose for details)";
  io.stderr.write(
    `smtpcfg: internal error: ${error instanceof Error ? error.message : String(error)}${detail}\nPlease report it at ${PROJECT_URL}/issues with the command you ran.\n`,
  );
  return EXIT.internal;
}
