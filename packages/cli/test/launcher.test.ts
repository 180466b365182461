import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
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
  });

  it("keeps exit code 2 and one line on stderr for a missing path", () => {
    const run = runBin(mkdtempSync(join(tmpdir(), "smtpcfg-cache-")), ["lint", "missing.yaml"]);
    expect(run).toMatchObject({ status: 2, stdout: "", stderr: "smtpcfg: no such file or folder: missing.yaml\n" });
  });
});
