import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fakeAccessToken } from "./fake-token.js";
import {
  smtpDrippingGreeting,
  smtpDroppingMidData,
  smtpStallingTls,
  smtpStrippingStarttls,
  smtpWithoutGreeting,
  smtpWithUntrustedCertificate,
} from "./hostile-smtp.js";
import type { LoopbackServer } from "./loopback.js";
import { makeServerTls, type ServerTls } from "./test-ca.js";
import { startTokenEndpoint } from "./token-endpoint.js";
import { carriesInClear } from "./wire-search.js";

// The hostile servers checked with a real client, curl, before verify is tested against them: a
// server that does not misbehave as its name says would let a verify test pass for nothing.

const dir = mkdtempSync(join(tmpdir(), "smtpcfg-hostile-"));
const caFile = join(dir, "ca.pem");
const mailFile = join(dir, "mail.eml");
let tls: ServerTls;
const running: LoopbackServer[] = [];
const token = fakeAccessToken({
  tenantId: "2487abfa-47fc-4f60-8af4-2b857b17432c",
  clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
  servicePrincipalObjectId: "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f",
});

beforeAll(async () => {
  tls = await makeServerTls();
  writeFileSync(caFile, tls.caCertPem);
  writeFileSync(mailFile, `From: a@contoso.com\r\nTo: b@contoso.com\r\nSubject: test\r\n\r\n${"line of text\r\n".repeat(2000)}`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function started<T extends LoopbackServer>(server: Promise<T>): Promise<T> {
  running.push(await server);
  return running.at(-1) as T;
}

/** curl's exit code (https://curl.se/libcurl/c/libcurl-errors.html) and output; a hung transfer ends at --max-time. */
function curl(args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile("curl", ["--silent", "--max-time", "5", ...args], (error, stdout) => {
      const code = error ? Number((error as { code?: unknown }).code) : 0;
      resolve({ code, stdout });
    });
  });
}

const TOKEN_PATH = "/contoso.onmicrosoft.com/oauth2/v2.0/token";
const smtpUrl = (port: number) => `smtp://127.0.0.1:${port}`;
const sendAs = (port: number, tlsArgs: string[]) =>
  curl([
    smtpUrl(port),
    ...tlsArgs,
    "--cacert",
    caFile,
    "--login-options",
    "AUTH=XOAUTH2",
    "--user",
    "a@contoso.com",
    "--oauth2-bearer",
    token,
    "--mail-from",
    "a@contoso.com",
    "--mail-rcpt",
    "b@contoso.com",
    "--upload-file",
    mailFile,
  ]);

describe("the hostile token endpoints", () => {
  const post = (authority: string) =>
    curl(["--cacert", caFile, "--data", "grant_type=client_credentials", `${authority}${TOKEN_PATH}`, "--write-out", "\n%{http_code}"]);

  it("answers a token, or an HTTP status, over TLS signed by the test CA", async () => {
    const good = await started(startTokenEndpoint(tls, { kind: "token", accessToken: token }));
    const answer = await post(good.authority);
    expect(answer.code).toBe(0);
    expect(JSON.parse(answer.stdout.split("\n")[0] as string)).toMatchObject({ token_type: "Bearer", access_token: token });
    const down = await started(startTokenEndpoint(tls, { kind: "status", status: 503 }));
    expect((await post(down.authority)).stdout).toBe("\n503");
    expect(down.requests()).toBe(1);
  });

  it("never answers, never ends its answer, resets the connection, or answers with a body that is not JSON", async () => {
    const silent = await started(startTokenEndpoint(tls, { kind: "silent" }));
    expect((await curl(["--max-time", "1", "--cacert", caFile, "--data", "x=y", `${silent.authority}${TOKEN_PATH}`])).code).toBe(28);
    const reset = await started(startTokenEndpoint(tls, { kind: "reset" }));
    expect((await post(reset.authority)).code).toBe(56);
    const drip = await started(startTokenEndpoint(tls, { kind: "drip" }));
    const dripped = await curl(["--max-time", "1", "--cacert", caFile, "--data", "x=y", `${drip.authority}${TOKEN_PATH}`]);
    expect(dripped.code).toBe(28);
    expect(dripped.stdout).toMatch(/^ +$/);
    const invalid = await started(startTokenEndpoint(tls, { kind: "invalid-json" }));
    const body = (await post(invalid.authority)).stdout.split("\n")[0] as string;
    expect(() => JSON.parse(body)).toThrow();
  });
});

describe("the hostile SMTP servers", () => {
  it("a STARTTLS stripper makes a client that falls back to clear text hand over its token, and one that requires TLS stop", async () => {
    const stripped = await started(smtpStrippingStarttls(tls));
    expect((await sendAs(stripped.port, ["--ssl-reqd"])).code).toBe(64);
    expect(carriesInClear(stripped.received(), token)).toBe(false);
    expect((await sendAs(stripped.port, ["--ssl"])).code).toBe(0);
    expect(carriesInClear(stripped.received(), token)).toBe(true);
  });

  it("the submission server behind the wiretap accepts the token over STARTTLS, where the tap sees only ciphertext", async () => {
    const dropping = await started(smtpDroppingMidData(tls));
    // The message is cut off in DATA: curl reports a failed transfer, after a successful AUTH over TLS.
    const run = await sendAs(dropping.port, ["--ssl-reqd"]);
    expect([55, 56]).toContain(run.code);
    expect(dropping.received().toString("latin1")).toMatch(/^EHLO .*\r\nSTARTTLS\r\n/);
    expect(carriesInClear(dropping.received(), token)).toBe(false);
  });

  it("an untrusted certificate at STARTTLS ends the session before AUTH", async () => {
    const untrusted = await started(smtpWithUntrustedCertificate());
    expect((await sendAs(untrusted.port, ["--ssl-reqd"])).code).toBe(60);
    expect(untrusted.received().toString("latin1")).toMatch(/STARTTLS\r\n/);
    expect(carriesInClear(untrusted.received(), token)).toBe(false);
  });

  it("a server that never greets, never ends its greeting, or stalls TLS holds the client until its own timeout", async () => {
    const silent = await started(smtpWithoutGreeting());
    expect((await curl(["--max-time", "1", smtpUrl(silent.port)])).code).toBe(28);
    expect(silent.received().length).toBe(0);
    const dripping = await started(smtpDrippingGreeting());
    expect((await curl(["--max-time", "1", smtpUrl(dripping.port)])).code).toBe(28);
    expect(dripping.received().length).toBe(0);
    const stalling = await started(smtpStallingTls());
    expect((await curl(["--max-time", "1", "--ssl-reqd", smtpUrl(stalling.port)])).code).toBe(28);
    const sent = stalling.received();
    // After STARTTLS, curl's TLS hello (a handshake record, type 22), never answered.
    expect(sent[sent.indexOf("STARTTLS\r\n") + 10]).toBe(22);
  });
});
