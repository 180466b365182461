import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { shellWords } from "./shell-words.js";

const SECRET = "Zq8~s3cr3t.VALUE-never-printed";

const config = (extra = "") => `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: omada-smtp
        displayName: Omada Identity SMTP AUTH
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
        servicePrincipalObjectId: 9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f
        credential:
          clientSecret: { env: CONTOSO_SMTP_SECRET }
          expires: 2099-05-31
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
    omada:
      - name: prod
        mailbox: omada-notify@contoso.com
${extra}  - name: fabrikam
    tenantId: fabrikam.onmicrosoft.com
    apps:
      - name: notifications
        clientId: 5d2c9a41-0f3e-4b7a-9c1d-2e8f6a4b3c7d
        servicePrincipalObjectId: 0c4e8f2a-6b1d-4e3f-a5c7-9d8b2e1f4a6c
        credential:
          clientSecret: { file: fabrikam.secret }
    mailboxes:
      - address: noreply@fabrikam.com
        app: notifications
    omada:
      - name: prod
        mailbox: noreply@fabrikam.com
        secret: env
`;

const ALL = [
  "contoso/01-entra-app.ps1",
  "contoso/02-exchange-online.ps1",
  "contoso/prod.notificationSettings.xml",
  "fabrikam/01-entra-app.ps1",
  "fabrikam/02-exchange-online.ps1",
  "fabrikam/prod.notificationSettings.xml",
];

function workspace(text = config()): string {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-generate-"));
  writeFileSync(join(dir, "smtpcfg.yaml"), text);
  writeFileSync(join(dir, "fabrikam.secret"), `${SECRET}\n`);
  return dir;
}

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/** Every file's bytes and modification time: what "changes nothing" means. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    filesIn(dir).map((name) => [name, `${statSync(join(dir, name)).mtimeMs} ${readFileSync(join(dir, name), "utf8")}`]),
  );
}

const generate = (dir: string, ...args: string[]) => runCli(["generate", ...args], { cwd: dir });

describe("smtpcfg generate", () => {
  it("writes one folder per tenant with its scripts and notificationSettings files", async () => {
    const dir = workspace();
    const result = await generate(dir);
    expect(result.code).toBe(0);
    expect(filesIn(join(dir, "generated"))).toEqual(ALL);
    expect(result.stderr).toContain("smtpcfg: generated: 6 files written, 0 unchanged");
  });

  it("changes nothing when run again: same bytes, same modification times", async () => {
    const dir = workspace();
    await generate(dir);
    const before = snapshot(join(dir, "generated"));
    const again = await generate(dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("0 files written, 6 unchanged");
    expect(snapshot(join(dir, "generated"))).toEqual(before);
  });

  it("writes a resolved secret only into a file of mode 0600, warns, and never prints it", async () => {
    const dir = workspace();
    const result = await generate(dir);
    const secretFile = join(dir, "generated/fabrikam/prod.notificationSettings.xml");
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(secretFile, "utf8")).toContain(`clientSecret="${SECRET}"`);
    expect(result.stderr).toContain(
      "smtpcfg: warning: generated/fabrikam/prod.notificationSettings.xml holds the client secret itself (secret: env), readable by its owner only (mode 0600)",
    );
    expect(readFileSync(join(dir, "generated/contoso/prod.notificationSettings.xml"), "utf8")).toContain(
      'clientSecret="{{CLIENT_SECRET}}"',
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
  });

  it("makes a secret file that others can read private again, and --check reports its mode", async () => {
    const dir = workspace();
    await generate(dir);
    const secretFile = join(dir, "generated/fabrikam/prod.notificationSettings.xml");
    chmodSync(secretFile, 0o644);
    const checked = await generate(dir, "--check");
    expect(checked.code).toBe(1);
    expect(checked.stdout).toBe("  mode    generated/fabrikam/prod.notificationSettings.xml (holds a secret, readable by others)\n");
    expect((await generate(dir)).code).toBe(0);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
  });

  it("refuses an unset environment variable by name, writing nothing", async () => {
    const dir = workspace(config().replace("{ file: fabrikam.secret }", "{ env: FABRIKAM_SECRET }"));
    const result = await generate(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "smtpcfg: smtpcfg.yaml: tenants[1].apps[0].credential.clientSecret has no value: the environment variable FABRIKAM_SECRET is not set",
    );
    expect(filesIn(join(dir, "generated"))).toEqual([]);
    const set = await runCli(["generate"], { cwd: dir, env: { FABRIKAM_SECRET: SECRET } });
    expect(set.code).toBe(0);
    expect(`${set.stdout}${set.stderr}`).not.toContain(SECRET);
  });

  it("refuses a config with lint errors, pointing at smtpcfg lint", async () => {
    const dir = workspace(config().replace("tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c", "tenantId: common"));
    const result = await generate(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^smtpcfg\.yaml:4:15 error tenants\[0\]\.tenantId "common" is a multi-tenant alias/);
    expect(result.stderr).toContain("smtpcfg: smtpcfg.yaml has 1 error: nothing generated. Run: smtpcfg lint smtpcfg.yaml");
    expect(filesIn(dir)).toEqual(["fabrikam.secret", "smtpcfg.yaml"]);
  });

  it("quotes the config in the smtpcfg lint it asks to run for one with lint errors", async () => {
    const dir = workspace(config().replace("tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c", "tenantId: common"));
    renameSync(join(dir, "smtpcfg.yaml"), join(dir, "prod (eu).yaml"));
    const result = await generate(dir, "--config", "prod (eu).yaml");
    expect(result.code).toBe(2);
    const command = /\. Run: smtpcfg (.+)\n$/.exec(result.stderr)?.[1] ?? "";
    expect(shellWords(command)).toEqual(["lint", "prod (eu).yaml"]);
  });

  it("says so when there is no config", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smtpcfg-generate-"));
    const result = await generate(dir);
    expect(result).toMatchObject({
      code: 2,
      stderr: "smtpcfg: no config smtpcfg.yaml; name one with --config (smtpcfg generate --help)\n",
    });
  });

  describe("--check", () => {
    it("exits 0 and writes nothing when everything is current", async () => {
      const dir = workspace();
      await generate(dir);
      const before = snapshot(dir);
      const result = await generate(dir, "--check");
      expect(result).toEqual({ code: 0, stdout: "", stderr: "smtpcfg: generated: 6 generated files up to date\n" });
      expect(snapshot(dir)).toEqual(before);
    });

    it("exits 1 listing stale, missing and extra files, and writes nothing", async () => {
      const dir = workspace();
      await generate(dir);
      const out = join(dir, "generated");
      writeFileSync(
        join(out, "contoso/02-exchange-online.ps1"),
        `${readFileSync(join(out, "contoso/02-exchange-online.ps1"), "utf8")}# edited\n`,
      );
      rmSync(join(out, "fabrikam/01-entra-app.ps1"));
      mkdirSync(join(out, "northwind"));
      writeFileSync(join(out, "northwind/01-entra-app.ps1"), readFileSync(join(out, "contoso/01-entra-app.ps1")));
      writeFileSync(join(out, "contoso/notes.md"), "not generated, never reported\n");
      const before = snapshot(dir);
      const result = await generate(dir, "--check");
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(
        [
          "  stale   generated/contoso/02-exchange-online.ps1",
          "  missing generated/fabrikam/01-entra-app.ps1",
          "  extra   generated/northwind/01-entra-app.ps1",
          "",
        ].join("\n"),
      );
      expect(result.stderr).toBe(
        "smtpcfg: generated: 3 files out of date with smtpcfg.yaml; run: smtpcfg generate --config smtpcfg.yaml --out generated\n",
      );
      expect(snapshot(dir)).toEqual(before);
    });

    it("quotes the config, folder and tenant in the command it asks to run, so that it runs as copied", async () => {
      const dir = workspace();
      renameSync(join(dir, "smtpcfg.yaml"), join(dir, "prod config.yaml"));
      const args = ["--config", "prod config.yaml", "--out", "out $HOME", "--tenant", "contoso"];
      await generate(dir, ...args);
      writeFileSync(join(dir, "out $HOME/contoso/01-entra-app.ps1"), "# edited\n");
      const { code, stderr } = await generate(dir, "--check", ...args);
      expect(code).toBe(1);
      const command = /; run: smtpcfg (.+)\n$/.exec(stderr)?.[1] ?? "";
      expect(shellWords(command)).toEqual(["generate", ...args]);
    });

    it("finds every file stale when the config changes, as each names the config's hash", async () => {
      const dir = workspace();
      await generate(dir);
      writeFileSync(join(dir, "smtpcfg.yaml"), `# a comment\n${config()}`);
      const result = await generate(dir, "--check");
      expect(result.code).toBe(1);
      expect(result.stdout.trim().split("\n")).toHaveLength(6);
    });
  });

  it("removes generated files the config no longer gives, and their emptied folder", async () => {
    const dir = workspace();
    await generate(dir);
    writeFileSync(
      join(dir, "smtpcfg.yaml"),
      config()
        .replace(/ {2}- name: fabrikam[\s\S]*$/, "")
        .replace("    omada:\n      - name: prod\n        mailbox: omada-notify@contoso.com\n", ""),
    );
    const result = await generate(dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("  removed generated/fabrikam/01-entra-app.ps1 (the config no longer gives it)");
    expect(filesIn(join(dir, "generated"))).toEqual(["contoso/01-entra-app.ps1", "contoso/02-exchange-online.ps1"]);
    expect(existsSync(join(dir, "generated/fabrikam"))).toBe(false);
  });

  describe("removing what the config no longer gives", () => {
    /** A workspace generated into `out`, with a copy of a generated file at each of `copies`. */
    async function withCopies(out: string, copies: string[]): Promise<string> {
      const dir = workspace();
      expect((await generate(dir, "--out", out)).code).toBe(0);
      const generated = readFileSync(join(dir, out, "contoso/prod.notificationSettings.xml"));
      for (const copy of copies) {
        mkdirSync(join(dir, out, copy, ".."), { recursive: true });
        writeFileSync(join(dir, out, copy), generated);
      }
      return dir;
    }

    it("leaves a folder no tenant can be named after, and what is in it, even with --out .", async () => {
      const copies = ["Old.Backup/prod.notificationSettings.xml", "Old.Backup/01-entra-app.ps1", "Contoso/prod.notificationSettings.xml"];
      const dir = await withCopies(".", copies);
      const checked = await generate(dir, "--out", ".", "--check");
      expect(checked).toMatchObject({ code: 0, stdout: "" });
      const result = await generate(dir, "--out", ".");
      expect(result.code).toBe(0);
      expect(result.stderr).not.toContain("removed");
      for (const copy of copies) expect(existsSync(join(dir, copy)), copy).toBe(true);
    });

    it("leaves a notificationSettings file whose name no Omada environment can have", async () => {
      const dir = await withCopies("generated", ["contoso/prod.old.notificationSettings.xml", "contoso/Prod.notificationSettings.xml"]);
      expect((await generate(dir, "--check")).code).toBe(0);
      expect((await generate(dir)).stderr).not.toContain("removed");
      expect(filesIn(join(dir, "generated"))).toEqual(
        [...ALL, "contoso/prod.old.notificationSettings.xml", "contoso/Prod.notificationSettings.xml"].sort(),
      );
    });

    it("still removes a tenant's generated copy named as an Omada environment can be", async () => {
      const dir = await withCopies("generated", ["northwind/test.notificationSettings.xml"]);
      const result = await generate(dir);
      expect(result.stderr).toContain("  removed generated/northwind/test.notificationSettings.xml (the config no longer gives it)\n");
      expect(existsSync(join(dir, "generated/northwind"))).toBe(false);
    });

    it("with --tenant, never removes another tenant's files", async () => {
      const dir = await withCopies("generated", ["northwind/prod.notificationSettings.xml"]);
      expect((await generate(dir, "--tenant", "contoso", "--check")).code).toBe(0);
      const result = await generate(dir, "--tenant", "contoso");
      expect(result.code).toBe(0);
      expect(result.stderr).not.toContain("removed");
      expect(existsSync(join(dir, "generated/northwind/prod.notificationSettings.xml"))).toBe(true);
      expect(filesIn(join(dir, "generated"))).toContain("fabrikam/prod.notificationSettings.xml");
    });
  });

  describe("files smtpcfg did not generate", () => {
    it("are never replaced without --force: nothing is written, exit 2", async () => {
      const dir = workspace();
      mkdirSync(join(dir, "out/contoso"), { recursive: true });
      writeFileSync(join(dir, "out/contoso/02-exchange-online.ps1"), "# my own script\n");
      const result = await generate(dir, "--out", "out");
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        "smtpcfg: out/contoso/02-exchange-online.ps1 was not generated by smtpcfg (it has no generated header)\nsmtpcfg: nothing written: move it away, or run again with --force to replace it\n",
      );
      expect(filesIn(join(dir, "out"))).toEqual(["contoso/02-exchange-online.ps1"]);
      expect(readFileSync(join(dir, "out/contoso/02-exchange-online.ps1"), "utf8")).toBe("# my own script\n");
    });

    it("are replaced with --force", async () => {
      const dir = workspace();
      mkdirSync(join(dir, "out/contoso"), { recursive: true });
      writeFileSync(join(dir, "out/contoso/02-exchange-online.ps1"), "# my own script\n");
      const result = await generate(dir, "--out", "out", "--force");
      expect(result.code).toBe(0);
      expect(readFileSync(join(dir, "out/contoso/02-exchange-online.ps1"), "utf8")).toMatch(
        /^# Generated by smtpcfg generate from smtpcfg\.yaml/,
      );
    });

    it("are never removed as extra", async () => {
      const dir = workspace();
      mkdirSync(join(dir, "generated/old"), { recursive: true });
      writeFileSync(join(dir, "generated/old/01-entra-app.ps1"), "# hand-written\n");
      expect((await generate(dir)).code).toBe(0);
      expect((await generate(dir, "--check")).code).toBe(0);
      expect(readFileSync(join(dir, "generated/old/01-entra-app.ps1"), "utf8")).toBe("# hand-written\n");
    });
  });

  it("--only writes and checks only those kinds of file", async () => {
    const dir = workspace();
    expect((await generate(dir, "--only", "omada")).code).toBe(0);
    expect(filesIn(join(dir, "generated"))).toEqual(["contoso/prod.notificationSettings.xml", "fabrikam/prod.notificationSettings.xml"]);
    expect((await generate(dir, "--only", "omada", "--check")).code).toBe(0);
    expect((await generate(dir, "--only", "entra", "--only", "exchange")).code).toBe(0);
    expect(filesIn(join(dir, "generated"))).toEqual(ALL);
    const wrong = await generate(dir, "--only", "graph");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Invalid values:");
  });

  it("--tenant writes and checks only those tenants, and names the tenants when one is unknown", async () => {
    const dir = workspace();
    expect((await generate(dir, "--tenant", "fabrikam")).code).toBe(0);
    expect(filesIn(join(dir, "generated"))).toEqual(ALL.filter((name) => name.startsWith("fabrikam/")));
    expect((await generate(dir, "--tenant", "fabrikam", "--check")).code).toBe(0);
    const all = await generate(dir, "--check");
    expect(all.code).toBe(1);
    expect(all.stdout).toContain("  missing generated/contoso/01-entra-app.ps1");
    const unknown = await generate(dir, "--tenant", "contso");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^smtpcfg: --tenant contso: no such tenant in smtpcfg\.yaml \(it has contoso, fabrikam\)/);
  });

  describe("an option given with no value (--tenant $TENANT, the variable empty)", () => {
    it.each([
      [["--check", "--tenant"], "--tenant needs a value"],
      [["--check", "-t", "--force"], "--tenant needs a value"],
      [["--check", "--tenant="], "--tenant needs a value"],
      [["--check", "--tenant", ""], "--tenant needs a value"],
      [["--check", "--tenant", "contoso", "--tenant", " "], "--tenant needs a value"],
      [["--check", "--only"], "--only needs a value"],
      [["--check", "--out"], "--out needs a value"],
      [["--check", "-o", ""], "--out needs a value"],
      [["--check", "--config"], "--config needs a value"],
      [["--tenant"], "--tenant needs a value"],
      [["--only", "--force"], "--only needs a value"],
      [["--out"], "--out needs a value"],
    ])("%j is a usage error in one line, exit 2, nothing checked or written", async (argv, message) => {
      const dir = workspace();
      const result = await generate(dir, ...argv);
      expect(result).toEqual({ code: 2, stdout: "", stderr: `smtpcfg: ${message} (smtpcfg generate --help)\n` });
      expect(filesIn(dir)).toEqual(["fabrikam.secret", "smtpcfg.yaml"]);
    });
  });

  it("takes --config and --out relative to the working directory, and names only the config's file name in headers", async () => {
    const dir = workspace();
    mkdirSync(join(dir, "configs"));
    writeFileSync(join(dir, "configs/prod.smtpcfg.yaml"), config().replace("{ file: fabrikam.secret }", "{ file: ../fabrikam.secret }"));
    const result = await generate(dir, "--config", "configs/prod.smtpcfg.yaml", "--out", "build/ps");
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, "build/ps/contoso/01-entra-app.ps1"), "utf8")).toMatch(
      /^# Generated by smtpcfg generate from prod\.smtpcfg\.yaml \(SHA-256 [0-9a-f]{64}\)\.\n/,
    );
  });
});
