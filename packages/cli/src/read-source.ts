import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { type Diagnostic, decodeSource, InputError, notRegular, oversizeDiagnostic, type SourceText } from "@smtpcfg/core";

/** A file's text, or the one diagnostic that says why it is not text we can lint. */
export function readSource(path: string): { source: SourceText } | { diagnostic: Diagnostic } {
  try {
    // One open, and the size from that same descriptor: a file over the limit is refused before
    // any of it is read, and a small one costs no separate stat of its path. Opened without
    // blocking: a named pipe with no writer would otherwise hold the open, and the run, forever.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    let bytes: Buffer;
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) throw new InputError(`cannot read ${path}: it ${notRegular(stats)}`);
      const { size } = stats;
      const oversize = oversizeDiagnostic(path, size);
      if (oversize) return { diagnostic: oversize };
      bytes = readAll(fd, size);
    } finally {
      closeSync(fd);
    }
    const decoded = decodeSource(path, bytes);
    return decoded.ok ? { source: decoded.source } : { diagnostic: decoded.diagnostic };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

const CHUNK = 64 * 1024;

/** Everything a descriptor holds: the size it gave is a guess (a file may change, or be a pipe), so it reads on to the end. */
function readAll(fd: number, size: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // One byte over the size, so that a file read whole is seen to end after a single read.
  for (let length = size + 1; ; length = CHUNK) {
    const chunk = Buffer.allocUnsafe(length);
    const read = readSync(fd, chunk, 0, length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (read < length && chunks.length === 1 && total === size) break;
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}
