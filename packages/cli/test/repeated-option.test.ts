import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const folder = mkdtempSync(join(tmpdir(), "smtpcfg-repeated-"));
writeFileSync(join(folder, "a.json"), "{}");
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("an option that takes one value, given twice", () => {
  it.each([
    [["verify", "--endpoints", "a.json", "--endpoints", "a.json"], "--endpoints"],
    [["verify", "--config", "a.yaml", "-c", "b.yaml"], "--config"],
    [["generate", "--config", "a.yaml", "--config", "b.yaml"], "--config"],
    [["emulate", "--config", "x.yaml", "--config", "y.yaml"], "--config"],
    [["lint", "--config", "a.yaml", "--config", "b.yaml"], "--config"],
    [["lint", "--format", "json", "--format", "json"], "--format"],
    // yargs adds a second 1 to the first: 2 warnings would pass.
    [["lint", "--max-warnings", "1", "--max-warnings", "1"], "--max-warnings"],
    [["lint", "--max-warnings", "3", "--max-warnings=1"], "--max-warnings"],
    [["verify", "--timeout", "5", "--timeout", "1"], "--timeout"],
  ])("%j is a usage error naming the option, exit code 2", async (argv, option) => {
    const result = await runCli(argv, { cwd: folder });
    expect(result.code).toBe(2);
    // One line, with where to read more: the command's help, not the help itself.
    expect(result.stderr).toBe(`smtpcfg: ${option} given more than once: give it once (smtpcfg ${argv[0]} --help)\n`);
    expect(result.stderr).not.toContain("internal error:");
  });

  it("a flag may be given twice: it says the same thing twice", async () => {
    expect(await runCli(["--verbose", "explain", "--verbose", "--list"], { cwd: folder })).toMatchObject({ code: 0, stderr: "" });
  });

  it("an option declared as a list still repeats (--fault of emulate reaches its own check)", async () => {
    const result = await runCli(["emulate", "--fault", "consent-missing", "--fault", "no-such-fault"], { cwd: folder });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown fault "no-such-fault"');
    expect(result.stderr).not.toContain("more than once");
  });
});
