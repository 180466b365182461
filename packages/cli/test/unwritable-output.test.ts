import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli, type RunOptions, runBundledCli } from "./bundled-cli.js";

// Output the machine will not take (a path that leads nowhere, a size limit) is exit code 2 and
// one line that names the file, never an internal error: it is the machine's answer, not a bug.
// Whatever was there stays whole, and generate says which files it wrote before it stopped. Run
// as a real process, under a real limit of the file system (ulimit -f), as root or not.
const repo = join(import.meta.dirname, "../../..");
const ENV = { CONTOSO_SMTP_SECRET: "placeholder-contoso", FABRIKAM_SMTP_SECRET: "placeholder-fabrikam" };
let cli: BundledCli;

beforeAll(() => {
  cli = buildBundledCli();
}, 120_000);

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-unwritable-"));
  writeFileSync(join(dir, "smtpcfg.yaml"), readFileSync(join(repo, "examples/smtpcfg.yaml")));
  return dir;
}

const run = (argv: readonly string[], options: RunOptions) => runBundledCli(cli, argv, { ...options, env: { ...ENV, ...options.env } });

describe("generate into a folder it cannot write", () => {
  it("an --out that is a link to nowhere: exit 2, one line, nothing written", async () => {
    const dir = workspace();
    symlinkSync("missing/folder", join(dir, "generated"));
    const result = await run(["generate"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "smtpcfg: cannot write generated/contoso/01-entra-app.ps1: no such file or folder (ENOENT); nothing was written, nothing was removed\n",
    );
  });

  it("an --out below /proc, where every new folder is 'no such file': exit 2 at once, not a run that never ends", async () => {
    // Node 20's mkdirSync(…, { recursive: true }) makes /proc again and again, forever, for such a folder.
    const result = await run(["generate", "--out", "/proc/smtpcfg-out"], { cwd: workspace(), timeout: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^smtpcfg: cannot write \S+\/proc\/smtpcfg-out\/contoso\/01-entra-app\.ps1: no such file or folder \(ENOENT\); nothing was written, nothing was removed\n$/,
    );
  });

  it("a tenant's folder it cannot make: the files written before it are listed and whole, exit 2", async () => {
    const dir = workspace();
    mkdirSync(join(dir, "generated"));
    // A link inside the output folder that leads to a folder that is not there.
    symlinkSync("gone/deeper", join(dir, "generated/fabrikam"));
    const result = await run(["generate"], { cwd: dir });
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.slice(0, -1)).toEqual(readdirSync(join(dir, "generated/contoso")).map((name) => `  created generated/contoso/${name}`));
    expect(lines.at(-1)).toBe(
      "smtpcfg: cannot write generated/fabrikam/01-entra-app.ps1: no such file or folder (ENOENT); the 4 files listed above were written, nothing was removed",
    );
    expect(result.stderr).not.toContain("internal error");
  });

  it("a file system that refuses the bytes (ulimit -f 0): exit 2, no file and no temporary file left", async () => {
    const dir = workspace();
    const result = await run(["generate", "--only", "omada"], { cwd: dir, maxFileBlocks: 0 });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^smtpcfg: cannot write generated\/contoso\/prod\.notificationSettings\.xml: larger than the file size limit allows \(EFBIG\); nothing was written, nothing was removed\n$/,
    );
    expect(readdirSync(join(dir, "generated/contoso"))).toEqual([]);
  });
});

describe("lint --fix on a file it cannot replace", () => {
  it("exit 2, one line naming the file, the file as it was and no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smtpcfg-unwritable-"));
    const original = readFileSync(join(repo, "examples/broken/notificationSettings.xml"));
    writeFileSync(join(dir, "notificationSettings.xml"), original);
    const result = await run(["lint", "--fix", "notificationSettings.xml"], { cwd: dir, maxFileBlocks: 0 });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "smtpcfg: cannot write the fixes to notificationSettings.xml: larger than the file size limit allows (EFBIG); it is unchanged\n",
    );
    expect(readFileSync(join(dir, "notificationSettings.xml"))).toEqual(original);
    expect(readdirSync(dir)).toEqual(["notificationSettings.xml"]);
  });
});

describe("a file of smtpcfg's own that is missing", () => {
  it("is an internal error to report (exit 3), not the user's: only what the machine refuses is exit 2", async () => {
    const broken = buildBundledCli();
    rmSync(join(dirname(broken.bin), "../dist/chunk-diff.cjs"));
    const result = await runBundledCli(broken, ["lint", "--fix-dry-run", "examples/broken/notificationSettings.xml"], { cwd: repo });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^smtpcfg: internal error: .*chunk-diff\.cjs/);
  }, 120_000);
});
