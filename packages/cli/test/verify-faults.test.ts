import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Diagnosis, MailboxReport, VerifyReport } from "@smtpcfg/core";
import { parseFault, type RunningEmulator } from "@smtpcfg/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWiretap } from "./hostile/wiretap.js";
import { emulate, verifyJson, verifyRun, type Workspace, workspace } from "./verify-fixture.js";

// Every fault the emulator can inject, each narrowed to its own app or mailbox so that one
// emulator carries them all; verify must name the cause (the knowledge base id) and render the fix
// with the names of the mailbox and app that failed, and of no other.
const SECRET = "Ft7~qW2eR.yU9iO_pA4sD6fG1hJ3kL8zX5cV0bN";

const app = (name: string, clientId: string, extra = "") => `      - name: ${name}
        clientId: ${clientId}${extra}
        credential:
          clientSecret: { env: FAULTS_SECRET }
`;
const mailbox = (address: string, appName: string, extra = "") => `      - address: ${address}
        app: ${appName}${extra}
`;

const CONFIG = `version: 1
tenants:
  - name: faults
    tenantId: 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0
    apps:
${app("mail", "11111111-1111-4111-8111-111111111111")}${app("consent", "22222222-2222-4222-8222-222222222222")}${app("unregistered", "33333333-3333-4333-8333-333333333333")}${app("wrongsp", "44444444-4444-4444-8444-444444444444", "\n        applicationObjectId: 4b4b4b4b-4b4b-44b4-84b4-4b4b4b4b4b4b\n        servicePrincipalObjectId: 4a4a4a4a-4a4a-44a4-84a4-4a4a4a4a4a4a")}${app("expired", "55555555-5555-4555-8555-555555555555")}${app("down", "66666666-6666-4666-8666-666666666666")}    mailboxes:
${mailbox("consent@faults.com", "consent")}${mailbox("unregistered@faults.com", "unregistered")}${mailbox("wrongsp@faults.com", "wrongsp")}${mailbox("expired@faults.com", "expired")}${mailbox("down@faults.com", "down")}${mailbox("noperm@faults.com", "mail")}${mailbox("disabled@faults.com", "mail")}${mailbox("inherit@faults.com", "mail", "\n        smtpClientAuth: inherit")}${mailbox("sender@faults.com", "mail")}${mailbox("other@faults.com", "mail", "\n        access: [FullAccess, SendAs]")}  - name: slowpoke
    tenantId: 7e6d5c4b-3a29-4817-a6f5-e4d3c2b1a0f9
    apps:
${app("slow", "77777777-7777-4777-8777-777777777777")}    mailboxes:
${mailbox("slow@slowpoke.com", "slow")}`;

const FAULTS = [
  "consent-missing:consent",
  "sp-not-registered:unregistered",
  "wrong-sp-object-id:wrongsp",
  "secret-expired:expired",
  "token-endpoint-down:down",
  "no-mailbox-permission:noperm@faults.com",
  "smtp-auth-disabled-mailbox:disabled@faults.com",
  "smtp-auth-disabled-tenant:inherit@faults.com",
  "sendas-missing:other@faults.com",
  "latency:3000:slow",
].map(parseFault);

const ADDRESSES = [...CONFIG.matchAll(/address: (\S+)/g)].map((match) => match[1] as string);
const APPS = [...CONFIG.matchAll(/- name: (\S+)\n {8}clientId: (\S+)/g)].map((match) => ({
  name: match[1] as string,
  clientId: match[2] as string,
}));

let space: Workspace;
let emulator: RunningEmulator;
let endpoints: string;
let report: VerifyReport;
let exitCode: number;
const secrets = { "client secret": SECRET };

beforeAll(async () => {
  space = workspace(CONFIG, {}, { FAULTS_SECRET: SECRET });
  ({ emulator, endpoints } = await emulate(space, CONFIG, FAULTS));
  ({ code: exitCode, report } = await verifyJson(space, ["--endpoints", endpoints, "--tenant", "faults", "--concurrency", "8"], secrets));
});

afterAll(async () => {
  await emulator?.stop();
});

/**
 * The diagnosis's text names what the fix acts on (the failed mailbox's app, by name or client
 * id, and/or the mailbox), and no other app or mailbox of the config.
 */
function expectNames(diagnosis: Diagnosis, mailboxAddress: string, appName: string, names: "app" | "mailbox" | "both" | "neither"): void {
  const text = [diagnosis.cause, diagnosis.fix, ...diagnosis.commands].join("\n");
  const own = APPS.find((candidate) => candidate.name === appName) as { name: string; clientId: string };
  if (names === "app" || names === "both")
    expect(text.includes(own.clientId) || new RegExp(`\\b${appName}\\b`).test(text), text).toBe(true);
  if (names === "mailbox" || names === "both") expect(text).toContain(mailboxAddress);
  for (const other of ADDRESSES.filter((address) => address !== mailboxAddress)) expect(text).not.toContain(other);
  for (const other of APPS.filter((candidate) => candidate.name !== appName)) expect(text).not.toContain(other.clientId);
}

const mailboxReport = (address: string) => report.mailboxes.find((entry) => entry.mailbox === address) as MailboxReport;

describe("smtpcfg verify diagnoses every fault of the emulator", () => {
  it("fails the run (exit 1) and passes the mailboxes no fault reaches", () => {
    expect(exitCode).toBe(1);
    expect(report.passed).toBe(false);
    expect(mailboxReport("sender@faults.com").passed).toBe(true);
    expect(mailboxReport("other@faults.com").passed).toBe(true);
  });

  it.each([
    ["consent-missing", "consent@faults.com", "consent", "claims", "consent-missing", "app"],
    ["sp-not-registered", "unregistered@faults.com", "unregistered", "auth", "smtp-auth-failed", "both"],
    ["wrong-sp-object-id", "wrongsp@faults.com", "wrongsp", "claims", "wrong-sp-object-id", "both"],
    ["secret-expired", "expired@faults.com", "expired", "token", "client-secret-expired", "app"],
    ["token-endpoint-down", "down@faults.com", "down", "token", "token-endpoint-unreachable", "neither"],
    ["no-mailbox-permission", "noperm@faults.com", "mail", "auth", "smtp-auth-failed", "both"],
    ["smtp-auth-disabled-mailbox", "disabled@faults.com", "mail", "auth", "smtp-auth-disabled-mailbox", "mailbox"],
    ["smtp-auth-disabled-tenant", "inherit@faults.com", "mail", "auth", "smtp-auth-disabled-tenant", "mailbox"],
  ] as const)("%s: %s (app %s) fails at %s, diagnosed %s", (_fault, address, appName, step, id, names) => {
    const failed = mailboxReport(address);
    expect(failed.passed).toBe(false);
    expect(failed.steps.at(-1)).toMatchObject({ step, status: "failed" });
    expect(failed.diagnosis).toMatchObject({ id, step });
    expectNames(failed.diagnosis as Diagnosis, address, appName, names);
  });

  it("wrong-sp-object-id: the fix gives the real object id from the token", () => {
    const { diagnosis } = mailboxReport("wrongsp@faults.com");
    expect(diagnosis?.detail).toMatch(
      /^oid \(the service principal's object id\) is "[0-9a-f-]{36}", not the configured servicePrincipalObjectId 4a4a4a4a-/,
    );
    const oid = /is "([0-9a-f-]{36})"/.exec(diagnosis?.detail ?? "")?.[1] as string;
    expect(diagnosis?.fix).toContain(oid);
  });

  it("sendas-missing → sendas-denied when sending From a mailbox that no longer grants SendAs", async () => {
    const { code, report: sent } = await verifyJson(
      space,
      ["--endpoints", endpoints, "-m", "sender@faults.com", "--send", "--to", "admin@faults.com", "--from", "other@faults.com"],
      secrets,
    );
    expect(code).toBe(1);
    const [failed] = sent.mailboxes as [MailboxReport];
    expect(failed.steps.at(-1)).toMatchObject({ step: "send", status: "failed" });
    expect(failed.diagnosis).toMatchObject({ id: "sendas-denied", step: "send" });
    expect([failed.diagnosis?.fix, ...(failed.diagnosis?.commands ?? [])].join("\n")).toContain("other@faults.com");
  });

  it("latency beyond --timeout → timeout", async () => {
    const { code, report: slow } = await verifyJson(space, ["--endpoints", endpoints, "--tenant", "slowpoke", "--timeout", "0.3"], secrets);
    expect(code).toBe(1);
    expect(slow.mailboxes[0]?.diagnosis).toMatchObject({ id: "timeout", step: "token" });
  });

  it("prints the diagnosis with the PowerShell to run, naming the mailbox", async () => {
    const { code, stdout } = await verifyRun(space, ["--endpoints", endpoints, "-m", "disabled@faults.com"], secrets);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^✗ faults disabled@faults\.com \(app mail\) {2}credential \d+ ms · token \d+ ms · claims \d+ ms · starttls \d+ ms · auth \d+ ms$/m,
    );
    expect(stdout).toMatch(
      /^ {4}✗ auth +\d+ ms {2}535 5\.7\.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox\./m,
    );
    expect(stdout).toMatch(/^ {4}smtp-auth-disabled-mailbox: /m);
    expect(stdout).toMatch(/^ {6}Set-CASMailbox -Identity 'disabled@faults\.com' -SmtpClientAuthenticationDisabled \$false/m);
    expect(stdout).toMatch(/^smtpcfg verify: 1 of 1 mailbox failed/m);
  });
});

describe("smtpcfg verify against a server without STARTTLS", () => {
  it("no-starttls → starttls-missing, and the wire shows EHLO and STARTTLS, never AUTH or a token", async () => {
    const plain = await emulate(space, CONFIG, [parseFault("no-starttls")], "plain.json");
    // What verify sends, recorded by a tap between it and the emulator's SMTP server.
    const tap = await startWiretap({ port: plain.emulator.endpoints.smtpPort, close: () => plain.emulator.stop() });
    try {
      const endpoints = join(space.dir, "tapped.json");
      writeFileSync(endpoints, JSON.stringify({ ...plain.emulator.endpoints, smtpPort: tap.port }));
      const { code, report: refused } = await verifyJson(space, ["--endpoints", endpoints, "-m", "sender@faults.com"], secrets);
      expect(code).toBe(1);
      const [failed] = refused.mailboxes as [MailboxReport];
      expect(failed.steps.map((step) => [step.step, step.status])).toEqual([
        ["credential", "passed"],
        ["token", "passed"],
        ["claims", "passed"],
        ["starttls", "failed"],
      ]);
      expect(failed.diagnosis).toMatchObject({ id: "starttls-missing", step: "starttls" });
      expect(failed.diagnosis?.detail).toContain("the token was not sent");
      const sent = tap.received().toString("latin1");
      expect(sent).toMatch(/^EHLO \S+\r\nSTARTTLS\r\n/);
      expect(sent).not.toMatch(/AUTH|eyJ/);
    } finally {
      await tap.close();
    }
  });
});
