import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The pnpm version package.json pins ("packageManager"). */
export const PINNED_PNPM = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];

/** The command that runs the pinned pnpm: pnpm itself when on PATH in that version, else through npm. */
export function pnpmCommand() {
  try {
    const version = execFileSync("pnpm", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (version === PINNED_PNPM) return ["pnpm"];
  } catch {
    // not on PATH: run it through npm below
  }
  return ["npm", "exec", "--yes", `--package=pnpm@${PINNED_PNPM}`, "--", "pnpm"];
}
