import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { notificationSettings as xml } from "../../test/notification-settings.js";
import type { LintableConfig } from "../config/lintable.js";
import { loadConfig } from "../config/load.js";
import { notificationSettingsAttributes, renderNotificationSettings } from "../generate/notification-settings.js";
import { omadaTargets } from "../generate/targets.js";
import { lintConfig } from "../lint/lint-config.js";
import { lintFile } from "../lint/lint-file.js";
import { decodeSource, type SourceText } from "../source.js";
import { localName } from "../xml/document.js";
import { parseXml } from "../xml/parse.js";
import { importNotificationSettings, SCHEMA_URL } from "./import.js";
import { yamlString } from "./yaml-text.js";

const fixtures = join(import.meta.dirname, "../../../../fixtures");
const TODAY = "2026-11-26";

function read(path: string): SourceText {
  const decoded = decodeSource(path, readFileSync(path));
  if (!decoded.ok) throw new Error(decoded.diagnostic.message);
  return decoded.source;
}

function imported(source: SourceText, tenantName?: string) {
  const result = importNotificationSettings(source, tenantName === undefined ? {} : { tenantName });
  if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join("\n"));
  return result;
}

const source = (text: string, file = "notificationSettings.xml"): SourceText => ({ file, text, bom: false });

/** The notificationSettings generate writes for the config's one Omada entry. */
function regenerated(config: Parameters<typeof omadaTargets>[0]): string {
  const [target] = omadaTargets(config);
  if (!target) throw new Error("no Omada entry");
  const attributes = notificationSettingsAttributes(config, target);
  if (!attributes.ok) throw new Error(JSON.stringify(attributes.problems));
  return renderNotificationSettings(attributes.value, { configName: "smtpcfg.yaml", sha256: "0".repeat(64) });
}

// How Omada reads each value, written here apart from the code under test: ids, hosts, addresses and
// scopes without regard to case, ports as numbers, an authority with or without its trailing slash.
const semantic: Record<string, (value: string) => string> = {
  port: (value) => String(Number(value.trim())),
  instance: (value) => value.trim().toLowerCase().replace(/\/+$/, ""),
};
const normal = (name: string, value: string) => (semantic[name] ?? ((v: string) => v.trim().toLowerCase()))(value);

/** The values of the network element and its credentials, by element and attribute name. */
function settingsOf(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const document = parseXml(text);
  expect(document.syntaxError).toBeUndefined();
  for (const element of document.elements) {
    const name = localName(element.name);
    if (name !== "network" && name !== "azureAdClientCredentials") continue;
    for (const { name: key, value } of element.attributes) values.set(`${name}.${key}`, normal(key, value));
  }
  return values;
}

describe("import then generate gives back every file of fixtures/xml/ok", () => {
  const folder = join(fixtures, "xml/ok");
  const files = readdirSync(folder).filter((name) => name.endsWith(".xml"));

  it("finds the files", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(files)("%s", (name) => {
    const original = read(join(folder, name));
    const result = imported(original);

    it("has the same element and attribute values, but for the placeholder that stands for the client secret", () => {
      const before = settingsOf(original.text);
      const after = settingsOf(regenerated(result.config));
      for (const [key, value] of before) {
        if (key === "azureAdClientCredentials.clientSecret") continue;
        expect(after.get(key), key).toBe(value);
      }
      expect(after.get("azureAdClientCredentials.clientSecret")).toBe("{{client_secret}}");
      // What generate always writes: the authority, and a TLS mode (the file's, or StartTls).
      const added = [...after.keys()].filter((key) => !before.has(key));
      expect(added.every((key) => ["azureAdClientCredentials.instance", "network.secureSocketOptions"].includes(key))).toBe(true);
    });

    it("prints a config that smtpcfg lint accepts", () => {
      expect(lintConfig(source(result.text, "smtpcfg.yaml"), { today: TODAY }).filter((d) => d.severity === "error")).toEqual([]);
      expect(loadConfig(source(result.text, "smtpcfg.yaml")).config).toEqual(result.config);
    });

    it("is a file config-drift finds no drift in, against the imported config", async () => {
      const found = await lintFile(original, "xml", { config: result.config as LintableConfig, today: TODAY });
      expect(found.filter((d) => d.ruleId === "config-drift")).toEqual([]);
    });
  });
});

describe("import: golden cases fixtures/import/<case>/*.xml → expected.smtpcfg.yaml (UPDATE_GOLDEN=1 rewrites them)", () => {
  const root = join(fixtures, "import");
  const cases = readdirSync(root).filter((name) => statSync(join(root, name)).isDirectory());

  it.each(cases)("%s", (name) => {
    const input = readdirSync(join(root, name)).find((file) => file.endsWith(".xml")) as string;
    const result = imported({ ...read(join(root, name, input)), file: input });
    const expectedFile = join(root, name, "expected.smtpcfg.yaml");
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(expectedFile, result.text);
    expect(result.text).toBe(readFileSync(expectedFile, "utf8"));
  });
});

describe("import", () => {
  const SECRET = "r9Q8~kT3.vXw_Realistic-Looking-Secret-Value1";

  it("never copies the client secret: the app reads it from an environment variable", () => {
    const result = imported(source(xml({ clientSecret: SECRET })));
    expect(result.text).not.toContain(SECRET);
    expect(result.notes.join("\n")).not.toContain(SECRET);
    expect(result.config.tenants[0].apps?.[0]?.credential).toEqual({ clientSecret: { env: "CONTOSO_SMTP_SECRET" } });
    expect(result.text).toContain("clientSecret: { env: CONTOSO_SMTP_SECRET }");
    expect(result.text).toMatch(/clientSecret was not copied into the config, and this output does not show it/);
    expect(result.config.tenants[0].omada?.[0]?.secret).toBeUndefined();
  });

  it("says when the file's secret is the secret's ID", () => {
    expect(imported(source(xml({ clientSecret: "868b757a-7590-4bc2-910e-1e7db3d8f2e3" }))).text).toContain("AADSTS7000215");
  });

  it("starts with the schema for editors and says where it comes from", () => {
    const { text } = imported(source(xml(), "configs/prod.notificationSettings.xml"));
    expect(text.split("\n").slice(0, 2)).toEqual([
      `# yaml-language-server: $schema=${SCHEMA_URL}`,
      "# Imported by smtpcfg import from prod.notificationSettings.xml. Check before you use it:",
    ]);
    expect(
      text
        .split("\n")
        .slice(1)
        .filter((line) => line.startsWith("#") && line.length > 100),
    ).toEqual([]);
  });

  it("names the tenant after --tenant-name, or the organisation of the tenant's domain or of the mailbox's", () => {
    const name = (values: Parameters<typeof xml>[0], tenantName?: string) =>
      imported(source(xml(values)), tenantName).config.tenants[0].name;
    expect(name({}, "contoso-prod")).toBe("contoso-prod");
    expect(name({ tenantId: "Fabrikam.onmicrosoft.com" })).toBe("fabrikam");
    expect(name({ userName: "alerts@mail.northwind.co.uk" })).toBe("northwind");
    expect(name({ userName: "alerts@contoso.com" })).toBe("contoso");
  });

  it("names the Omada entry after the file, as generate names its files, or with a placeholder", () => {
    const name = (file: string) => imported(source(xml(), file)).config.tenants[0].omada?.[0]?.name;
    expect(name("generated/contoso/test.notificationSettings.xml")).toBe("test");
    expect(name("Prod Omada.xml")).toBe("prod-omada");
    expect(name("notificationSettings.xml")).toBe("omada");
  });

  it("names nothing after a device name of Windows, which generate could not name a file or folder after", () => {
    expect(imported(source(xml(), "con.xml")).config.tenants[0].omada?.[0]?.name).toBe("omada");
    expect(imported(source(xml({ tenantId: "aux.onmicrosoft.com", userName: "alerts@aux.com" }))).config.tenants[0].name).toBe("tenant");
    const result = importNotificationSettings(source(xml()), { tenantName: "nul" });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          kind: "usage",
          message: expect.stringMatching(/^--tenant-name "nul" is not a name the config takes: .*no device name of Windows/),
        },
      ],
    });
  });

  it("refuses a --tenant-name the config cannot hold", () => {
    const result = importNotificationSettings(source(xml()), { tenantName: "Contoso Ltd" });
    expect(result).toEqual({
      ok: false,
      problems: [{ kind: "usage", message: expect.stringMatching(/^--tenant-name "Contoso Ltd" is not a name/) }],
    });
  });

  it("puts the TLS mode and a port other than 587 into the Omada entry, and asks for StartTls when the file has no mode", () => {
    const omada = (values: Parameters<typeof xml>[0]) => imported(source(xml(values))).config.tenants[0].omada?.[0];
    expect(omada({ port: "465", secureSocketOptions: "sslonconnect" })).toMatchObject({ port: 465, secureSocketOptions: "SslOnConnect" });
    expect(omada({ secureSocketOptions: null })).toEqual({
      name: "omada",
      mailbox: "omada-notify@contoso.com",
      secureSocketOptions: "StartTls",
    });
    expect(imported(source(xml({ secureSocketOptions: null }))).notes.join(" ")).toMatch(
      /no secureSocketOptions, so Omada used StartTlsWhenAvailable/,
    );
  });

  it("keeps endpoints that are not the cloud's as overrides", () => {
    const tenant = imported(source(xml({ host: "relay.contoso.com", scopes: "https://outlook.office.com/.default" }))).config.tenants[0];
    expect(tenant.cloud).toBe("global");
    expect(tenant.endpoints).toEqual({ smtpHost: "relay.contoso.com", scope: "https://outlook.office.com/.default" });
  });

  it("cannot read a file that is not well-formed, and says to run lint --fix", () => {
    const result = importNotificationSettings(read(join(fixtures, "xml/err/seed-sample.xml")));
    expect(result.ok).toBe(false);
    const problem = result.ok ? undefined : result.problems[0];
    expect(problem?.kind).toBe("unreadable");
    expect(problem?.message).toMatch(
      /seed-sample\.xml:1:1: the XML declaration ends with ">" instead of "\?>".*Run smtpcfg lint .*seed-sample\.xml --fix first/,
    );
  });

  it("sends no file that is not XML to lint --fix, which would read it as a config or a script", () => {
    for (const file of ["smtpcfg.yaml", "setup.ps1", "settings.txt"]) {
      const result = importNotificationSettings({ file, text: "version: 1\ntenants: []\n", bom: false });
      const message = result.ok ? "" : (result.problems[0]?.message ?? "");
      expect(message).toContain("cannot be imported");
      expect(message).not.toContain("--fix");
      expect(message).toContain(`smtpcfg import takes an Omada notificationSettings XML file (.xml), and ${file} is not one`);
    }
  });

  it("refuses a file without client credentials, or without the values a config needs", () => {
    const noCredentials = importNotificationSettings(
      source('<notificationSettings><smtp><network host="h" port="25"/></smtp></notificationSettings>'),
    );
    expect(noCredentials.ok || noCredentials.problems[0]?.message).toMatch(/has no azureAdClientCredentials element/);
    const missing = importNotificationSettings(source(xml({ clientId: null, userName: "" })));
    expect(missing.ok || missing.problems[0]?.message).toMatch(
      /azureAdClientCredentials has no clientId, no userName, which the config needs/,
    );
  });

  it("refuses values that would make a config lint rejects, with lint's reason", () => {
    const result = importNotificationSettings(source(xml({ tenantId: "common" })));
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((problem) => problem.message);
    expect(messages[0]).toMatch(
      /the config made of it would not pass smtpcfg lint: tenants\[0\]\.tenantId "common" is a multi-tenant alias.*\[tenant-id-format\]$/,
    );
    expect(messages.at(-1)).toMatch(/^Correct notificationSettings\.xml first/);
  });
});

describe("yamlString", () => {
  it.each([
    ["contoso", "contoso"],
    ["https://login.microsoftonline.com", "https://login.microsoftonline.com"],
    ["omada-notify@contoso.com", "omada-notify@contoso.com"],
    ["7a83471e-a8c7-4c06-8120-77b9aa56fa04", "7a83471e-a8c7-4c06-8120-77b9aa56fa04"],
    ["true", '"true"'],
    ["No", '"No"'],
    ["587", '"587"'],
    ["1e3", '"1e3"'],
    ["2027-05-31", '"2027-05-31"'],
    ["a: b", '"a: b"'],
    ["key:", '"key:"'],
    ["#x", '"#x"'],
    ["@x", '"@x"'],
    ["{{X}}", '"{{X}}"'],
    ["line\nbreak", '"line\\nbreak"'],
    ["", '""'],
  ])("writes %j as %s", (value, expected) => {
    expect(yamlString(value)).toBe(expected);
    expect(loadConfig(source(`value: ${yamlString(value)}\n`, "x.yaml")).yaml?.data).toEqual({ value });
  });
});
