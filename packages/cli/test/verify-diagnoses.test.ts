import { createPrivateKey } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import type { MailboxReport } from "@smtpcfg/core";
import { createCertificateCredential, type RunningEmulator } from "@smtpcfg/emulator";
import { generate as makeCertificate } from "selfsigned";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeAccessToken } from "./hostile/fake-token.js";
import { smtpWithoutGreeting } from "./hostile/hostile-smtp.js";
import { type LoopbackServer, listenOnLoopback } from "./hostile/loopback.js";
import { makeServerTls, type ServerTls } from "./hostile/test-ca.js";
import { type HostileTokenEndpoint, startTokenEndpoint } from "./hostile/token-endpoint.js";
import { runCli } from "./run-cli.js";
import { emulate, verifyJson, type Workspace, workspace } from "./verify-fixture.js";

// What verify says when a step fails in a way its knowledge base has no single entry for, or
// before any server is asked: each against real servers on 127.0.0.1 (the emulator, smtp-server,
// an HTTPS token endpoint) with real keys and certificates made here.
const SECRET = "Zr4~kP7nW.qT2yH_vB9mC5xL8dF3gJ6sA0eU1iO";
const CONFIG = readFileSync(join(import.meta.dirname, "../../../examples/smtpcfg.yaml"), "utf8");
const MAILBOX = "omada-notify@contoso.com";
const [, tenantId, clientId, servicePrincipalObjectId] = CONFIG.match(
  /tenantId: (\S+)[\s\S]*?clientId: (\S+)[\s\S]*?servicePrincipalObjectId: (\S+)/,
) as [string, string, string, string];
const token = fakeAccessToken({ tenantId, clientId, servicePrincipalObjectId });

let space: Workspace;
let emulator: RunningEmulator;
let endpoints: string;
let tls: ServerTls;
let secrets: Record<string, string>;

beforeAll(async () => {
  const certificate = await createCertificateCredential({ commonName: "fabrikam-notifications" });
  space = workspace(
    CONFIG,
    { "certs/fabrikam-notifications.crt": certificate.certificatePem, "certs/fabrikam-notifications.key": certificate.privateKeyPem },
    { CONTOSO_SMTP_SECRET: SECRET },
  );
  secrets = { "client secret": SECRET, "private key": certificate.privateKeyPem, "access token": token };
  ({ emulator, endpoints } = await emulate(space, CONFIG));
  tls = await makeServerTls();
  writeFileSync(join(space.dir, "test-ca.pem"), tls.caCertPem);
});

afterAll(async () => {
  await emulator?.stop();
});

/** A config file beside the example, for verify only (the emulator keeps the example's). */
function variant(name: string, from: string, to: string): string {
  expect(CONFIG).toContain(from);
  writeFileSync(join(space.dir, name), CONFIG.replace(from, to));
  return join(space.dir, name);
}

/** A connection file with these endpoints. */
function connection(name: string, fields: object): string {
  writeFileSync(join(space.dir, name), JSON.stringify(fields));
  return join(space.dir, name);
}

/** A connection file for a token endpoint and an SMTP server of the test's own on this machine, trusted through the test CA. */
const localConnection = (name: string, authority: string, smtpPort: number) =>
  connection(name, { authority, smtpHost: "127.0.0.1", smtpPort, caFile: "test-ca.pem" });

/** verify --format json of one mailbox, with the example or another config of the workspace. */
async function verifyMailbox(args: string[], mailbox = MAILBOX, config = space.config): Promise<MailboxReport> {
  const { code, report } = await verifyJson({ ...space, config }, [...args, "--mailbox", mailbox], secrets);
  expect(code).toBe(1);
  return report.mailboxes[0] as MailboxReport;
}

/** An SMTP submission server (smtp-server, STARTTLS, AUTH XOAUTH2) that refuses every login with this reply. */
async function smtpRefusingLogin(reply: string): Promise<LoopbackServer> {
  const [code, ...text] = reply.split(" ");
  const server = new SMTPServer({
    key: tls.keyPem,
    cert: tls.certPem,
    authMethods: ["XOAUTH2"],
    logger: false,
    disableReverseLookup: true,
    onAuth: (_auth, _session, callback) => callback(Object.assign(new Error(text.join(" ")), { responseCode: Number(code) })),
  });
  server.on("error", () => {});
  return listenOnLoopback(server.server);
}

describe("verify with an SMTP reply its knowledge base has several entries for", () => {
  it("names each 535 5.7.139 cause for words none of them knows, and picks none", async () => {
    const reply =
      "535 5.7.139 Authentication unsuccessful, user is locked by your organization's security defaults policy. Contact your administrator.";
    const smtp = await smtpRefusingLogin(reply);
    const tokenEndpoint: HostileTokenEndpoint = await startTokenEndpoint(tls, { kind: "token", accessToken: token });
    try {
      const file = localConnection("locked.json", tokenEndpoint.authority, smtp.port);
      const mailbox = await verifyMailbox(["--endpoints", file]);
      expect(mailbox.diagnosis).toMatchObject({ step: "auth", title: `the server answered: ${reply}`, commands: [] });
      expect(mailbox.diagnosis?.id).toBeUndefined();
      for (const id of ["smtp-auth-disabled-tenant", "smtp-auth-disabled-mailbox", "conditional-access", "basic-auth-disabled"])
        expect(mailbox.diagnosis?.fix).toContain(`smtpcfg explain ${id}`);
      // The config says smtpClientAuth: enabled for this mailbox: no cause that it follows the organisation's setting.
      expect(mailbox.diagnosis?.cause).not.toMatch(/follows that setting/);
    } finally {
      await Promise.all([smtp.close(), tokenEndpoint.close()]);
    }
  });
});

describe("verify with a TLS failure at the token endpoint", () => {
  it("against the emulator without its caFile: token-endpoint-tls-failed, whose fix names caFile", async () => {
    const { caFile: _trusted, ...untrusted } = emulator.endpoints;
    const before = emulator.stats().tokenRequests;
    const mailbox = await verifyMailbox(["--endpoints", connection("no-ca.json", untrusted)]);
    expect(mailbox.diagnosis).toMatchObject({ step: "token", id: "token-endpoint-tls-failed" });
    expect(mailbox.diagnosis?.detail).toMatch(/certificate/);
    expect(mailbox.diagnosis?.fix).toContain("caFile");
    expect(mailbox.diagnosis?.fix).toContain("NODE_EXTRA_CA_CERTS");
    expect(emulator.stats().tokenRequests).toBe(before);
  });
});

describe("verify with a certificate credential msal-node cannot sign with", () => {
  const fabrikamKey = "certs/fabrikam-notifications.key";
  const fabrikamCertificate = "certs/fabrikam-notifications.crt";
  const withFiles = (name: string, files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) writeFileSync(join(space.dir, file), text);
    return variant(
      name,
      `certificateFile: ${fabrikamCertificate}\n            privateKeyFile: ${fabrikamKey}`,
      `certificateFile: ${Object.keys(files)[0]}\n            privateKeyFile: ${Object.keys(files)[1]}`,
    );
  };

  it("an EC P-256 certificate and key: private-key-not-rsa at the credential step, no token requested", async () => {
    const ec = await makeCertificate([{ name: "commonName", value: "fabrikam-ec" }], { keyType: "ec", algorithm: "sha256" });
    secrets["ec private key"] = ec.private;
    const config = withFiles("ec.yaml", { "certs/ec.crt": ec.cert, "certs/ec.key": ec.private });
    const before = emulator.stats().tokenRequests;
    const mailbox = await verifyMailbox(["--endpoints", endpoints], "noreply@fabrikam.com", config);
    expect(mailbox.steps.map((step) => [step.step, step.status])).toEqual([["credential", "failed"]]);
    expect(mailbox.diagnosis).toMatchObject({ step: "credential", id: "private-key-not-rsa" });
    expect(mailbox.diagnosis?.detail).toBe(
      "the file certs/ec.key holds an EC key (P-256): Entra ID's client assertions are signed with an RSA key of 2048 bits or more",
    );
    expect(mailbox.diagnosis?.fix).toContain("App registrations › notifications › Certificates & secrets");
    expect(emulator.stats().tokenRequests).toBe(before);
  });

  it("an encrypted private key: private-key-encrypted, not a file with no key", async () => {
    const rsa = await createCertificateCredential({ commonName: "fabrikam-encrypted" });
    const encrypted = createPrivateKey(rsa.privateKeyPem)
      .export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "correct horse" })
      .toString();
    secrets["encrypted private key"] = encrypted;
    const config = withFiles("encrypted.yaml", { "certs/encrypted.crt": rsa.certificatePem, "certs/encrypted.key": encrypted });
    const mailbox = await verifyMailbox(["--endpoints", endpoints], "noreply@fabrikam.com", config);
    expect(mailbox.diagnosis).toMatchObject({ step: "credential", id: "private-key-encrypted" });
    expect(mailbox.diagnosis?.detail).toMatch(/^the file certs\/encrypted\.key holds an encrypted private key/);
    expect(mailbox.diagnosis?.cause).toContain("certs/encrypted.key");
  });
});

describe("verify --timeout", () => {
  it("is the time the SMTP connection step may take, retries included", async () => {
    const sink = await smtpWithoutGreeting();
    const tokenEndpoint = await startTokenEndpoint(tls, { kind: "token", accessToken: token });
    try {
      const file = localConnection("sink.json", tokenEndpoint.authority, sink.port);
      const mailbox = await verifyMailbox(["--endpoints", file, "--timeout", "2"]);
      const starttls = mailbox.steps.find((step) => step.step === "starttls");
      expect(mailbox.diagnosis).toMatchObject({ step: "starttls", id: "timeout" });
      expect(starttls?.ms).toBeLessThan(3500);
    } finally {
      await Promise.all([sink.close(), tokenEndpoint.close()]);
    }
  });
});

describe("verify with a client secret written in the config", () => {
  it("rejected by Entra ID: the fix names no environment variable or file the config does not give", async () => {
    const wrong = "Wr0ng~Literal.Secret_Value-abcdefghijklmn";
    secrets["literal secret"] = wrong;
    // As a config may have it while a secret is tried out: lint then only warns.
    const config = variant("literal.yaml", "clientSecret: { env: CONTOSO_SMTP_SECRET }", `clientSecret: "${wrong}"`);
    writeFileSync(config, `${readFileSync(config, "utf8")}\nlint:\n  rules:\n    inline-secret: warn\n`);
    const mailbox = await verifyMailbox(["--endpoints", endpoints], MAILBOX, config);
    expect(mailbox.diagnosis).toMatchObject({ step: "token", id: "invalid-client-secret" });
    expect(`${mailbox.diagnosis?.cause}\n${mailbox.diagnosis?.fix}`).not.toMatch(/<variable>|<file>|environment variable|in the file/);
    expect(mailbox.diagnosis?.fix).toContain("Create a new client secret");
  });
});

describe("a CA file", () => {
  it("with a PEM block that is not a certificate: exit 2, before any network step", async () => {
    writeFileSync(join(space.dir, "garbage-ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n-----END CERTIFICATE-----\n");
    const file = connection("garbage-ca.json", { ...emulator.endpoints, caFile: "garbage-ca.pem" });
    const result = await runCli(["verify", "--endpoints", file], { cwd: space.dir, env: space.env });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: `smtpcfg: CA file ${join(space.dir, "garbage-ca.pem")} holds no usable certificate: its PEM block at line 1 does not decode as an X.509 certificate\n`,
    });
  });

  it("of two certificates joined without a line break: both trusted, the emulator's included", async () => {
    const emulatorCa = readFileSync(emulator.endpoints.caFile, "utf8");
    writeFileSync(join(space.dir, "joined-ca.pem"), `${(rootCertificates[0] as string).trim()}${emulatorCa.trim()}`);
    const file = connection("joined-ca.json", { ...emulator.endpoints, caFile: "joined-ca.pem" });
    const { code, report } = await verifyJson(space, ["--endpoints", file, "--mailbox", MAILBOX], secrets);
    expect(report.mailboxes[0]?.diagnosis).toBeUndefined();
    expect(code).toBe(0);
  });
});

describe("AADSTS7000218, as the emulator answers a token request without a secret or an assertion", () => {
  it("is explained as client-credential-not-sent", async () => {
    const { authority, caFile } = emulator.endpoints;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      scope: "https://outlook.office365.com/.default",
    });
    const answer = await new Promise<string>((resolve, reject) => {
      const outgoing = request(
        `${authority}/${tenantId}/oauth2/v2.0/token`,
        { method: "POST", ca: readFileSync(caFile, "utf8"), headers: { "content-type": "application/x-www-form-urlencoded" } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body.toString());
    });
    const description = (JSON.parse(answer) as { error_description: string }).error_description;
    expect(description).toMatch(/^AADSTS7000218: /);
    const explained = await runCli(["explain", description, "--format", "json"], { cwd: space.dir });
    expect(explained.code).toBe(0);
    expect((JSON.parse(explained.stdout) as { matches: { id: string }[] }).matches.map((match) => match.id)).toEqual([
      "client-credential-not-sent",
    ]);
  });
});
