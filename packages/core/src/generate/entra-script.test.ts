import { describe, expect, it } from "vitest";
import type { App, SmtpcfgConfiguration } from "../config/model.js";
import { parsePowerShell } from "../powershell/parse.js";
import { generate } from "./generate.js";

const FROM = { configName: "smtpcfg.yaml", sha256: "a".repeat(64) };

function entraScript(apps: App[], omadaMailbox?: string): string {
  const config = {
    version: 1,
    tenants: [
      {
        name: "contoso",
        tenantId: "2487abfa-47fc-4f60-8af4-2b857b17432c",
        apps,
        mailboxes: apps.map((app, index) => ({ address: `notify${index}@contoso.com`, app: app.name })),
        ...(omadaMailbox === undefined ? {} : { omada: [{ name: "prod", mailbox: omadaMailbox }] }),
      },
    ],
  } as SmtpcfgConfiguration;
  const { files, problems } = generate(config, { from: FROM, configDir: "/c", outDir: "/c/out", only: ["entra"] });
  expect(problems).toEqual([]);
  return files[0]?.text ?? "";
}

const secretApp: App = {
  name: "smtp",
  clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
  credential: { clientSecret: { env: "SECRET" }, expires: "2027-01-15" },
};
const certificateApp: App = {
  name: "cert",
  clientId: "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091",
  credential: { certificate: { certificateFile: "cert.crt", privateKeyFile: "cert.key" }, expires: "2027-03-01" },
};

const callOf = (script: string, name: string) =>
  script.split("\n").find((line) => line.startsWith(`$apps += Set-SmtpSendAsApp -Name '${name}' `)) ?? "";

describe("client secrets of the Entra script", () => {
  it("never give a new secret the config's expires as its end date: that is the expiry of the secret it replaces", () => {
    const call = callOf(entraScript([secretApp]), "smtp");
    expect(call).toContain("-ConfiguredExpires '2027-01-15'");
    expect(call).toContain("-NewClientSecret:$NewClientSecret -ClientSecretEndDate $ClientSecretEndDate");
    expect(call).not.toMatch(/-ClientSecretEndDate '/);
  });

  it("take the configured date only for an app's first secret, and otherwise 180 days from today unless -ClientSecretEndDate says", () => {
    const script = entraScript([secretApp]);
    expect(script).toContain(
      "$configuredEndDate = if ($ConfiguredExpires -and $secretCount -eq 0) { ConvertTo-SecretEndDate $ConfiguredExpires } else { $null }",
    );
    expect(script).toContain("$DefaultSecretLifetimeDays = 180");
    expect(script).toContain("$endDate = (Get-Date).ToUniversalTime().Date.AddDays($DefaultSecretLifetimeDays)");
    // The order: the command line's date, then the configured one, then the default.
    const order = ["if ($ClientSecretEndDate) {", "elseif ($null -ne $configuredEndDate) {", "$endDate = (Get-Date)"].map((text) =>
      script.indexOf(text),
    );
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("say which end date the secret got, and to put it into the config when it differs", () => {
    const script = entraScript([secretApp]);
    expect(script).toContain("('Create a client secret that expires on {0} ({1})' -f $endDay, $origin)");
    expect(script).toContain(
      "Write-Warning ('It expires on {0} ({1}), not on {2} as the config''s credential.expires says: change that to {0} for app {3}, then run smtpcfg generate.' -f $endDay, $origin, $ConfiguredExpires, $Name)",
    );
  });

  it("take -ClientSecretEndDate as a script parameter, refused before connecting unless after today and within 24 months", async () => {
    const script = entraScript([secretApp]);
    expect(script).toContain("    [ValidatePattern('^\\d{4}-\\d{2}-\\d{2}$')] [string] $ClientSecretEndDate\n)");
    const check = script.indexOf("if ($ClientSecretEndDate -and $null -eq (ConvertTo-SecretEndDate $ClientSecretEndDate)) {");
    expect(check).toBeGreaterThan(0);
    expect(check).toBeLessThan(script.indexOf("\nConnect-MgGraph "));
    expect(script).toContain("if ($endDate -le $today -or $endDate -gt $today.AddMonths($LongestSecretLifetimeMonths)) { return $null }");
    expect(script).toContain("$LongestSecretLifetimeMonths = 24");
    expect((await parsePowerShell(script)).syntaxErrors).toEqual([]);
  });

  it("give a certificate app's secret for Omada the parameter's or the default end date, never the certificate's expiry", () => {
    const call = callOf(entraScript([certificateApp], "notify0@contoso.com"), "cert");
    expect(call).toContain("-NewClientSecret:$NewClientSecret -ClientSecretEndDate $ClientSecretEndDate");
    expect(call).not.toMatch(/2027-03-01|-ConfiguredExpires/);
  });

  it("leave the secret parameters out for an app that needs no secret", () => {
    const call = callOf(entraScript([certificateApp]), "cert");
    expect(call).not.toMatch(/ClientSecret|ConfiguredExpires/);
  });
});
