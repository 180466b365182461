import { describe, expect, it } from "vitest";
import { CLOUDS } from "../clouds.js";
import { diagnose } from "./diagnose.js";

const names = { mailbox: "omada-notify@contoso.com", app: "omada-smtp", clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04" };
const SUFFIX = "[BN0PR04CA0123.namprd04.prod.outlook.com 2026-11-27T06:51:00.123Z 08DE2C4D5E6F7A8B]";
const replied = (said: string) => diagnose({ step: "auth", detail: said, said }, names);

describe("diagnose a server's answer", () => {
  it("names the one entry whose words the reply has", () => {
    const reply = `535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. ${SUFFIX}`;
    expect(replied(reply)).toMatchObject({ id: "smtp-auth-disabled-mailbox", step: "auth" });
  });

  it("picks none of the 535 5.7.139 entries for words none of them knows, and names each", () => {
    const reply = `535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator. ${SUFFIX}`;
    const diagnosis = replied(reply);
    expect(diagnosis.id).toBeUndefined();
    expect(diagnosis.title).toBe(`the server answered: ${reply}`);
    for (const id of ["smtp-auth-disabled-tenant", "smtp-auth-disabled-mailbox", "conditional-access", "basic-auth-disabled"]) {
      expect(diagnosis.cause).toContain(`(${id})`);
      expect(diagnosis.fix).toContain(`smtpcfg explain ${id}`);
    }
    expect(diagnosis.cause).toMatch(/^This answer fits 4 known causes, .* cannot say which it is: /);
    // No fix told as certain: no Set-CASMailbox for a mailbox the reply may not be about.
    expect(diagnosis.commands).toEqual([]);
    expect(diagnosis.links).toContain("https://aka.ms/smtp_auth_disabled");
    expect(new Set(diagnosis.links).size).toBe(diagnosis.links.length);
  });

  it("says nothing is known of an answer no entry matches", () => {
    expect(replied("535 5.7.8 Error: authentication failed")).toMatchObject({
      title: "the server answered: 535 5.7.8 Error: authentication failed",
      cause: "smtpcfg knows no cause for this answer.",
    });
  });
});

describe("diagnose for a tenant of a national cloud", () => {
  // Connect-ExchangeOnline and Connect-MgGraph sign in to the commercial cloud unless told another:
  // commands without the environment would sign a GCC High administrator in to the wrong cloud.
  it.each(Object.values(CLOUDS))("signs the commands in to Exchange Online and Microsoft Graph of the $name cloud", (cloud) => {
    const { commands } = diagnose({ step: "auth", id: "smtp-auth-failed", detail: "535 5.7.3 Authentication unsuccessful" }, names, cloud);
    const exchange = commands.filter((command) => command.startsWith("Connect-ExchangeOnline "));
    const graph = commands.filter((command) => command.startsWith("Connect-MgGraph "));
    expect(exchange.length).toBeGreaterThan(0);
    expect(graph.length).toBeGreaterThan(0);
    const commercial = cloud.exchangeEnvironmentName === CLOUDS.global.exchangeEnvironmentName;
    for (const command of exchange)
      expect(command.includes(`-ExchangeEnvironmentName '${cloud.exchangeEnvironmentName}'`)).toBe(!commercial);
    for (const command of graph) expect(command.includes(`-Environment '${cloud.graphEnvironment}'`)).toBe(!commercial);
  });
});
