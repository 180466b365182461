import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeSource, loadConfig } from "@smtpcfg/core";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";
import { shellWords } from "./shell-words.js";

const fixtures = join(import.meta.dirname, "../../../fixtures");
const SECRET = "k7Q8~Rz.Omada_Exported-Secret-Value_9f3a2b1c";

const settings = (secret = SECRET) => `<?xml version="1.0" encoding="utf-8"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML">
  <smtp>
    <network host="smtp.office365.com" port="587" secureSocketOptions="StartTls">
      <azureAdClientCredentials
        instance="https://login.microsoftonline.com"
        clientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04"
        clientSecret="${secret}"
        tenantId="2487abfa-47fc-4f60-8af4-2b857b17432c"
        userName="omada-notify@contoso.com"
        scopes="https://outlook.office365.com/.default" />
    </network>
  </smtp>
</notificationSettings>
`;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-import-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("smtpcfg import", () => {
  it("prints a config as YAML on stdout, with a header that says what to check", async () => {
    const cwd = workspace({ "prod.notificationSettings.xml": settings() });
    const result = await runCli(["import", "prod.notificationSettings.xml", "--tenant-name", "contoso"], { cwd });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(
      /^# yaml-language-server: \$schema=.*\n# Imported by smtpcfg import from prod\.notificationSettings\.xml\./,
    );
    const config = loadConfig({ file: "smtpcfg.yaml", text: result.stdout, bom: false }).config;
    expect(config?.tenants[0]).toMatchObject({
      name: "contoso",
      tenantId: "2487abfa-47fc-4f60-8af4-2b857b17432c",
      cloud: "global",
      apps: [
        {
          name: "omada-smtp",
          clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
          credential: { clientSecret: { env: "CONTOSO_SMTP_SECRET" } },
        },
      ],
      omada: [{ name: "prod", mailbox: "omada-notify@contoso.com", secureSocketOptions: "StartTls" }],
    });
  });

  it("never prints the client secret of the file, and what it prints lints clean and matches the file", async () => {
    const cwd = workspace({ "notificationSettings.xml": settings() });
    const imported = await runCli(["import", "notificationSettings.xml"], { cwd });
    expect(imported.code).toBe(0);
    expect(`${imported.stdout}${imported.stderr}`).not.toContain(SECRET);
    expect(imported.stdout).toContain("clientSecret was not copied");
    writeFileSync(join(cwd, "smtpcfg.yaml"), imported.stdout);

    const lint = await runCli(["lint", "smtpcfg.yaml", "--max-warnings", "0"], { cwd });
    expect(lint).toMatchObject({ code: 0, stdout: "" });
    // The file itself: only the secret written into it is a finding, none of its values drift from the config.
    const compared = await runCli(["lint", "--config", "smtpcfg.yaml", "notificationSettings.xml", "--format", "compact"], { cwd });
    expect(compared.stdout).not.toContain("config-drift");
    expect(compared.stdout).toContain("[inline-secret]");
    expect(compared.stdout).not.toContain(SECRET);
  });

  it("prints the golden config of fixtures/import/relay", async () => {
    const cwd = join(fixtures, "import/relay");
    const result = await runCli(["import", "prod.notificationSettings.xml"], { cwd });
    expect(result).toEqual({ code: 0, stdout: readFileSync(join(cwd, "expected.smtpcfg.yaml"), "utf8"), stderr: "" });
  });

  it("exits 2 on a file that is not well-formed, and says to run lint --fix first", async () => {
    const cwd = workspace({});
    copyFileSync(join(fixtures, "xml/err/seed-sample.xml"), join(cwd, "omada.xml"));
    const result = await runCli(["import", "omada.xml"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^smtpcfg: omada\.xml:1:1: .*so it cannot be imported\. Run smtpcfg lint omada\.xml --fix first/);
  });

  it("quotes the file in the smtpcfg lint commands it asks to run", async () => {
    const cwd = workspace({});
    copyFileSync(join(fixtures, "xml/err/seed-sample.xml"), join(cwd, "omada prod.xml"));
    const result = await runCli(["import", "omada prod.xml"], { cwd });
    expect(result.code).toBe(2);
    const [, fix = "", lint = ""] = /Run smtpcfg (.+) first .*, then smtpcfg (.+) for what is left/.exec(result.stderr) ?? [];
    expect(shellWords(fix)).toEqual(["lint", "omada prod.xml", "--fix"]);
    expect(shellWords(lint)).toEqual(["lint", "omada prod.xml"]);
  });

  it("does not print the secret of a file it cannot read either", async () => {
    const broken = settings().replace("?>", ">").replace("<azureAdClientCredentials\n", "<azureAdClientCredentials>\n");
    const cwd = workspace({ "n.xml": broken });
    const result = await runCli(["import", "n.xml"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--fix first/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
  });

  it("exits 2 on values no config can hold, with lint's reason", async () => {
    const cwd = workspace({ "n.xml": settings("{{SECRET}}").replace("2487abfa-47fc-4f60-8af4-2b857b17432c", "common") });
    const result = await runCli(["import", "n.xml"], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('tenants[0].tenantId "common" is a multi-tenant alias');
  });

  it("exits 2 on a missing file, a --tenant-name the config cannot hold, or no file at all", async () => {
    const cwd = workspace({ "n.xml": settings() });
    expect(await runCli(["import", "missing.xml"], { cwd })).toMatchObject({
      code: 2,
      stderr: "smtpcfg: cannot read missing.xml: no such file or folder (ENOENT)\n",
    });
    const badName = await runCli(["import", "n.xml", "--tenant-name", "Contoso Ltd"], { cwd });
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/^smtpcfg: --tenant-name "Contoso Ltd" is not a name the config takes/);
    expect(badName.stdout).toBe("");
    expect((await runCli(["import"], { cwd })).code).toBe(2);
  });
});

describe("smtpcfg import, then smtpcfg generate, gives back every file of fixtures/xml/ok", () => {
  const folder = join(fixtures, "xml/ok");
  const files = readdirSync(folder).filter((name) => name.endsWith(".xml"));

  /** The attributes of network and azureAdClientCredentials, as Omada reads them. */
  function values(text: string): Map<string, string> {
    const found = new Map<string, string>();
    for (const [, element, attributes] of text.matchAll(/<(?:\w+:)?(network|azureAdClientCredentials)\b([^>]*)>/g)) {
      for (const [, name = "", value = ""] of (attributes ?? "").matchAll(/([\w:]+)="([^"]*)"/g)) {
        const read = name === "port" ? String(Number(value)) : value.toLowerCase().replace(/\/+$/, "");
        found.set(`${element}.${name}`, read);
      }
    }
    return found;
  }

  it.each(files)("%s", async (name) => {
    const cwd = workspace({});
    copyFileSync(join(folder, name), join(cwd, "prod.notificationSettings.xml"));
    const imported = await runCli(["import", "prod.notificationSettings.xml", "--tenant-name", "contoso"], { cwd });
    expect(imported.code).toBe(0);
    writeFileSync(join(cwd, "smtpcfg.yaml"), imported.stdout);
    const generated = await runCli(["generate", "--only", "omada"], { cwd });
    expect(generated.code, generated.stderr).toBe(0);

    const decode = (path: string) => {
      const decoded = decodeSource(path, readFileSync(path));
      if (!decoded.ok) throw new Error(decoded.diagnostic.message);
      return decoded.source.text;
    };
    const before = values(decode(join(cwd, "prod.notificationSettings.xml")));
    const after = values(decode(join(cwd, "generated/contoso/prod.notificationSettings.xml")));
    expect(before.size).toBeGreaterThan(0);
    for (const [key, value] of before) if (key !== "azureAdClientCredentials.clientSecret") expect(after.get(key), key).toBe(value);
    expect(after.get("azureAdClientCredentials.clientSecret")).toBe("{{client_secret}}");
  });
});

describe("docs/commands/import.md", () => {
  it("shows what smtpcfg import prints for fixtures/import/relay", () => {
    const page = readFileSync(join(import.meta.dirname, "../../../docs/commands/import.md"), "utf8");
    const shown = /^```yaml\n([\s\S]*?)^```$/m.exec(page)?.[1];
    expect(shown).toBe(readFileSync(join(fixtures, "import/relay/expected.smtpcfg.yaml"), "utf8"));
  });
});
