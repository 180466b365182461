import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replaces a file's contents all at once: the bytes go to a temporary file in the same folder
 * (same file system), which then takes the file's place, keeping its permission bits. A crash
 * leaves the old file or the new one, never half of each.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const mode = statSync(path).mode & 0o7777;
  const temporary = join(dirname(path), `.${basename(path)}.smtpcfg-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, bytes, { mode, flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
