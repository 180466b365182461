/**
 * The error classes that may cross the library boundary. The CLI maps each to one exit code;
 * findings in the user's files are never thrown, they are Diagnostics.
 */

/** The command line itself is wrong (unknown option, missing argument). Exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** An input could not be read at all (missing path, permission denied). Exit code 2. */
export class InputError extends Error {
  override name = "InputError";
}
