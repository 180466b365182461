import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli } from "./bundled-cli.js";

// Output that cannot be written is a failure of the run, said in one line: with stdout on a full
// device (/dev/full answers every write with ENOSPC), a lint with findings used to exit 1 and an
// explain 0, both with nothing printed anywhere.
const repo = join(import.meta.dirname, "../../..");
let cli: BundledCli;

beforeAll(() => {
  cli = buildBundledCli();
}, 120_000);

/** The built CLI with its standard output on `device`, through the shell's redirection. */
function runInto(device: string, argv: readonly string[]) {
  return spawnSync("/bin/sh", ["-c", `exec "$0" "$@" > ${device}`, process.execPath, cli.bin, ...argv], {
    cwd: repo,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", SMTPCFG_CACHE_DIR: cli.cacheDir },
    timeout: 30_000,
  });
}

describe("output that cannot be written", () => {
  it.each([
    ["a lint with findings", ["lint", "examples/broken/smtpcfg.yaml"]],
    ["a lint in another format", ["lint", "examples/broken/notificationSettings.xml", "--format", "json"]],
    ["an explain", ["explain", "535 5.7.3"]],
  ])("%s: exit 2 and the reason on stderr", (_name, argv) => {
    const result = runInto("/dev/full", argv);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("smtpcfg: cannot write to standard output: no space left on the device (ENOSPC)\n");
  });

  it("a clean lint writes nothing, so nothing can be lost: exit 0", () => {
    const result = runInto("/dev/full", ["lint", "examples/smtpcfg.yaml"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("the same runs with a writable stdout keep their own exit codes", () => {
    expect(runInto("/dev/null", ["lint", "examples/broken/smtpcfg.yaml"]).status).toBe(1);
    expect(runInto("/dev/null", ["explain", "535 5.7.3"]).status).toBe(0);
  });
});
