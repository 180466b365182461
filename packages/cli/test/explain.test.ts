import { readFileSync } from "node:fs";
import { join } from "node:path";
import { KNOWLEDGE, RULES, ruleDocsUrl } from "@smtpcfg/core";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const repo = join(import.meta.dirname, "../../..");
const explain = (...argv: string[]) => runCli(["explain", ...argv], { cwd: repo });
const json = async (...argv: string[]) => {
  const result = await explain(...argv, "--format", "json");
  return { code: result.code, stderr: result.stderr, report: JSON.parse(result.stdout) };
};
const matchedIds = (report: { matches: { id: string }[] }) => report.matches.map((match) => match.id);

describe("smtpcfg explain", () => {
  it("prints the cause, the fix, the commands with <name> markers and the links of an AADSTS code", async () => {
    const result = await explain("AADSTS7000215");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^invalid-client-secret: Entra ID rejected the client secret/);
    expect(result.stdout).toMatch(/\nCause\n {2}The client secret sent for app <app> \(client id <clientId>\)/);
    expect(result.stdout).toMatch(/\nFix\n {2}Put the secret's Value, not its Secret ID/);
    expect(result.stdout).toContain("\n  Connect-MgGraph -TenantId <tenantId> -Scopes 'Application.Read.All' -NoWelcome\n");
    expect(result.stdout).toContain("\nLinks\n  https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes\n");
    expect(result.stdout).not.toMatch(/undefined|\{(?:clientId|tenantId|app)\}/);
  });

  it("matches an SMTP reply as Exchange Online writes it, suffix, odd case and spacing included", async () => {
    const reply =
      "535  5.7.139 authentication unsuccessful, SmtpClientAuthentication is DISABLED for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information. [BN0PR04CA0123.namprd04.prod.outlook.com 2026-11-27T06:51:00.123Z 08DE2C4D5E6F7A8B]";
    const { code, report } = await json(reply);
    expect(code).toBe(0);
    expect(matchedIds(report)).toEqual(["smtp-auth-disabled-mailbox"]);
    expect(report.matches[0].commands).toContain("Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $false");
  });

  it("takes a reply code as several words, and prints every entry that shares it", async () => {
    const { report } = await json("535", "5.7.139");
    expect(matchedIds(report)).toEqual([
      "smtp-auth-disabled-tenant",
      "smtp-auth-disabled-mailbox",
      "conditional-access",
      "basic-auth-disabled",
    ]);
    const text = await explain("535", "5.7.3");
    expect(text.stdout).toMatch(/^smtp-auth-failed: /);
  });

  it("reads an msal-node error message", async () => {
    const message =
      "invalid_client: Error(s): 7000222 - Timestamp: 2026-11-27 06:51:00Z - Description: AADSTS7000222: The provided client secret keys for app '7a83471e-a8c7-4c06-8120-77b9aa56fa04' are expired. - Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd";
    expect(matchedIds((await json(message)).report)).toEqual(["client-secret-expired"]);
  });

  it.each(KNOWLEDGE.map((entry) => [entry.id]))("explains %s by its id, in any case", async (id) => {
    const { code, report } = await json(id.toUpperCase());
    expect(code).toBe(0);
    expect(matchedIds(report)).toEqual([id]);
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/undefined|\{(?:tenant|tenantId|app|clientId|servicePrincipalObjectId|mailbox|from|tokenOid)\}/);
  });

  it("explains a lint rule with its description and docs page", async () => {
    const rule = RULES.find((each) => each.meta.id === "secret-id-as-secret");
    const { code, report } = await json("secret-id-as-secret");
    expect(code).toBe(0);
    expect(report.matches).toEqual([{ kind: "rule", ...rule?.meta, docs: ruleDocsUrl("secret-id-as-secret") }]);
    const text = await explain("secret-id-as-secret");
    expect(text.stdout).toContain(`secret-id-as-secret (lint rule)\n  ${rule?.meta.description}\n`);
    expect(text.stdout).toContain(ruleDocsUrl("secret-id-as-secret"));
  });

  it("exits 1 with the closest entries when nothing is known by the text", async () => {
    const result = await explain("smtp-auth-disable");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^smtpcfg: nothing known as "smtp-auth-disable"\. Closest: smtp-auth-disabled, smtp-auth-disabled-/);
    const { code, report } = await json("535 5.7.8 Error: authentication failed");
    expect(code).toBe(1);
    expect(report.matches).toEqual([]);
    expect(report.closest).toHaveLength(3);
  });

  it("exits 1 for an AADSTS code no entry lists, naming it and the generic token endpoint entry first among the closest", async () => {
    const result = await explain("AADSTS99999999");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^smtpcfg: AADSTS99999999 is not in the knowledge base\. Closest: token-endpoint-error, AADSTS\d+ \([a-z-]+\), /,
    );
    const { code, report } = await json("AADSTS99999999");
    expect(code).toBe(1);
    expect(report.matches).toEqual([]);
    expect(report.closest[0]).toBe("token-endpoint-error");
    expect(report.closest.length).toBeGreaterThan(1);
    // A known code is still explained, and a known code next to an unknown one too.
    expect((await explain("AADSTS7000215")).code).toBe(0);
    expect((await json("AADSTS7000215 AADSTS99999999")).report.matches[0].id).toBe("invalid-client-secret");
  });

  it("lists every knowledge-base entry and every lint rule", async () => {
    const result = await explain("--list");
    expect(result.code).toBe(0);
    for (const entry of KNOWLEDGE)
      expect(result.stdout).toMatch(new RegExp(`^ {2}${entry.id} +${entry.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    for (const rule of RULES) expect(result.stdout).toMatch(new RegExp(`^ {2}${rule.meta.id} `, "m"));
    const { report } = await json("--list");
    expect(report.knowledge.map((entry: { id: string }) => entry.id)).toEqual(KNOWLEDGE.map((entry) => entry.id));
    expect(report.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.meta.id));
  });

  it("refuses --list with a query rather than drop the query unsaid", async () => {
    expect(await explain("AADSTS7000215", "--list")).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "smtpcfg: --list lists everything and takes no query: drop one or the other (smtpcfg explain --help)\n",
    });
  });

  it("exits 2 without a query, and shows help with examples", async () => {
    const empty = await explain();
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      "smtpcfg: name an AADSTS code, an SMTP reply, a knowledge-base id or a rule id, or use --list (smtpcfg explain --help)\n",
    );
    const help = await explain("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("smtpcfg explain --list");
    expect(help.stdout).toContain("smtpcfg explain AADSTS7000215");
  });
});

describe("docs/commands/explain.md", () => {
  it("shows what smtpcfg explain prints for AADSTS7000215", async () => {
    const page = readFileSync(join(repo, "docs/commands/explain.md"), "utf8");
    const shown = /^```text\n\$ smtpcfg explain AADSTS7000215\n([\s\S]*?)^```$/m.exec(page)?.[1];
    expect(shown).toBe((await explain("AADSTS7000215")).stdout);
  });

  it("shows what smtpcfg explain says, with exit code 1, for an AADSTS code it does not know", async () => {
    const page = readFileSync(join(repo, "docs/commands/explain.md"), "utf8");
    const shown = /^```text\n\$ smtpcfg explain AADSTS99999999\n([\s\S]*?)^```$/m.exec(page)?.[1];
    const result = await explain("AADSTS99999999");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(shown).toBe(result.stderr);
  });
});
