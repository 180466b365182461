/**
 * File-system errors as one line for people: what could not be done, to which path, why in
 * words, and the code (`permission denied (EACCES)`).
 */

/** The codes explained, and what they mean. */
const MEANING: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
  ELOOP: "too many symbolic links (a loop?)",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EFBIG: "larger than the file size limit allows",
  ENAMETOOLONG: "the name is too long",
  EEXIST: "something is already there",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EBUSY: "it is busy",
  ETXTBSY: "it is busy",
  EIO: "an input/output error",
};

/**
 * The codes that say what the machine allows, whatever path the command asked for: rights, and
 * a full, limited, read-only or failing disk. A missing or misplaced path (ENOENT, ENOTDIR, …)
 * is not among them: where the user named it, the command says so itself; anywhere else (a file
 * of smtpcfg's own, a path it made up) it is a bug to report.
 */
const REFUSED_BY_MACHINE: ReadonlySet<string> = new Set([
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOSPC",
  "EDQUOT",
  "EFBIG",
  "EMFILE",
  "ENFILE",
  "EIO",
]);

/** What the failed call was doing, by its name in the error. */
const ACTION: Readonly<Record<string, string>> = {
  open: "open",
  read: "read",
  write: "write",
  mkdir: "create the folder",
  rmdir: "remove the folder",
  unlink: "remove",
  rename: "replace",
  chmod: "change the mode of",
  scandir: "list the folder",
  stat: "read",
  lstat: "read",
  realpath: "resolve",
  close: "write",
  fsync: "write",
  copyfile: "copy",
  mkdtemp: "create a temporary folder in",
  rm: "remove",
  readlink: "read the link",
  fstat: "read",
  opendir: "list the folder",
};

function explained(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return error instanceof Error && typeof code === "string" && Object.hasOwn(MEANING, code);
}

/** Why a file-system call failed, in words and with its code; the error's own message for anything else. */
export function fileErrorReason(error: unknown): string {
  if (explained(error)) return `${MEANING[error.code]} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The one line for a file-system call the machine refused (`cannot create the folder out/x:
 * permission denied (EACCES)`; a write to an open file names no path), or undefined for any
 * other error: those are smtpcfg's own, exit code 3.
 */
export function refusedByMachine(error: unknown): string | undefined {
  if (!explained(error) || !REFUSED_BY_MACHINE.has(error.code) || error.syscall === undefined) return undefined;
  const action = ACTION[error.syscall];
  if (action === undefined) return undefined;
  return `cannot ${action}${typeof error.path === "string" ? ` ${error.path}` : " to a file"}: ${fileErrorReason(error)}`;
}
