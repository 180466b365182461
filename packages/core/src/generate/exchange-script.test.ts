import { describe, expect, it } from "vitest";
import type { LintableConfig } from "../config/lintable.js";
import type { App, SmtpcfgConfiguration } from "../config/model.js";
import { lintFile } from "../lint/lint-file.js";
import { parsePowerShell } from "../powershell/parse.js";
import { generate } from "./generate.js";

const FROM = { configName: "smtpcfg.yaml", sha256: "a".repeat(64) };
const TENANT_ID = "2487abfa-47fc-4f60-8af4-2b857b17432c";

function configOf(tenantId: string, apps: App[]): SmtpcfgConfiguration {
  return {
    version: 1,
    tenants: [
      {
        name: "contoso",
        tenantId,
        apps,
        mailboxes: apps.map((app, index) => ({ address: `notify${index}@contoso.com`, app: app.name })),
      },
    ],
  } as SmtpcfgConfiguration;
}

function exchangeScript(tenantId: string, apps: App[] = [smtpApp()]): string {
  const { files, problems } = generate(configOf(tenantId, apps), { from: FROM, configDir: "/c", outDir: "/c/out", only: ["exchange"] });
  expect(problems).toEqual([]);
  return files[0]?.text ?? "";
}

/** An app of the config; an override of undefined leaves the key out. */
function smtpApp(overrides: { [K in keyof App]?: App[K] | undefined } = {}): App {
  const app = {
    name: "smtp",
    clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
    servicePrincipalObjectId: "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f",
    credential: { clientSecret: { env: "SECRET" } },
    ...overrides,
  };
  return Object.fromEntries(Object.entries(app).filter(([, value]) => value !== undefined)) as unknown as App;
}

/** The script's lines from Connect-ExchangeOnline up to the first line that reads or changes Exchange Online's settings. */
function guardOf(script: string): string[] {
  const lines = script.split("\n");
  const connect = lines.findIndex((line) => line.startsWith("Connect-ExchangeOnline "));
  const firstUse = lines.findIndex((line) => line.includes("Get-TransportConfig"));
  expect(connect).toBeGreaterThan(0);
  expect(firstUse).toBeGreaterThan(connect);
  return lines.slice(connect + 1, firstUse);
}

describe("the Exchange Online script's tenant check", () => {
  it("checks the connection Connect-ExchangeOnline has just made, the newest, not every connection of the session", () => {
    const guard = guardOf(exchangeScript(TENANT_ID));
    expect(guard).toContain("$connection = Get-ConnectionInformation | Sort-Object -Property Id | Select-Object -Last 1");
    expect(guard).toContain(`if ($null -eq $connection -or $connection.TenantID -ne '${TENANT_ID}') {`);
    // An older connection to the config's tenant must not let a new one to another tenant pass.
    expect(guard.join("\n")).not.toMatch(/Get-ConnectionInformation \| Where-Object/);
    expect(guard.filter((line) => line.startsWith("    throw "))).toHaveLength(1);
  });

  it("for a tenant given by a domain, asks the new connection's accepted domains before any change", () => {
    const guard = guardOf(exchangeScript("contoso.onmicrosoft.com"));
    expect(guard).toContain("if (@(Get-AcceptedDomain | Where-Object { $_.DomainName -eq 'contoso.onmicrosoft.com' }).Count -eq 0) {");
    expect(guard.join("\n")).not.toMatch(/Get-ConnectionInformation/);
  });
});

const CLIENT_ID = "7a83471e-a8c7-4c06-8120-77b9aa56fa04";
const OBJECT_ID = "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";
const count = (script: string, pattern: RegExp) => script.split("\n").filter((line) => pattern.test(line)).length;

describe("the Exchange Online script for two apps with one client id", () => {
  it("registers the service principal once, with the first app, and gives both apps' mailboxes their permissions", async () => {
    const apps = [smtpApp({ name: "first" }), smtpApp({ name: "second", clientId: CLIENT_ID.toUpperCase() })];
    const script = exchangeScript(TENANT_ID, apps);
    expect(count(script, /New-ServicePrincipal /)).toBe(1);
    expect(count(script, /^\$registration = /)).toBe(1);
    expect(script).toContain(
      "Write-Host ('App {0} has the client id of app {1}: the same app registration, whose service principal is registered with Exchange Online above.' -f 'second', 'first')",
    );
    for (const address of ["notify0@contoso.com", "notify1@contoso.com"])
      expect(script).toContain(`$null = Add-MailboxPermission -Identity '${address}' -User '${OBJECT_ID}' -AccessRights FullAccess`);
    expect((await parsePowerShell(script)).syntaxErrors).toEqual([]);
    const config = configOf(TENANT_ID, apps) as LintableConfig;
    const diagnostics = await lintFile({ file: "02-exchange-online.ps1", text: script, bom: false }, "powershell", { config });
    expect(diagnostics.map((d) => `${d.range.start.line} ${d.message} [${d.ruleId}]`)).toEqual([]);
  });

  it("registers it once when both apps leave the object id to Microsoft Graph, which each app still asks for its mailboxes", () => {
    const apps = [
      smtpApp({ name: "first", servicePrincipalObjectId: undefined }),
      smtpApp({ name: "second", servicePrincipalObjectId: undefined }),
    ];
    const script = exchangeScript(TENANT_ID, apps);
    expect(count(script, /New-ServicePrincipal /)).toBe(1);
    expect(count(script, /^\$servicePrincipals = @\(Get-MgServicePrincipal /)).toBe(2);
  });

  it.each([
    ["two different ids", "4d5e6f70-8192-4a34-bc5d-6e7f80910213", "4d5e6f70-8192-4a34-bc5d-6e7f80910213"],
    ["an id and none", undefined, "none"],
  ])("stops before connecting when the config gives them %s", (_, secondObjectId, shown) => {
    const apps = [smtpApp({ name: "first" }), smtpApp({ name: "second", servicePrincipalObjectId: secondObjectId })];
    const script = exchangeScript(TENANT_ID, apps);
    expect(script).not.toMatch(/Connect-ExchangeOnline|New-ServicePrincipal|Add-MailboxPermission/);
    expect(script).toContain(
      `throw ('The config gives apps {0} and {1} the same client id {2}, so they are one app registration with one service principal, but different servicePrincipalObjectIds ({3} and {4}). Give both the object id of that service principal (Microsoft Entra admin center, Enterprise applications, the app, Overview, Object ID), run smtpcfg generate, then this script.' -f 'first', 'second', '${CLIENT_ID}', '${OBJECT_ID}', '${shown}')`,
    );
  });
});
