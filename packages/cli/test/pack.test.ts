import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { pnpmCommand } from "../../../scripts/pnpm.mjs";

const cliDir = join(import.meta.dirname, "..");
const repo = join(cliDir, "../..");
const work = mkdtempSync(join(tmpdir(), "smtpcfg-pack-"));
const prefix = join(work, "prefix");
let bin = "";

// What a user gets from the registry: the packed tarball installed with npm into an empty prefix,
// run from outside the repository.
beforeAll(() => {
  execFileSync(process.execPath, ["build.mjs"], { cwd: cliDir });
  const [command, ...args] = pnpmCommand() as [string, ...string[]];
  execFileSync(command, [...args, "pack", "--pack-destination", work], { cwd: cliDir, stdio: "pipe" });
  const tarball = readdirSync(work).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`pnpm pack wrote no tarball into ${work}`);
  execFileSync("npm", ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", join(work, tarball)], { stdio: "pipe" });
  bin = join(prefix, "bin", "smtpcfg");
});

describe("the packed CLI installed with npm", () => {
  it("prints its version", () => {
    const { version } = JSON.parse(readFileSync(join(cliDir, "package.json"), "utf8")) as { version: string };
    const result = spawnSync(bin, ["--version"], { cwd: work, encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it("lints a clean and a broken config with the right exit codes", () => {
    const cleanRun = spawnSync(bin, ["lint", join(repo, "examples/smtpcfg.yaml")], { cwd: work, encoding: "utf8" });
    expect(cleanRun.status).toBe(0);
    const broken = spawnSync(bin, ["lint", join(repo, "examples/broken/smtpcfg.yaml"), "--format", "json"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(broken.status).toBe(1);
    const findings = JSON.parse(broken.stdout) as { ruleId: string }[];
    expect(new Set(findings.map((f) => f.ruleId))).toContain("object-id-confusion");
  });

  it("ships the config schema for editors", () => {
    const installed = join(prefix, "lib", "node_modules", "smtpcfg", "schemas");
    expect(readdirSync(installed)).toContain("smtpcfg.schema.json");
  });
});
