import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const cliDir = join(import.meta.dirname, "..");
const repo = join(cliDir, "../..");
const bin = join(cliDir, "bin/smtpcfg.cjs");

function runBin(cacheDir: string, args: string[], extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: repo,
    encoding: "utf8",
    // A run that hangs is killed, and fails its test with a null status.
    timeout: 30_000,
    env: { ...process.env, SMTPCFG_CACHE_DIR: cacheDir, NO_COLOR: "1", ...extraEnv },
  });
}

beforeAll(() => {
  spawnSync(process.execPath, ["build.mjs"], { cwd: cliDir });
});

describe("the bin and its V8 code cache", () => {
  it("writes a cache on the first run and gives identical results with it", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "smtpcfg-cache-"));
    const first = runBin(cacheDir, ["lint", "examples/broken/smtpcfg.yaml"]);
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^cli-.+\.v8cache$/)]);
    const second = runBin(cacheDir, ["lint", "examples/broken/smtpcfg.yaml"]);
    expect(first.status).toBe(1);
    expect(second.status).toBe(first.status);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout).toContain("object-id-confusion");
  });

  // The PowerShell parser sets --liftoff-only, and V8 refuses a cache made under other flags than
  // its own: a cache written after the parser loaded would be refused by every later run.
  it("caches a script lint under the flags every run starts with, so later runs of any kind take it", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "smtpcfg-cache-"));
    const written = () => {
      const [file] = readdirSync(cacheDir);
      const stats = statSync(join(cacheDir, file as string));
      return { ino: stats.ino, mtimeMs: stats.mtimeMs, kinds: readFileSync(join(cacheDir, file as string), "latin1").split(" ")[2] };
    };
    const script = ["lint", "examples/exchange-online.ps1"];
    expect(runBin(cacheDir, script)).toMatchObject({ status: 0, stdout: "", stderr: "" });
    const first = written();
    expect(first.kinds).toBe("script");
    // Taken, and nothing new to add: not written again.
    expect(runBin(cacheDir, script)).toMatchObject({ status: 0, stdout: "", stderr: "" });
    expect(written()).toEqual(first);
    // A lint of other files adds what it compiles once, and a script lint then takes that cache too.
    expect(runBin(cacheDir, ["lint", "examples/notificationSettings.xml"])).toMatchObject({ status: 0, stderr: "" });
    const both = written();
    expect(both.kinds).toBe("script,lint");
    expect(runBin(cacheDir, script)).toMatchObject({ status: 0, stdout: "", stderr: "" });
    expect(runBin(cacheDir, ["lint", "examples/notificationSettings.xml"])).toMatchObject({ status: 0, stderr: "" });
    expect(written()).toEqual(both);
  });

  it("recovers from a corrupt cache file and replaces it", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "smtpcfg-cache-"));
    runBin(cacheDir, ["--version"]);
    const [file] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, file as string), "not a V8 cache");
    const run = runBin(cacheDir, ["lint", "examples/smtpcfg.yaml"]);
    expect(run).toMatchObject({ status: 0, stdout: "", stderr: "" });
    expect(readdirSync(cacheDir)).toEqual([file]);
  });

  it("runs without any cache when SMTPCFG_NO_COMPILE_CACHE is set, or the cache folder cannot be written", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "smtpcfg-cache-"));
    expect(runBin(cacheDir, ["lint", "examples/smtpcfg.yaml"], { SMTPCFG_NO_COMPILE_CACHE: "1" }).status).toBe(0);
    expect(readdirSync(cacheDir)).toEqual([]);
    const blocked = join(cacheDir, "a-file");
    writeFileSync(blocked, "");
    expect(runBin(join(blocked, "below"), ["lint", "examples/smtpcfg.yaml"])).toMatchObject({ status: 0, stderr: "" });
    // procfs answers "no such file" to a new folder in /proc: Node 20's recursive mkdir never returns from it.
    expect(runBin("/proc/smtpcfg-cache/below", ["lint", "examples/smtpcfg.yaml"])).toMatchObject({ status: 0, stderr: "" });
  });

  it("keeps exit code 2 and one line on stderr for a missing path", () => {
    const run = runBin(mkdtempSync(join(tmpdir(), "smtpcfg-cache-")), ["lint", "missing.yaml"]);
    expect(run).toMatchObject({ status: 2, stdout: "", stderr: "smtpcfg: no such file or folder: missing.yaml\n" });
  });
});
