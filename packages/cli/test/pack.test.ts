import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startEmulate } from "../../../scripts/emulate-process.mjs";
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

  it("verifies the example's contoso mailboxes, with a test message, against its own smtpcfg emulate", async () => {
    const dir = join(work, "verify");
    mkdirSync(dir);
    copyFileSync(join(repo, "examples/smtpcfg.yaml"), join(dir, "smtpcfg.yaml"));
    const env = { PATH: process.env.PATH ?? "", CONTOSO_SMTP_SECRET: "pack-test~Secret.value_0123456789abcdefgh" };
    const emulator = await startEmulate(bin, dir, env, ["--outbox", "outbox"]);
    try {
      const args = ["verify", "--endpoints", emulator.connectionFile, "--tenant", "contoso", "--send", "--to", "helpdesk@contoso.com"];
      const result = spawnSync(bin, args, { cwd: dir, env, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(/^smtpcfg verify: 2 mailboxes passed \(1 token request, /m);
      expect(result.status).toBe(0);
    } finally {
      await emulator.stop();
    }
    expect(readdirSync(join(dir, "outbox"))).toHaveLength(2);
  });

  it("runs smtpcfg emulate from its own chunk until SIGTERM, then removes the connection file and the CA it made", async () => {
    const dir = join(work, "emulate");
    mkdirSync(dir);
    copyFileSync(join(repo, "examples/smtpcfg.yaml"), join(dir, "smtpcfg.yaml"));
    const secret = "pack-test~Emulate.secret_0123456789";
    const emulator = await startEmulate(bin, dir, { PATH: process.env.PATH ?? "", CONTOSO_SMTP_SECRET: secret }, []);
    const connection = JSON.parse(readFileSync(join(dir, emulator.connectionFile), "utf8")) as { authority: string; caFile: string };
    let token: { token_type?: string };
    try {
      const form = ["grant_type=client_credentials", "client_id=7a83471e-a8c7-4c06-8120-77b9aa56fa04", `client_secret=${secret}`];
      const curl = spawnSync(
        "curl",
        [
          "--silent",
          "--cacert",
          connection.caFile,
          ...form.flatMap((field) => ["--data-urlencode", field]),
          "--data-urlencode",
          "scope=https://outlook.office365.com/.default",
          `${connection.authority}/2487abfa-47fc-4f60-8af4-2b857b17432c/oauth2/v2.0/token`,
        ],
        { encoding: "utf8" },
      );
      token = JSON.parse(curl.stdout) as { token_type?: string };
    } finally {
      await emulator.stop();
    }
    expect(token.token_type).toBe("Bearer");
    expect(emulator.output()).toContain("smtpcfg emulate: SIGTERM: stopped after 1 token requests, 0 SMTP sessions, 0 messages");
    expect(emulator.output()).not.toContain(secret);
    expect(existsSync(join(dir, emulator.connectionFile))).toBe(false);
    expect(existsSync(connection.caFile)).toBe(false);
  });

  it("ships the config schema for editors", () => {
    const installed = join(prefix, "lib", "node_modules", "smtpcfg", "schemas");
    expect(readdirSync(installed)).toContain("smtpcfg.schema.json");
  });
});
