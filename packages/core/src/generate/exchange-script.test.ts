import { describe, expect, it } from "vitest";
import type { App, SmtpcfgConfiguration } from "../config/model.js";
import { generate } from "./generate.js";

const FROM = { configName: "smtpcfg.yaml", sha256: "a".repeat(64) };
const TENANT_ID = "2487abfa-47fc-4f60-8af4-2b857b17432c";

function exchangeScript(tenantId: string, apps: App[] = [smtpApp()]): string {
  const config = {
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
  const { files, problems } = generate(config, { from: FROM, configDir: "/c", outDir: "/c/out", only: ["exchange"] });
  expect(problems).toEqual([]);
  return files[0]?.text ?? "";
}

function smtpApp(overrides: Partial<App> = {}): App {
  return {
    name: "smtp",
    clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
    servicePrincipalObjectId: "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f",
    credential: { clientSecret: { env: "SECRET" } },
    ...overrides,
  };
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
