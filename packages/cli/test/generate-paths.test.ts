import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli, type ProcessResult, runBundledCli } from "./bundled-cli.js";

// generate writes only inside --out: a symbolic link in it (a tenant folder, or a generated file)
// that leads outside is refused unless --force says to write through it. A `file:` secret is
// read wherever the config says (relative to the config, `..`, absolute, through links), but a
// named pipe or a device is refused before it is read, so a hostile config cannot make generate
// wait forever or read without end. Run as a real process: a read that blocked would be killed.
const SECRET = "Zq8~s3cr3t.VALUE-never-printed";
let cli: BundledCli;

const config = (secretFile: string) => `version: 1
tenants:
  - name: fabrikam
    tenantId: fabrikam.onmicrosoft.com
    apps:
      - name: notifications
        clientId: 5d2c9a41-0f3e-4b7a-9c1d-2e8f6a4b3c7d
        servicePrincipalObjectId: 0c4e8f2a-6b1d-4e3f-a5c7-9d8b2e1f4a6c
        credential:
          clientSecret: { file: ${JSON.stringify(secretFile)} }
    mailboxes:
      - address: noreply@fabrikam.com
        app: notifications
    omada:
      - name: prod
        mailbox: noreply@fabrikam.com
        secret: env
`;

/** A folder with the config in configs/, its secret beside it, and a folder outside the output. */
function workspace(secretFile = "fabrikam.secret"): { dir: string; outside: string } {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-paths-"));
  mkdirSync(join(dir, "configs"));
  writeFileSync(join(dir, "configs/smtpcfg.yaml"), config(secretFile));
  writeFileSync(join(dir, "configs/fabrikam.secret"), `${SECRET}\n`);
  const outside = join(dir, "elsewhere");
  mkdirSync(outside);
  return { dir, outside };
}

const generate = (dir: string, ...more: string[]): Promise<ProcessResult> =>
  runBundledCli(cli, ["generate", "--config", "configs/smtpcfg.yaml", "--out", "generated", ...more], { cwd: dir, timeout: 20_000 });

beforeAll(() => {
  cli = buildBundledCli();
});

describe("generate writes nothing outside --out through a symbolic link, unless --force", () => {
  it("a tenant folder that is a link to a folder outside: refused, nothing written anywhere", async () => {
    const { dir, outside } = workspace();
    mkdirSync(join(dir, "generated"));
    symlinkSync(outside, join(dir, "generated/fabrikam"));
    const result = await generate(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `smtpcfg: generated/fabrikam/01-entra-app.ps1 leads outside generated through a symbolic link, to ${outside}/01-entra-app.ps1\n`,
    );
    expect(result.stderr).toMatch(/nothing written: generate writes only inside generated; remove the link, or run again with --force/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it("with --force it writes through the link, as asked", async () => {
    const { dir, outside } = workspace();
    mkdirSync(join(dir, "generated"));
    symlinkSync(outside, join(dir, "generated/fabrikam"));
    const result = await generate(dir, "--force");
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(outside).sort()).toEqual(["01-entra-app.ps1", "02-exchange-online.ps1", "prod.notificationSettings.xml"]);
  });

  it("a generated file that is a link to a file outside: refused, the file outside unchanged", async () => {
    const { dir, outside } = workspace();
    mkdirSync(join(dir, "generated/fabrikam"), { recursive: true });
    writeFileSync(join(outside, "victim.txt"), "keep me\n");
    symlinkSync(join(outside, "victim.txt"), join(dir, "generated/fabrikam/prod.notificationSettings.xml"));
    const result = await generate(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`leads outside generated through a symbolic link, to ${outside}/victim.txt`);
    expect(readFileSync(join(outside, "victim.txt"), "utf8")).toBe("keep me\n");
    expect(existsSync(join(dir, "generated/fabrikam/01-entra-app.ps1"))).toBe(false);
  });

  it("a dangling link to a place outside is refused too", async () => {
    const { dir, outside } = workspace();
    mkdirSync(join(dir, "generated"));
    symlinkSync(join(outside, "not-yet"), join(dir, "generated/fabrikam"));
    const result = await generate(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`to ${outside}/not-yet`);
    expect(readdirSync(outside)).toEqual([]);
  });

  it("links that stay inside --out, and --out itself being a link, are fine", async () => {
    const { dir, outside } = workspace();
    symlinkSync(outside, join(dir, "generated"));
    mkdirSync(join(outside, "fabrikam-v2"));
    symlinkSync(join(outside, "fabrikam-v2"), join(outside, "fabrikam"));
    const result = await generate(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(outside, "fabrikam-v2")).sort()).toEqual([
      "01-entra-app.ps1",
      "02-exchange-online.ps1",
      "prod.notificationSettings.xml",
    ]);
  });
});

describe("a symbolic link that stays inside --out", () => {
  /** A workspace generated once, whose notificationSettings file is then a link to `shared/prod.xml` in the output folder. */
  async function linkedInside(): Promise<{ dir: string; link: string; target: string }> {
    const { dir } = workspace();
    expect((await generate(dir)).code).toBe(0);
    const link = join(dir, "generated/fabrikam/prod.notificationSettings.xml");
    const target = join(dir, "generated/shared/prod.xml");
    mkdirSync(join(dir, "generated/shared"));
    renameSync(link, target);
    symlinkSync("../shared/prod.xml", link);
    return { dir, link, target };
  }

  it.each([[[]], [["--force"]]])("is written through, the link kept (%j)", async (more) => {
    const { dir, link, target } = await linkedInside();
    writeFileSync(target, "# Generated by smtpcfg generate from smtpcfg.yaml (SHA-256 0).\n");
    chmodSync(target, 0o644);
    expect((await generate(dir, "--check", ...more)).stdout).toBe("  stale   generated/fabrikam/prod.notificationSettings.xml\n");
    const result = await generate(dir, ...more);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("  updated generated/fabrikam/prod.notificationSettings.xml\n");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, "utf8")).toContain(`clientSecret="${SECRET}"`);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(await generate(dir, "--check", ...more)).toMatchObject({ code: 0, stdout: "" });
  });

  it("to a folder is in the way, named relative to the working directory as every other file", async () => {
    const { dir, link } = await linkedInside();
    rmSync(link);
    symlinkSync("../shared", link);
    for (const more of [[], ["--force"], ["--check"]]) {
      const result = await generate(dir, ...more);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        "smtpcfg: generated/fabrikam/prod.notificationSettings.xml is in the way: it is a symbolic link to something that is not a file (generate writes a file there)\n",
      );
    }
  });

  it.each([
    ["to nothing", "../shared/not-there.xml"],
    ["in a loop", "prod.notificationSettings.xml"],
  ])("%s is in the way, the link kept", async (_what, to) => {
    const { dir, link } = await linkedInside();
    rmSync(link);
    symlinkSync(to, link);
    for (const more of [[], ["--force"], ["--check"]]) {
      const result = await generate(dir, ...more);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        "smtpcfg: generated/fabrikam/prod.notificationSettings.xml is in the way: it is a symbolic link that leads nowhere (generate writes a file there)\n",
      );
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it("that makes two generated files one is refused, by --check too, and nothing is written", async () => {
    const { dir } = workspace();
    expect((await generate(dir)).code).toBe(0);
    const script = join(dir, "generated/fabrikam/02-exchange-online.ps1");
    rmSync(script);
    symlinkSync("01-entra-app.ps1", script);
    const before = readFileSync(join(dir, "generated/fabrikam/01-entra-app.ps1"), "utf8");
    for (const more of [[], ["--force"], ["--check"]]) {
      const result = await generate(dir, ...more);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        "smtpcfg: generated/fabrikam/01-entra-app.ps1 and generated/fabrikam/02-exchange-online.ps1 are the same file through a symbolic link, and generate writes a file of its own to each: remove the link\n",
      );
    }
    expect(readFileSync(join(dir, "generated/fabrikam/01-entra-app.ps1"), "utf8")).toBe(before);
  });
});

describe("--check refuses what generate refuses", () => {
  it("a link that leads outside, even to a file that is current; both pass with --force", async () => {
    const { dir, outside } = workspace();
    expect((await generate(dir)).code).toBe(0);
    const file = join(dir, "generated/fabrikam/prod.notificationSettings.xml");
    renameSync(file, join(outside, "prod.xml"));
    symlinkSync(join(outside, "prod.xml"), file);
    const leads = `smtpcfg: generated/fabrikam/prod.notificationSettings.xml leads outside generated through a symbolic link, to ${outside}/prod.xml\n`;
    const how = "generate writes only inside generated; remove the link, or run again with --force to write through it\n";
    expect(await generate(dir, "--check")).toMatchObject({ code: 2, stdout: "", stderr: `${leads}smtpcfg: nothing checked: ${how}` });
    expect(await generate(dir)).toMatchObject({ code: 2, stderr: `${leads}smtpcfg: nothing written: ${how}` });
    expect(await generate(dir, "--check", "--force")).toMatchObject({ code: 0, stdout: "" });
    expect((await generate(dir, "--force")).code).toBe(0);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
  });
});

describe("file: secrets are read where the config says, never from a pipe or a device", () => {
  it.each([
    ["relative to the config", "fabrikam.secret"],
    ["relative, through ..", "../configs/fabrikam.secret"],
  ])("%s", async (_what, secretFile) => {
    const { dir } = workspace(secretFile);
    const result = await generate(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, "generated/fabrikam/prod.notificationSettings.xml"), "utf8")).toContain(`clientSecret="${SECRET}"`);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it("absolute, through a symbolic link (as secret stores mount them)", async () => {
    const { dir, outside } = workspace();
    writeFileSync(join(outside, "mounted"), `${SECRET}\n`);
    symlinkSync(join(outside, "mounted"), join(outside, "link"));
    writeFileSync(join(dir, "configs/smtpcfg.yaml"), config(join(outside, "link")));
    const result = await generate(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir, "generated/fabrikam/prod.notificationSettings.xml"), "utf8")).toContain(`clientSecret="${SECRET}"`);
  });

  it.each([
    ["a named pipe no one writes to", "secret.fifo", /has no value: the file \S+ is a named pipe \(FIFO\), not a file/],
    ["a device that never ends", "/dev/zero", /has no value: the file \S+ is a device, not a file/],
    ["a folder", ".", /has no value: the file \S+ is a folder, not a file/],
    ["a file over 64 KiB", "large.secret", /has no value: the file \S+ is larger than 64 KiB/],
    ["a file that is not there", "missing.secret", /has no value: the file \S+ cannot be read \(ENOENT\)/],
  ])("%s: refused with the reason, nothing written, no hang", async (_what, secretFile, reason) => {
    const { dir } = workspace(secretFile);
    execFileSync("mkfifo", [join(dir, "configs/secret.fifo")]);
    writeFileSync(join(dir, "configs/large.secret"), "x".repeat(64 * 1024 + 1));
    const result = await generate(dir);
    expect(result.signal, "killed: the read blocked").toBeNull();
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(existsSync(join(dir, "generated"))).toBe(false);
  });
});
