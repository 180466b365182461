import { chmodSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/** The file a path names: a symbolic link's target (replacing the link itself would cut it off), or the path itself. */
function realFile(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return path;
    throw error;
  }
}

/**
 * Replaces a file's contents all at once: the bytes go to a temporary file in the same folder
 * (same file system), which then takes the file's place, keeping its permission bits. A crash
 * leaves the old file or the new one, never half of each. A new file gets `mode` (default 0o666,
 * less the umask, as any new file); `mode` also replaces an existing file's bits, so a file that
 * must be private is created private, never readable by others for a moment. With `followLinks`
 * (a file the user named, as for lint --fix), a symbolic link's target is replaced and the link
 * kept; without it (files in an output folder) a link is replaced like any file, so that nothing
 * outside the folder is ever written through one.
 */
export function writeFileAtomic(given: string, bytes: Uint8Array, options: { mode?: number; followLinks?: boolean } = {}): void {
  const path = options.followLinks ? realFile(given) : given;
  const kept = existingMode(path);
  const mode = options.mode ?? kept ?? 0o666;
  const temporary = join(dirname(path), `.${basename(path)}.smtpcfg-${process.pid}.tmp`);
  try {
    writeFileSync(temporary, bytes, { mode, flag: "wx" });
    // The umask narrows the mode a file is created with: an existing file's own bits are restored as they were.
    if (options.mode !== undefined || kept !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
