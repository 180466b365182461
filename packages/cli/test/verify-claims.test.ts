import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MailboxReport } from "@smtpcfg/core";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fakeAccessToken } from "./hostile/fake-token.js";
import { type LoopbackServer, listenOnLoopback } from "./hostile/loopback.js";
import { startSubmissionServer } from "./hostile/smtp-submission.js";
import { makeServerTls, type ServerTls } from "./hostile/test-ca.js";
import { type HostileTokenEndpoint, startTokenEndpoint, type TokenEndpointBehaviour } from "./hostile/token-endpoint.js";
import { startWiretap } from "./hostile/wiretap.js";
import { verifyJson, type Workspace, workspace } from "./verify-fixture.js";

// verify against a token endpoint that issues the token a test makes: one request, no discovery,
// and every claim that rules a token out named before SMTP is tried. (Misbehaving servers are
// verify-network-faults.test.ts, with the built CLI.)
const SECRET = "Ho5~tI1eS.eR9vE_rS3aR7eB4aD2fO8rY6oU0!x";
const TENANT_ID = "2487abfa-47fc-4f60-8af4-2b857b17432c";
const CLIENT_ID = "7a83471e-a8c7-4c06-8120-77b9aa56fa04";
const SP_OBJECT_ID = "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";
/** The bundled example, of which these tests verify contoso's first mailbox (its ids above). */
const CONFIG = readFileSync(join(import.meta.dirname, "../../../examples/smtpcfg.yaml"), "utf8");

const good = { tenantId: TENANT_ID, clientId: CLIENT_ID, servicePrincipalObjectId: SP_OBJECT_ID };
const token = fakeAccessToken(good);
const secrets = { "client secret": SECRET, "access token": token };
let space: Workspace;
let tls: ServerTls;
const running: LoopbackServer[] = [];

beforeAll(async () => {
  space = workspace(CONFIG, {}, { CONTOSO_SMTP_SECRET: SECRET });
  tls = await makeServerTls();
  writeFileSync(join(space.dir, "ca.pem"), tls.caCertPem);
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

async function tokenEndpoint(behaviour: TokenEndpointBehaviour): Promise<HostileTokenEndpoint> {
  const endpoint = await startTokenEndpoint(tls, behaviour);
  running.push(endpoint);
  return endpoint;
}

async function started<T extends LoopbackServer>(server: Promise<T>): Promise<T> {
  const server_ = await server;
  running.push(server_);
  return server_;
}

/** verify --format json with a connection file naming these servers and the test CA, the token endpoint issuing `issued`; the one mailbox's report. */
async function verifyAgainst(
  issued: string,
  smtpPort: number,
  args: string[] = [],
): Promise<{ code: number; mailbox: MailboxReport; endpoint: HostileTokenEndpoint }> {
  const endpoint = await tokenEndpoint({ kind: "token", accessToken: issued });
  const endpoints = join(space.dir, "endpoints.json");
  writeFileSync(endpoints, JSON.stringify({ authority: endpoint.authority, smtpHost: "127.0.0.1", smtpPort, caFile: "ca.pem" }));
  const argv = ["--endpoints", endpoints, "--mailbox", "omada-notify@contoso.com", ...args];
  const { code, report } = await verifyJson(space, argv, { ...secrets, "access token": issued });
  return { code, mailbox: report.mailboxes[0] as MailboxReport, endpoint };
}

describe("smtpcfg verify against a token endpoint and a submission server that behave", () => {
  it("passes, with exactly one request to the token endpoint", async () => {
    const smtp = await started(startSubmissionServer({ tls }));
    const { code, mailbox, endpoint } = await verifyAgainst(token, smtp.port, ["--send", "--to", "admin@contoso.com"]);
    expect(code).toBe(0);
    expect(mailbox.steps.map((step) => step.status)).toEqual(["passed", "passed", "passed", "passed", "passed", "passed"]);
    expect(endpoint.requests()).toBe(1);
  });

  it("never prints the token a server echoes back in its reply, as it is or as the AUTH argument", async () => {
    const xoauth2 = Buffer.from(`user=omada-notify@contoso.com\x01auth=Bearer ${token}\x01\x01`).toString("base64");
    const echo = new SMTPServer({
      key: tls.keyPem,
      cert: tls.certPem,
      authMethods: ["XOAUTH2"],
      logger: false,
      onAuth: (auth, _session, callback) =>
        callback(Object.assign(new Error(`5.7.3 Authentication unsuccessful: ${xoauth2} (${auth.accessToken})`), { responseCode: 535 })),
    });
    const smtp = await started(listenOnLoopback(echo.server));
    const { code, mailbox } = await verifyAgainst(token, smtp.port);
    expect(code).toBe(1);
    expect(mailbox.diagnosis).toMatchObject({ id: "smtp-auth-failed", step: "auth" });
    const reported = JSON.stringify(mailbox);
    expect(reported).toContain("535 5.7.3 Authentication unsuccessful: ");
    expect(reported).not.toContain(xoauth2);
    expect(reported).not.toContain(token);
  });
});

describe("smtpcfg verify: the token's claims", () => {
  it.each([
    ["for Microsoft Graph", { audience: "https://graph.microsoft.com" }, "token-audience"],
    ["without SMTP.SendAsApp", { roles: [] }, "consent-missing"],
    ["from another tenant", { tenantId: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0" }, "tenant-mismatch"],
    ["of another service principal", { servicePrincipalObjectId: "3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f" }, "wrong-sp-object-id"],
  ])("stops before SMTP at a token %s: %s", async (_what, claims, id) => {
    const smtp = await started(startWiretap(await startSubmissionServer({ tls })));
    const { code, mailbox } = await verifyAgainst(fakeAccessToken({ ...good, ...claims }), smtp.port);
    expect(code).toBe(1);
    expect(mailbox.diagnosis).toMatchObject({ id, step: "claims" });
    expect(smtp.received().length).toBe(0);
  });

  it("stops before SMTP at a token that is not a JWT", async () => {
    const smtp = await started(startWiretap(await startSubmissionServer({ tls })));
    const { code, mailbox } = await verifyAgainst("EwBwA8l6BAAUopaqueNotAJwtAccessTokenValue", smtp.port);
    expect(code).toBe(1);
    expect(mailbox.steps.map((step) => [step.step, step.status])).toEqual([
      ["credential", "passed"],
      ["token", "passed"],
      ["claims", "failed"],
    ]);
    expect(mailbox.diagnosis).toMatchObject({ id: "token-endpoint-error", step: "claims" });
    expect(mailbox.diagnosis?.detail).toMatch(/^the token endpoint returned a token that is not a JWT/);
    expect(smtp.received().length).toBe(0);
  });
});
