import { execFileSync } from "node:child_process";

/** The words sh reads in `command`, as a command it runs would get them. */
export function shellWords(command: string): string[] {
  return execFileSync("sh", ["-c", `printf '%s\\n' ${command}`], { encoding: "utf8" })
    .split("\n")
    .slice(0, -1);
}
