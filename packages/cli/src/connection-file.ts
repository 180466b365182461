import { lstatSync, rmSync } from "node:fs";
import { InputError, readSecretFile } from "@smtpcfg/core";
import type { EmulatorEndpoints } from "@smtpcfg/emulator";
import { writeFileAtomic } from "./write-atomic.js";

// The connection file of `smtpcfg emulate`: its endpoints for `verify --endpoints`, and in
// `emulatorPid` (which verify ignores) the process that wrote it. That field is how an emulator
// knows a file as an emulator's: any other file is the user's, never replaced nor removed.

/** What stands at the path: nothing, the connection file (`text`) of the emulator that ran as `pid`, or something else. */
type Occupant = { kind: "none" } | { kind: "emulator"; pid: number; text: string } | { kind: "other" };

function occupant(path: string): Occupant {
  try {
    // A symbolic link is not an emulator's: the write would replace the link itself.
    if (!lstatSync(path).isFile()) return { kind: "other" };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "none" };
    throw error;
  }
  const read = readSecretFile(path, ".");
  if ("problem" in read) return { kind: "other" };
  let data: unknown;
  try {
    data = JSON.parse(read.value);
  } catch {
    return { kind: "other" };
  }
  const pid = typeof data === "object" && data !== null && "emulatorPid" in data ? data.emulatorPid : undefined;
  return typeof pid === "number" && Number.isInteger(pid) && pid > 0 ? { kind: "emulator", pid, text: read.value } : { kind: "other" };
}

/** Whether a process runs as `pid` (EPERM: it does, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Throws an InputError naming the file unless this emulator may write it: nothing is there, or an
 * emulator wrote it that runs no more (one killed before it could remove it). Its own pid counts
 * as gone: in a container every start may get the same one.
 */
export function checkConnectionFile(path: string, shown: string): void {
  const found = occupant(path);
  if (found.kind === "other")
    throw new InputError(
      `--connection-file ${shown} is not a connection file of smtpcfg emulate, which replaces only its own: move it away, or name another file`,
    );
  if (found.kind === "emulator" && found.pid !== process.pid && running(found.pid))
    throw new InputError(
      `--connection-file ${shown} is in use by the smtpcfg emulate running as process ${found.pid}: stop it, or name another file`,
    );
}

export interface ConnectionFile {
  /** Removes the file if it still holds what this emulator wrote: someone may have replaced it since. */
  remove(): void;
}

/** Writes the endpoints all at once where checkConnectionFile allows (checked again: another emulator may have started meanwhile). */
export function writeConnectionFile(path: string, shown: string, endpoints: EmulatorEndpoints): ConnectionFile {
  checkConnectionFile(path, shown);
  const text = JSON.stringify({ ...endpoints, emulatorPid: process.pid }, null, 2);
  writeFileAtomic(path, Buffer.from(`${text}\n`, "utf8"));
  return {
    remove: () => {
      const found = occupant(path);
      if (found.kind === "emulator" && found.text === text) rmSync(path, { force: true });
    },
  };
}
