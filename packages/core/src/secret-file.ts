import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { resolve } from "node:path";
import { firstInvalidUtf8 } from "./text/utf8.js";

/** Larger files are refused: a client secret, a certificate or a private key is a few KiB at most. */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

const TOO_LARGE = `is larger than ${MAX_SECRET_FILE_BYTES / 1024} KiB, too large for a secret or key`;
const NOT_TEXT = "is not UTF-8 text: a secret file holds the secret as text, and a certificate or key file is PEM (BEGIN … lines)";

export type SecretFileRead = { value: string } | { problem: string };

/** Why a path that is not a regular file cannot be read as one (a folder, a named pipe, a device). */
export function notRegular(stats: ReturnType<typeof fstatSync>): string {
  if (stats.isDirectory()) return "is a folder, not a file";
  if (stats.isFIFO()) return "is a named pipe (FIFO), not a file: reading it could wait forever for a writer";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "is a device, not a file: reading it may never end";
  return "is not a regular file";
}

/**
 * The text of a file that a config names for a secret, certificate or private key (`{file: …}`),
 * surrounding whitespace removed: relative to the config's folder unless absolute, or why it
 * cannot be used (the problem says what the file is, never what it holds).
 *
 * The config's author chose the path: absolute paths, `..` and symbolic links (secret stores mount
 * files through them) are followed. What could make the read block or never end is refused
 * before anything is read: a named pipe (opened without waiting for a writer), a device such as
 * /dev/zero or /dev/stdin, a socket, a folder, and a file over 64 KiB.
 */
export function readSecretFile(file: string, configDir: string): SecretFileRead {
  let fd: number;
  try {
    fd = openSync(resolve(configDir, file), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: notRegular(stats) };
    if (stats.size > MAX_SECRET_FILE_BYTES) return { problem: TOO_LARGE };
    // Up to one byte more than the limit: a file that grew since fstat is still caught.
    const bytes = Buffer.alloc(MAX_SECRET_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, bytes, length, bytes.length - length, null);
      length += read;
      if (read === 0 || length === bytes.length) break;
    }
    if (length > MAX_SECRET_FILE_BYTES) return { problem: TOO_LARGE };
    // Decoded as it is, a byte that is not UTF-8 would become U+FFFD: another secret, which Entra refuses without saying why.
    if (firstInvalidUtf8(bytes.subarray(0, length)) >= 0) return { problem: NOT_TEXT };
    const value = bytes.subarray(0, length).toString("utf8").trim();
    return value === "" ? { problem: "is empty" } : { value };
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  } finally {
    closeSync(fd);
  }
}
