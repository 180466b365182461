import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { SmtpcfgConfiguration } from "../config/model.js";
import { lintFile } from "../lint/lint-file.js";
import { tenantEndpoints } from "./endpoints.js";
import { generate } from "./generate.js";
import { isGeneratedText } from "./header.js";
import { DEVICE_NAME, SLUG, SLUG_MAX_LENGTH, unsafeName } from "./names.js";
import { CLIENT_SECRET_PLACEHOLDER, notificationSettingsAttributes } from "./notification-settings.js";
import { omadaTargets } from "./targets.js";

const FROM = { configName: "smtpcfg.yaml", sha256: "a".repeat(64) };

function configWith(
  omada: Record<string, unknown>,
  credential: Record<string, unknown> = { clientSecret: { env: "SECRET" } },
): SmtpcfgConfiguration {
  return {
    version: 1,
    tenants: [
      {
        name: "contoso",
        tenantId: "2487abfa-47fc-4f60-8af4-2b857b17432c",
        cloud: "gcc-high",
        apps: [{ name: "smtp", clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04", credential }],
        mailboxes: [{ address: "Notify@Contoso.com", app: "smtp" }],
        omada: [{ name: "prod", mailbox: "notify@contoso.com", ...omada }],
      },
    ],
  } as SmtpcfgConfiguration;
}

describe("notificationSettingsAttributes", () => {
  it("gives the cloud's instance, host and scope, the app's client id and the entry's mailbox (matched ignoring case)", () => {
    const config = configWith({});
    const [target] = omadaTargets(config);
    expect(target?.app?.value.name).toBe("smtp");
    expect(notificationSettingsAttributes(config, target as NonNullable<typeof target>)).toEqual({
      ok: true,
      value: {
        network: { host: "smtp.office365.us", port: "587", secureSocketOptions: "StartTls" },
        azureAdClientCredentials: {
          instance: "https://login.microsoftonline.us",
          clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
          clientSecret: CLIENT_SECRET_PLACEHOLDER,
          tenantId: "2487abfa-47fc-4f60-8af4-2b857b17432c",
          userName: "notify@contoso.com",
          scopes: "https://outlook.office365.us/.default",
        },
        secret: "placeholder",
      },
    });
  });

  it("leaves a secret from the environment undefined without a resolver, and resolves it with one", () => {
    const config = configWith({ secret: "env" });
    const target = omadaTargets(config)[0] as NonNullable<ReturnType<typeof omadaTargets>[number]>;
    const unresolved = notificationSettingsAttributes(config, target);
    expect(unresolved.ok && unresolved.value.azureAdClientCredentials.clientSecret).toBeUndefined();
    const resolved = notificationSettingsAttributes(config, target, (reference) => ({ value: `value of ${JSON.stringify(reference)}` }));
    expect(resolved.ok && resolved.value.azureAdClientCredentials.clientSecret).toBe('value of {"env":"SECRET"}');
    const missing = notificationSettingsAttributes(config, target, () => ({
      problem: "names the environment variable SECRET, which is not set",
    }));
    expect(missing).toEqual({
      ok: false,
      problems: [
        {
          path: ["tenants", 0, "apps", 0, "credential", "clientSecret"],
          message: "names the environment variable SECRET, which is not set",
        },
      ],
    });
  });

  it("refuses env or inline for an app with a certificate, and inline for a referenced secret", () => {
    const certificate = configWith({ secret: "env" }, { certificate: { certificateFile: "c.crt", privateKeyFile: "c.key" } });
    const [target] = omadaTargets(certificate);
    const result = notificationSettingsAttributes(certificate, target as NonNullable<typeof target>);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.message).toMatch(/^is env, but app smtp authenticates with a certificate/);
    const inline = configWith({ secret: "inline" });
    const inlineResult = notificationSettingsAttributes(
      inline,
      omadaTargets(inline)[0] as NonNullable<ReturnType<typeof omadaTargets>[number]>,
    );
    expect(!inlineResult.ok && inlineResult.problems[0]).toEqual({
      path: ["tenants", 0, "omada", 0, "secret"],
      message: "is inline, but app smtp's clientSecret is a reference, not a literal: use secret: env to write the value it refers to",
    });
  });
});

describe("tenantEndpoints", () => {
  it("takes each endpoint from the tenant's block, then the top-level one, then the cloud", () => {
    const config = configWith({});
    config.endpoints = { smtpHost: "relay.example.com", scope: "https://top/.default", smtpPort: 2525 };
    (config.tenants[0] as { endpoints?: object }).endpoints = { scope: "https://own/.default" };
    expect(tenantEndpoints(config, config.tenants[0])).toMatchObject({
      authority: "https://login.microsoftonline.us",
      scope: "https://own/.default",
      smtpHost: "relay.example.com",
      smtpPort: 2525,
    });
  });
});

describe("generated names", () => {
  it("accept schema slugs and refuse paths and Windows device names", () => {
    expect(unsafeName("contoso-2")).toBeUndefined();
    for (const name of ["..", "a/b", "a\\b", "a.b", "", "Contoso", "-x"])
      expect(unsafeName(name), name).toMatch(/cannot name a generated folder/);
    for (const name of ["con", "nul", "com1", "lpt9", "aux", "prn"]) expect(unsafeName(name), name).toMatch(/device name on Windows/);
  });

  it("refuse the Windows device names the schema refuses, from the same pattern", () => {
    const schema = JSON.parse(readFileSync(new URL("../../../../schemas/smtpcfg.schema.json", import.meta.url), "utf8"));
    expect(schema.$defs.fileName.not.pattern).toBe(DEVICE_NAME.source);
  });

  it("accept the names the schema's slug accepts, from the same pattern and length", () => {
    const schema = JSON.parse(readFileSync(new URL("../../../../schemas/smtpcfg.schema.json", import.meta.url), "utf8"));
    expect(schema.$defs.slug.pattern).toBe(SLUG.source);
    expect(schema.$defs.slug.maxLength).toBe(SLUG_MAX_LENGTH);
    expect(unsafeName("a".repeat(SLUG_MAX_LENGTH))).toBeUndefined();
    expect(unsafeName("a".repeat(SLUG_MAX_LENGTH + 1))).toMatch(/cannot name a generated folder/);
  });

  it.each([
    "contoso",
    "con",
    "Con",
    "CON",
    "con.txt",
    "nul",
    "aux",
    "prn",
    "com0",
    "com9",
    "com10",
    "lpt1",
    "LPT1.log",
    "lpt",
    "console",
    "aux-1",
  ])("%s as a tenant or Omada name: lint reports it at the name exactly when generate refuses it", async (name) => {
    const text = [
      "version: 1",
      "tenants:",
      `  - name: ${name}`,
      "    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c",
      "  - name: fabrikam",
      "    tenantId: contoso.onmicrosoft.com",
      "    mailboxes: [{ address: notify@fabrikam.com, app: smtp }]",
      `    omada: [{ name: ${name}, mailbox: notify@fabrikam.com }]`,
      "    apps: [{ name: smtp, clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04, credential: { clientSecret: { env: SECRET } } }]",
      "",
    ].join("\n");
    const diagnostics = await lintFile({ file: "smtpcfg.yaml", text, bom: false }, "config");
    const reported = diagnostics.filter((d) => d.ruleId === "schema").map((d) => [d.range.start.line, d.range.start.column]);
    const config = parse(text) as SmtpcfgConfiguration;
    const refused = generate(config, { from: FROM, configDir: "/c", outDir: "/c/out", only: ["omada"] }).problems.map((p) => p.path);
    const unsafe = unsafeName(name) !== undefined;
    expect(reported).toEqual(
      unsafe
        ? [
            [3, 11],
            [8, 21],
          ]
        : [],
    );
    expect(refused).toEqual(
      unsafe
        ? [
            ["tenants", 0, "name"],
            ["tenants", 1, "omada", 0, "name"],
          ]
        : [],
    );
  });

  it("report an unsafe tenant name at its key and write nothing for that tenant", () => {
    const config = configWith({});
    (config.tenants[0] as { name: string }).name = "../evil";
    expect(generate(config, { from: FROM, configDir: "/c", outDir: "/c/out" })).toEqual({
      files: [],
      problems: [{ path: ["tenants", 0, "name"], message: expect.stringMatching(/^cannot name a generated folder or file/) }],
    });
  });
});

describe("the generated header", () => {
  it("is recognised at the start of a script and after an XML declaration, and nowhere else", () => {
    const files = generate(configWith({}), { from: FROM, configDir: "/c", outDir: "/c/out" }).files;
    expect(files.map((file) => file.path)).toEqual([
      "contoso/01-entra-app.ps1",
      "contoso/02-exchange-online.ps1",
      "contoso/prod.notificationSettings.xml",
    ]);
    for (const file of files) expect(isGeneratedText(file.text), file.path).toBe(true);
    expect(isGeneratedText(`\uFEFF${files[0]?.text}`)).toBe(true);
    expect(isGeneratedText(`# my notes\n${files[0]?.text}`)).toBe(false);
    expect(isGeneratedText('<?xml version="1.0"?>\n<root/>\n')).toBe(false);
  });

  it("names the config file without folders or characters that would end a comment", () => {
    const from = { configName: "a\n--b -->.yaml", sha256: "b".repeat(64) };
    const [entra, , xml] = generate(configWith({}), { from, configDir: "/c", outDir: "/c/out" }).files;
    expect(entra?.text.split("\n")[0]).toBe(`# Generated by smtpcfg generate from a_-b_-_.yaml (SHA-256 ${"b".repeat(64)}).`);
    expect(xml?.text.split("\n")[1]).toBe(`<!-- Generated by smtpcfg generate from a_-b_-_.yaml (SHA-256 ${"b".repeat(64)}).`);
  });
});
