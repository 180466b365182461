import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FORMATTERS } from "@smtpcfg/core";
import { beforeAll, describe, expect, it } from "vitest";
import { WORKER_THRESHOLD } from "../src/lint-parallel.js";
import { type BuiltCli, buildCli } from "./built-cli.js";

// A lint of many XML files shares them with a worker thread (src/lint-parallel.ts). Which thread
// linted a file must never show: the built CLI, run on one folder without the worker
// (SMTPCFG_WORKERS=0) and with it whatever the load (SMTPCFG_WORKERS=1), prints the same bytes and
// exits the same in every format.
const repo = join(import.meta.dirname, "../../..");
let cli: BuiltCli;
let folder: string;

/** Every XML fixture, copied until the folder holds more than the threshold, next to a config, a script and files that are not linted. */
function writeFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-workers-"));
  const fixtures = ["ok", "err"].flatMap((kind) =>
    readdirSync(join(repo, "fixtures/xml", kind))
      .filter((name) => name.endsWith(".xml"))
      .map((name) => join(repo, "fixtures/xml", kind, name)),
  );
  const copies = Math.ceil((WORKER_THRESHOLD + 50) / fixtures.length);
  for (let copy = 0; copy < copies; copy++) {
    const sub = join(dir, `set-${copy}`);
    mkdirSync(sub);
    for (const fixture of fixtures) copyFileSync(fixture, join(sub, `${copy}-${fixture.split("/").at(-2)}-${fixture.split("/").pop()}`));
  }
  copyFileSync(join(repo, "examples/broken/smtpcfg.yaml"), join(dir, "smtpcfg.yaml"));
  copyFileSync(join(repo, "examples/exchange-online.ps1"), join(dir, "exchange-online.ps1"));
  writeFileSync(join(dir, "pom.xml"), "<project><modelVersion>4.0.0</modelVersion></project>\n");
  writeFileSync(join(dir, "binary.xml"), Buffer.from([0x3c, 0x61, 0x00, 0x3e]));
  return dir;
}

/** The sections of the code cache file the runs wrote (its first line names them). */
function cacheSections(): string[] {
  const cacheDir = join(dirname(dirname(cli.bin)), "cache");
  const [file] = readdirSync(cacheDir);
  const header = readFileSync(join(cacheDir, file as string), "latin1").split("\n", 1)[0] as string;
  return header
    .split(" ")
    .slice(3)
    .map((entry) => entry.split(":")[0] as string);
}

beforeAll(() => {
  cli = buildCli();
  folder = writeFolder();
});

describe("lint with a worker thread", () => {
  it.each(Object.keys(FORMATTERS).map((format) => [format]))("prints what the main thread alone prints: --format %s", async (format) => {
    const argv = ["lint", ".", "--format", format];
    const alone = await cli.run(argv, { cwd: folder, env: { SMTPCFG_WORKERS: "0" } });
    const shared = await cli.run(argv, { cwd: folder, env: { SMTPCFG_WORKERS: "1" } });
    expect(alone.code).toBe(1);
    expect(alone.stdout).toContain("xml-syntax");
    expect(shared).toEqual(alone);
  });

  it("with --config and --quiet too, and the worker's script goes through the code cache", async () => {
    const argv = ["lint", ".", "--config", join(repo, "examples/smtpcfg.yaml"), "--quiet", "--format", "json"];
    const alone = await cli.run(argv, { cwd: folder, env: { SMTPCFG_WORKERS: "0" } });
    const shared = await cli.run(argv, { cwd: folder, env: { SMTPCFG_WORKERS: "1" } });
    expect(JSON.parse(alone.stdout).length).toBeGreaterThan(WORKER_THRESHOLD / 2);
    expect(shared).toEqual(alone);
    // The worker loaded dist/lint-worker.cjs through the launcher and handed back what it compiled.
    expect(cacheSections()).toContain("lint-worker");
  });
});
