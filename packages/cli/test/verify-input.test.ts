import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { workspace } from "./verify-fixture.js";

// What verify refuses before it reaches the network: one line on stderr (usage errors add the help) and exit code 2.
const CONFIG = readFileSync(join(import.meta.dirname, "../../../examples/smtpcfg.yaml"), "utf8");
const space = workspace(CONFIG);
const verify = (args: string[]) => runCli(["verify", ...args], { cwd: space.dir, env: {} });

describe("verify refuses input it cannot use, with exit code 2", () => {
  const fifo = join(space.dir, "pipe");
  execFileSync("mkfifo", [fifo]);

  it("a named pipe as --endpoints, without waiting for a writer", async () => {
    const result = await verify(["--endpoints", "pipe"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "smtpcfg: --endpoints pipe: is a named pipe (FIFO), not a file: reading it could wait forever for a writer\n",
    });
  });

  it("a named pipe as the connection file's caFile", async () => {
    writeFileSync(join(space.dir, "fifo-ca.json"), JSON.stringify({ authority: "https://127.0.0.1:1", caFile: "pipe" }));
    const result = await verify(["--endpoints", "fifo-ca.json"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`smtpcfg: CA file ${fifo} is a named pipe (FIFO), not a file: reading it could wait forever for a writer\n`);
  });

  it.each([
    [["--send", "--to", "notanaddress"], '--to "notanaddress" is not an email address (user@domain)'],
    [["--send", "--to", "me@contoso.com", "--from", "alerts"], '--from "alerts" is not an email address (user@domain)'],
    [["--send", "--to", "Me <me@contoso.com>"], '--to "Me <me@contoso.com>" is not an email address (user@domain)'],
    [["--to", "me@contoso.com"], "--to and --from go with --send"],
    [["--from", "me@contoso.com"], "--to and --from go with --send"],
  ])("%j is a usage error", async (args, message) => {
    const result = await verify(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`smtpcfg: ${message} (smtpcfg verify --help)\n`);
  });
});

describe("verify --help", () => {
  it("shows the exit codes", async () => {
    const result = await verify(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout.replace(/\s+/g, " ")).toContain(
      "Exit codes: 0 every mailbox passed, 1 at least one failed, 2 usage error, a config with errors or an unreadable --endpoints or CA file, 3 internal error.",
    );
  });
});
