import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runArgv } from "../src/entry.js";
import type { Io } from "../src/io.js";
import { main } from "../src/main.js";

// The bundle starts at runArgv: a plain lint skips yargs, everything else goes to main(). Both
// routes must print the same and exit with the same code, whatever happens.
const repo = join(import.meta.dirname, "../../..");

function capture(overrides: Partial<Io> = {}) {
  const out = { stdout: "", stderr: "" };
  const io: Io = {
    cwd: repo,
    env: { NO_COLOR: "1" },
    stdout: {
      write: (text) => {
        out.stdout += text;
      },
    },
    stderr: {
      write: (text) => {
        out.stderr += text;
      },
    },
    ...overrides,
  };
  return { io, out };
}

const COMMAND_LINES = [
  ["lint", "examples/smtpcfg.yaml"],
  ["lint", "examples/broken/smtpcfg.yaml"],
  ["lint", "examples/broken/smtpcfg.yaml", "--format", "json"],
  ["lint", "examples/broken/smtpcfg.yaml", "-f", "compact", "-q"],
  ["lint", "examples/broken/", "--format", "sarif"],
  ["lint", "examples/", "--max-warnings", "0"],
  ["lint", "examples/broken/notificationSettings.xml", "--fix-dry-run"],
  ["lint", "--config", "examples/smtpcfg.yaml", "examples/broken/exchange-online.ps1", "-f", "github"],
  ["lint", "fixtures/config/err/tab-indentation.yaml", "fixtures/config/err/duplicate-key.yaml"],
  ["lint", "missing.yaml"],
  ["lint", "--config", "missing.yaml", "examples/smtpcfg.yaml"],
  ["lint", "--fix", "--fix-dry-run", "examples/smtpcfg.yaml"],
  ["lint", "--format", "xml", "examples/smtpcfg.yaml"],
  ["lint", "--help"],
  ["--version"],
  ["lnt"],
];

describe("the bundle's entry", () => {
  it.each(COMMAND_LINES.map((argv) => [argv]))("prints and exits as main() does: %j", async (argv) => {
    const viaEntry = capture();
    const viaMain = capture();
    const entryCode = await runArgv(argv, viaEntry.io);
    const mainCode = await main(argv, viaMain.io);
    expect({ code: entryCode, ...viaEntry.out }).toEqual({ code: mainCode, ...viaMain.out });
  });

  it("reports an internal error as main() does", async () => {
    const failing = {
      write: () => {
        throw new Error("disk full");
      },
    };
    const viaEntry = capture({ stdout: failing });
    const viaMain = capture({ stdout: failing });
    const argv = ["lint", "examples/broken/smtpcfg.yaml"];
    const entryCode = await runArgv(argv, viaEntry.io);
    const mainCode = await main(argv, viaMain.io);
    expect(entryCode).toBe(3);
    expect({ code: entryCode, ...viaEntry.out }).toEqual({ code: mainCode, ...viaMain.out });
  });
});
