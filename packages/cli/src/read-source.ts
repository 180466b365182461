import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import {
  type Diagnostic,
  decodeSource,
  headText,
  InputError,
  MAX_INPUT_BYTES,
  notRegular,
  oversizeDiagnostic,
  type SourceText,
} from "@smtpcfg/core";
import { fileErrorReason } from "./file-error.js";

/**
 * What files are read into. Decoding copies a file's text out of it, so one buffer serves every
 * file of a run: a folder of thousands of small files costs no allocation per file. It grows for
 * a file larger than it, up to the input limit.
 */
let buffer = Buffer.allocUnsafe(64 * 1024);

/**
 * A file's text, or the one diagnostic that says why it is not text we can lint. `regular`: the
 * file is known to be a regular file (its folder's listing said so), and is not checked again.
 */
export function readSource(path: string, regular = false): { source: SourceText } | { diagnostic: Diagnostic } {
  const read = withFile(path, (fd) => readAll(fd, path, regular));
  if (typeof read !== "number") return { diagnostic: read };
  const decoded = decodeSource(path, buffer.subarray(0, read));
  return decoded.ok ? { source: decoded.source } : { diagnostic: decoded.diagnostic };
}

/** How much of a file is read to tell what it is when it is not text: a root element, its namespace and more. */
const HEAD_BYTES = 64 * 1024;

/**
 * The first bytes of a file that readSource refused (as badly encoded, binary, or too large), read
 * as headText reads them: enough to tell whether it is a file this command lints, without reading
 * a file of any size whole.
 */
export function readHead(path: string): string {
  // Into the one buffer, which is never smaller than a head: headText copies the text out of it.
  return withFile(path, (fd) => headText(buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0))));
}

/** Runs `read` on the file opened for reading; a file that cannot be opened or read is an InputError. */
function withFile<T>(path: string, read: (fd: number) => T): T {
  try {
    // Opened without blocking: a named pipe with no writer would otherwise hold the open, and the run, forever.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      return read(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${path}: ${fileErrorReason(error)}`);
  }
}

/**
 * Reads a descriptor into `buffer` to its end and gives how many bytes it held, or the diagnostic
 * of a file over the limit. A file not known to be regular is first checked on its descriptor: a
 * named pipe or a device is refused, and a file over the limit is refused before any of it is read.
 * A regular file ends at the first read that fills less than it was given, so a small file, as
 * nearly every file of a folder is, costs one read and no stat. A file named in a folder's listing
 * may have been replaced by a named pipe or a device since: opened without blocking, a pipe gives
 * what is in it, or nothing, and a read that fills the buffer has its descriptor checked like any other.
 */
function readAll(fd: number, path: string, regular: boolean): number | Diagnostic {
  let total = regular ? readSync(fd, buffer, 0, buffer.length, null) : 0;
  if (regular && total < buffer.length) return total;
  const stats = fstatSync(fd);
  if (!stats.isFile()) throw new InputError(`cannot read ${path}: it ${notRegular(stats)}`);
  const oversize = oversizeDiagnostic(path, stats.size);
  if (oversize) return oversize;
  // One byte over the size, so that a file read whole is seen to end after a single read.
  for (let wanted = stats.size + 1; ; wanted = total * 2) {
    // The size is a guess (the file may grow as it is read): past the limit, decodeSource refuses what was read.
    if (total > MAX_INPUT_BYTES) return total;
    if (buffer.length < wanted) {
      const larger = Buffer.allocUnsafe(Math.min(wanted, MAX_INPUT_BYTES + 1));
      buffer.copy(larger, 0, 0, total);
      buffer = larger;
    }
    total += readSync(fd, buffer, total, buffer.length - total, null);
    if (total < buffer.length) return total;
  }
}
