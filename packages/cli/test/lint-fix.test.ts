import { execFileSync } from "node:child_process";
import { chmodSync, lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeSource, lintFile } from "@smtpcfg/core";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const repo = join(import.meta.dirname, "../../..");
const seed = readFileSync(join(repo, "fixtures/xml/err/seed-sample.xml"), "utf8");
const REPAIRS = ["xml-declaration", "attributes-as-text"];

function folderWith(name: string, bytes: string | Uint8Array): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-fix-"));
  writeFileSync(join(dir, name), bytes);
  return { dir, path: join(dir, name) };
}

/** The rule ids still reported for a file, read back the way the CLI reads it. */
async function remainingRules(path: string): Promise<string[]> {
  const decoded = decodeSource(path, readFileSync(path));
  if (!decoded.ok) throw new Error(decoded.diagnostic.message);
  return (await lintFile(decoded.source, "xml")).map((d) => d.ruleId);
}

describe("smtpcfg lint --fix", () => {
  it("repairs the Omada guide's sample in place: well-formed afterwards, both defects gone", async () => {
    const { dir, path } = folderWith("notificationSettings.xml", seed);
    const result = await runCli(["lint", "notificationSettings.xml", "--fix", "--format", "compact"], { cwd: dir });
    expect(result.stderr).toMatch(/^smtpcfg: fixed \d+ problems in notificationSettings\.xml \(.*xml-declaration.*\)\n$/);
    expect(result.stderr).toContain("attributes-as-text");
    const fixed = readFileSync(path, "utf8");
    expect(fixed).not.toBe(seed);
    expect(fixed.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const remaining = await remainingRules(path);
    for (const id of [...REPAIRS, "xml-syntax"]) expect(remaining).not.toContain(id);
    expect(result.stdout).not.toMatch(/xml-declaration|attributes-as-text|xml-syntax/);
  });

  it("keeps the byte order mark, CRLF line endings and the file's permissions", async () => {
    const { dir, path } = folderWith("n.xml", `\uFEFF${seed.replace(/\r?\n/g, "\r\n")}`);
    chmodSync(path, 0o640);
    await runCli(["lint", "n.xml", "--fix"], { cwd: dir });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(await remainingRules(path)).not.toContain("xml-declaration");
  });

  it("fixes the file a symbolic link points at and keeps the link, and keeps bits the umask would clear", async () => {
    const { dir, path } = folderWith("real.xml", seed);
    chmodSync(path, 0o666);
    symlinkSync("real.xml", join(dir, "link.xml"));
    await runCli(["lint", "link.xml", "--fix"], { cwd: dir });
    expect(lstatSync(join(dir, "link.xml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(path, "utf8")).not.toBe(seed);
    expect(statSync(path).mode & 0o777).toBe(0o666);
  });

  it("leaves a read-only file (chmod a-w) as it is: exit 2, one line, even for root, who may write it", async () => {
    const { dir, path } = folderWith("n.xml", seed);
    chmodSync(path, 0o444);
    const result = await runCli(["lint", "n.xml", "--fix"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("smtpcfg: cannot write the fixes to n.xml: it is read-only (mode 0444); it is unchanged\n");
    expect(readFileSync(path, "utf8")).toBe(seed);
    expect(statSync(path).mode & 0o777).toBe(0o444);
  });

  it("writes a UTF-16 file back as UTF-16", async () => {
    const { dir, path } = folderWith("n.xml", Buffer.from(`\uFEFF${seed}`, "utf16le"));
    await runCli(["lint", "n.xml", "--fix"], { cwd: dir });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(await remainingRules(path)).not.toContain("attributes-as-text");
  });

  it("--fix-dry-run prints a unified diff on stdout, findings on stderr, and writes nothing", async () => {
    const { dir, path } = folderWith("notificationSettings.xml", seed);
    const result = await runCli(["lint", "notificationSettings.xml", "--fix-dry-run"], { cwd: dir });
    expect(readFileSync(path, "utf8")).toBe(seed);
    expect(result.stdout).toMatch(/^--- a\/notificationSettings\.xml\n\+\+\+ b\/notificationSettings\.xml\n@@ /);
    expect(result.stdout).toContain('+<?xml version="1.0" encoding="utf-8"?>');
    expect(result.stderr).toMatch(/--fix would fix \d+ problems in notificationSettings\.xml/);
  });

  it.each([
    { what: "a file", text: seed },
    { what: "a file with a byte order mark", text: `\uFEFF${seed}` },
  ])("prints a diff that git apply applies to $what, giving what --fix writes", async ({ text }) => {
    const { dir, path } = folderWith("notificationSettings.xml", text);
    const { stdout } = await runCli(["lint", "notificationSettings.xml", "--fix-dry-run"], { cwd: dir });
    writeFileSync(join(dir, "fix.patch"), stdout);
    execFileSync("git", ["apply", "fix.patch"], { cwd: dir });
    const applied = readFileSync(path);
    writeFileSync(path, text);
    await runCli(["lint", "notificationSettings.xml", "--fix"], { cwd: dir });
    expect(applied.equals(readFileSync(path))).toBe(true);
  });

  it("says that the diff of a UTF-16 file is of its text, which git apply does not apply", async () => {
    const { dir } = folderWith("n.xml", Buffer.from(`\uFEFF${seed}`, "utf16le"));
    const result = await runCli(["lint", "n.xml", "--fix-dry-run"], { cwd: dir });
    expect(result.stdout).toContain('+<?xml version="1.0" encoding="utf-8"?>');
    expect(result.stderr).toContain(
      "smtpcfg: n.xml is UTF-16LE: its diff is of its text, which git apply and patch do not apply to the file's bytes; use --fix\n",
    );
  });

  it("never shows a client secret written in the file in the diff", async () => {
    const secret = "Qx8~RealSecretValue.123456789_abc";
    const oneLine = seed.replace(/\n(instance|clientId|clientSecret|tenantId|userName|scopes)=/g, " $1=");
    for (const text of [
      seed.replace('clientSecret="xxx"', `clientSecret="${secret}"`),
      oneLine.replace('clientSecret="xxx"', `clientSecret="${secret}"`),
    ]) {
      const { dir } = folderWith("n.xml", text);
      const result = await runCli(["lint", "n.xml", "--fix-dry-run"], { cwd: dir });
      expect(result.stdout).toContain("@@");
      expect(result.stdout + result.stderr).not.toContain(secret);
      expect(result.stderr).toContain("‹secret hidden›");
    }
  });

  it("never shows a password written into a URL of the file in the diff, nor in a finding", async () => {
    const password = "Hunter2Pw";
    const instance = seed.match(/instance="([^"]*)"/)?.[1] ?? "";
    const text = seed.replace(`instance="${instance}"`, `instance="${instance.replace("://", `://admin:${password}@`)}"`);
    expect(text).toContain(password);
    const { dir } = folderWith("n.xml", text);
    const result = await runCli(["lint", "n.xml", "--fix-dry-run"], { cwd: dir });
    expect(result.stdout).toContain("@@");
    expect(result.stdout + result.stderr).not.toContain(password);
    expect(result.stdout).toContain("‹secret hidden›");
  });

  it("never shows an old client secret kept in a comment in the lines around a fix", async () => {
    const secret = "Qx8~OldSecretValue.123456789_abcdef";
    const { dir } = folderWith("n.xml", seed.replace("<smtp>", `<!-- before the rotation: ${secret} -->\n<smtp>`));
    const result = await runCli(["lint", "n.xml", "--fix-dry-run"], { cwd: dir });
    expect(result.stdout).toContain("<!-- before the rotation: ‹secret hidden› -->");
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it("never shows the secret or token a script holds in the lines around its fix", async () => {
    const secret = "Qx8~RealSecretValue.123456789_abc";
    const script = [
      `$secret = ConvertTo-SecureString -String '${secret}' -AsPlainText -Force`,
      "New-ServicePrincipal -AppId 7a83471e-a8c7-4c06-8120-77b9aa56fa04 -ServiceId 9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f",
      "",
    ].join("\n");
    const { dir } = folderWith("register.ps1", script);
    const result = await runCli(["lint", "register.ps1", "--fix-dry-run"], { cwd: dir });
    expect(result.stdout).toContain("+New-ServicePrincipal");
    expect(result.stdout + result.stderr).not.toContain(secret);
    expect(result.stdout).toContain("-String '‹secret hidden›'");
  });

  it("refuses --fix together with --fix-dry-run (exit 2) and touches nothing", async () => {
    const { dir, path } = folderWith("n.xml", seed);
    const result = await runCli(["lint", "n.xml", "--fix", "--fix-dry-run"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--fix and --fix-dry-run exclude each other");
    expect(readFileSync(path, "utf8")).toBe(seed);
  });

  it("leaves a file with nothing to fix byte for byte as it was", async () => {
    const clean = "<!-- nothing to repair -->\n";
    const { dir, path } = folderWith("settings.smtpcfg.yaml", "version: 1\ntenants: []\n");
    writeFileSync(join(dir, "other.xml"), clean);
    const before = statSync(path).mtimeMs;
    const result = await runCli(["lint", "settings.smtpcfg.yaml", "--fix"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(statSync(path).mtimeMs).toBe(before);
  });
});

describe("smtpcfg lint on folders of mixed files", () => {
  const folder = () => {
    const { dir } = folderWith("notificationSettings.xml", seed);
    writeFileSync(
      join(dir, "pom.xml"),
      '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion></project>\n',
    );
    writeFileSync(join(dir, "values.yaml"), "replicaCount: 1\n");
    writeFileSync(join(dir, "setup.ps1"), "New-ServicePrincipal -AppId $appId -ServiceId $objectId\n");
    return dir;
  };

  it("lints notificationSettings XML and scripts found in a folder, not other XML or YAML", async () => {
    const result = await runCli(["lint", ".", "--format", "compact"], { cwd: folder() });
    const files = new Set(
      result.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => line.split(":")[0]),
    );
    expect(files).toContain("notificationSettings.xml");
    expect(files).not.toContain("pom.xml");
    expect(files).not.toContain("values.yaml");
  });

  it("lints a named XML file whatever it is, unless --skip-unrecognized", async () => {
    const dir = folder();
    expect((await runCli(["lint", "pom.xml", "--format", "compact"], { cwd: dir })).stdout).toContain("pom.xml:");
    expect(await runCli(["lint", "pom.xml", "values.yaml", "--skip-unrecognized"], { cwd: dir })).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
  });
});
