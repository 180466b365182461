import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MailboxReport, VerifyReport } from "@smtpcfg/core";
import { createCertificateCredential } from "@smtpcfg/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundledCli, buildBundledCli, runBundledCli } from "./bundled-cli.js";
import { fakeAccessToken } from "./hostile/fake-token.js";
import {
  smtpDrippingGreeting,
  smtpDroppingMidData,
  smtpStallingTls,
  smtpStrippingStarttls,
  smtpWithoutGreeting,
  smtpWithUntrustedCertificate,
} from "./hostile/hostile-smtp.js";
import { freePort, type LoopbackServer } from "./hostile/loopback.js";
import { startSubmissionServer } from "./hostile/smtp-submission.js";
import { makeServerTls, type ServerTls } from "./hostile/test-ca.js";
import { type HostileTokenEndpoint, startTokenEndpoint, type TokenEndpointBehaviour } from "./hostile/token-endpoint.js";
import { carriesInClear } from "./hostile/wire-search.js";
import type { TappedServer } from "./hostile/wiretap.js";
import { secretsIn } from "./secret-search.js";

// verify, run as the CLI ships, against token endpoints and SMTP servers that misbehave the ways a
// network does. Each run has --timeout 1: it must end (a run still going after 30 s is killed and
// fails its test) with the diagnosis that names what happened, retry only what may pass next time,
// and never put the access token on the wire in clear.

const examples = join(import.meta.dirname, "../../../examples");
const config = readFileSync(join(examples, "smtpcfg.yaml"), "utf8");
/** The example's contoso app and its first mailbox: what the fake token is made for. */
const [, tenantId, clientId, servicePrincipalObjectId] = config.match(
  /tenantId: (\S+)[\s\S]*?clientId: (\S+)[\s\S]*?servicePrincipalObjectId: (\S+)/,
) as [string, string, string, string];
const MAILBOX = "omada-notify@contoso.com";
/** fabrikam's mailbox, whose app has a certificate (made in beforeAll). */
const CERTIFICATE_MAILBOX = "noreply@fabrikam.com";
// Characters a form or URL encodes (+ / = @): a secret echoed in a request body appears encoded.
const SECRET = "Nw5~hO2sT.iL9e+N_eT7w/O1rK3f=A6uL8t@S4xY0zQ";
const token = fakeAccessToken({ tenantId, clientId, servicePrincipalObjectId });
const secrets: Record<string, string> = { "client secret": SECRET, "access token": token };

const dir = mkdtempSync(join(tmpdir(), "smtpcfg-network-faults-"));
let cli: BundledCli;
let tls: ServerTls;

beforeAll(async () => {
  cli = buildBundledCli();
  tls = await makeServerTls();
  writeFileSync(join(dir, "smtpcfg.yaml"), config);
  writeFileSync(join(dir, "ca.pem"), tls.caCertPem);
  const certificate = await createCertificateCredential({ commonName: "fabrikam-notifications" });
  mkdirSync(join(dir, "certs"));
  writeFileSync(join(dir, "certs/fabrikam-notifications.crt"), certificate.certificatePem);
  writeFileSync(join(dir, "certs/fabrikam-notifications.key"), certificate.privateKeyPem);
  secrets["private key"] = certificate.privateKeyPem;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  mailbox: MailboxReport;
  tokenEndpoint: HostileTokenEndpoint;
}

/** verify --format json of the mailbox against a connection file with this authority and SMTP port. */
async function verifyWith(authority: string, smtpPort: number, args: string[], mailbox = MAILBOX): Promise<MailboxReport> {
  const endpoints = join(dir, `endpoints-${new URL(authority).port}-${smtpPort}.json`);
  writeFileSync(endpoints, JSON.stringify({ authority, smtpHost: "127.0.0.1", smtpPort, caFile: "ca.pem" }));
  const argv = ["verify", "--endpoints", endpoints, "--mailbox", mailbox, "--timeout", "1", "--format", "json", ...args];
  const result = await runBundledCli(cli, argv, { cwd: dir, env: { CONTOSO_SMTP_SECRET: SECRET }, timeout: 30_000 });
  expect(result.signal, "verify outlived its timeouts").toBeNull();
  expect(secretsIn(result.stdout + result.stderr, secrets)).toEqual([]);
  expect(result.code, result.stderr).toBe(1);
  return (JSON.parse(result.stdout) as VerifyReport).mailboxes[0] as MailboxReport;
}

/** verify against a token endpoint that behaves so and an SMTP server, both closed afterwards. */
async function verifyAgainst(
  tokenBehaviour: TokenEndpointBehaviour,
  smtp: LoopbackServer,
  args: string[] = [],
  mailbox = MAILBOX,
): Promise<Run> {
  const tokenEndpoint = await startTokenEndpoint(tls, tokenBehaviour);
  try {
    return { mailbox: await verifyWith(tokenEndpoint.authority, smtp.port, args, mailbox), tokenEndpoint };
  } finally {
    await Promise.all([tokenEndpoint.close(), smtp.close()]);
  }
}

/** An SMTP server that must never be reached: the token endpoint fails first. */
const unreached = (): Promise<LoopbackServer> => startSubmissionServer({ tls });

describe("verify against a misbehaving token endpoint", () => {
  it.concurrent.each([
    ["answers 503", "token-endpoint-unreachable", { kind: "status", status: 503 }],
    ["resets the connection", "token-endpoint-unreachable", { kind: "reset" }],
  ] as const)("that %s: tries again, then names it (%s)", async (_name, id, behaviour) => {
    const { mailbox, tokenEndpoint } = await verifyAgainst(behaviour, await unreached());
    expect(mailbox.diagnosis).toMatchObject({ id, step: "token" });
    expect(tokenEndpoint.requests()).toBeGreaterThan(1);
  });

  it.concurrent.each([
    ["never answers", { kind: "silent" }],
    ["never ends its answer", { kind: "drip" }],
  ] as const)("that %s: timeout, once, within --timeout (retries included)", async (_name, behaviour) => {
    const { mailbox, tokenEndpoint } = await verifyAgainst(behaviour, await unreached());
    expect(mailbox.diagnosis).toMatchObject({ id: "timeout", step: "token" });
    expect(tokenEndpoint.requests()).toBe(1);
    expect(mailbox.steps.find((step) => step.step === "token")?.ms).toBeLessThan(2500);
  });

  it.concurrent.each([
    ["answers with a body that is not JSON", "token-endpoint-error", { kind: "invalid-json" }],
    [
      "refuses the client secret (AADSTS7000215)",
      "invalid-client-secret",
      {
        kind: "status",
        status: 401,
        body: {
          error: "invalid_client",
          error_description:
            "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '7a83471e-a8c7-4c06-8120-77b9aa56fa04'.",
          error_codes: [7000215],
        },
      },
    ],
  ] as const)("that %s: asks once, and names it (%s)", async (_name, id, behaviour) => {
    const { mailbox, tokenEndpoint } = await verifyAgainst(behaviour, await unreached());
    expect(mailbox.diagnosis).toMatchObject({ id, step: "token" });
    expect(tokenEndpoint.requests()).toBe(1);
  });

  it.concurrent("that repeats the request, client secret and all, in its error: shown with the secret hidden", async () => {
    const { mailbox, tokenEndpoint } = await verifyAgainst({ kind: "echo" }, await unreached());
    expect(mailbox.diagnosis).toMatchObject({ id: "token-endpoint-error", step: "token" });
    expect(mailbox.diagnosis?.detail).toMatch(/Request body: .*client_secret=‹secret hidden›/);
    expect(tokenEndpoint.requests()).toBe(1);
  });

  it.concurrent("that repeats the request of a certificate's app: the client assertion signed with its key is shown hidden", async () => {
    const { mailbox } = await verifyAgainst({ kind: "echo" }, await unreached(), [], CERTIFICATE_MAILBOX);
    expect(mailbox.diagnosis).toMatchObject({ id: "token-endpoint-error", step: "token" });
    expect(mailbox.diagnosis?.detail).toMatch(/Request body: .*client_assertion=‹secret hidden›&/);
  });

  it.concurrent("that accepts the connection and never starts TLS: timeout, once, within --timeout", async () => {
    const silent = await smtpWithoutGreeting();
    try {
      const mailbox = await verifyWith(`https://127.0.0.1:${silent.port}`, await freePort(), []);
      expect(mailbox.diagnosis).toMatchObject({ id: "timeout", step: "token" });
      expect(mailbox.steps.find((step) => step.step === "token")?.ms).toBeLessThan(2500);
      // The attempt opened a connection and sent its TLS hello, never answered; it used the step's whole time.
      expect(silent.received().toString("latin1").split("\x16\x03").length - 1).toBe(1);
    } finally {
      await silent.close();
    }
  });

  it.concurrent("that refuses the connection: token-endpoint-unreachable, and the fix names its port", async () => {
    const port = await freePort();
    const mailbox = await verifyWith(`https://127.0.0.1:${port}`, await freePort(), []);
    expect(mailbox.diagnosis).toMatchObject({ id: "token-endpoint-unreachable", step: "token" });
    expect(mailbox.diagnosis?.detail).toMatch(/ECONNREFUSED/);
    expect(mailbox.diagnosis?.fix).toContain(`reaches https://127.0.0.1:${port} over HTTPS (port ${port})`);
  });
});

describe("verify against a misbehaving SMTP server, with a good token", () => {
  const tokenIssued = { kind: "token", accessToken: token } as const;

  it.concurrent("that refuses the connection: smtp-unreachable", async () => {
    const closed = await freePort();
    const tokenEndpoint = await startTokenEndpoint(tls, tokenIssued);
    try {
      const mailbox = await verifyWith(tokenEndpoint.authority, closed, []);
      expect(mailbox.diagnosis).toMatchObject({ id: "smtp-unreachable", step: "starttls" });
      expect(mailbox.diagnosis?.detail).toMatch(/ECONNREFUSED/);
      // The port connected to, not Exchange Online's 587.
      expect(mailbox.diagnosis?.fix).toContain(`on port ${closed}.`);
      expect(mailbox.diagnosis?.commands).toEqual([`Test-NetConnection -ComputerName '127.0.0.1' -Port ${closed}`]);
    } finally {
      await tokenEndpoint.close();
    }
  });

  it.concurrent.each([
    ["never greets", "timeout", smtpWithoutGreeting],
    ["never ends its greeting", "timeout", smtpDrippingGreeting],
    ["agrees to STARTTLS and never answers the TLS handshake", "timeout", smtpStallingTls],
    ["presents an untrusted certificate at STARTTLS", "tls-failed", smtpWithUntrustedCertificate],
  ] as const)("that %s: stops before AUTH (%s)", async (_name, id, start) => {
    const smtp: TappedServer = await start();
    const { mailbox } = await verifyAgainst(tokenIssued, smtp);
    expect(mailbox.steps.find((step) => step.step === "token")?.status).toBe("passed");
    expect(mailbox.diagnosis).toMatchObject({ id, step: "starttls" });
    expect(carriesInClear(smtp.received(), token)).toBe(false);
    expect(smtp.received().toString("latin1")).not.toMatch(/AUTH/);
  });

  it.concurrent("behind a man in the middle who strips STARTTLS: starttls-missing, and the token never on the wire", async () => {
    const smtp = await smtpStrippingStarttls(tls);
    const { mailbox } = await verifyAgainst(tokenIssued, smtp);
    expect(mailbox.diagnosis).toMatchObject({ id: "starttls-missing", step: "starttls" });
    // What verify sent, before the attacker rewrote it: EHLO and STARTTLS, nothing after.
    expect(smtp.received().toString("latin1")).toMatch(/^EHLO \S+\r\nSTARTTLS\r\n(QUIT\r\n)?$/);
    expect(carriesInClear(smtp.received(), token)).toBe(false);
  });

  it.concurrent("that drops the connection in the middle of DATA: the send fails once, after AUTH over TLS", async () => {
    const smtp = await smtpDroppingMidData(tls);
    const { mailbox } = await verifyAgainst(tokenIssued, smtp, ["--send", "--to", "helpdesk@contoso.com"]);
    expect(mailbox.steps.find((step) => step.step === "auth")?.status).toBe("passed");
    expect(mailbox.diagnosis).toMatchObject({ id: "smtp-unreachable", step: "send" });
    expect(smtp.messages()).toBe(1);
    const sent = smtp.received();
    expect(sent.toString("latin1")).toMatch(/^EHLO \S+\r\nSTARTTLS\r\n/);
    // After STARTTLS, a TLS handshake record (type 22): everything else went encrypted.
    expect(sent[sent.indexOf("STARTTLS\r\n") + 10]).toBe(22);
    expect(carriesInClear(smtp.received(), token)).toBe(false);
  });
});
