import { renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The permission bits of an existing file; undefined when there is none. */
function existingMode(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Replaces a file's contents all at once: the bytes go to a temporary file in the same folder
 * (same file system), which then takes the file's place, keeping its permission bits. A crash
 * leaves the old file or the new one, never half of each. A new file gets `mode` (default 0o666,
 * less the umask, as any new file); `mode` also replaces an existing file's bits, so a file that
 * must be private is created private, never readable by others for a moment.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, options: { mode?: number } = {}): void {
  const mode = options.mode ?? existingMode(path) ?? 0o666;
  const temporary = join(dirname(path), `.${basename(path)}.smtpcfg-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, bytes, { mode, flag: "wx" });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
