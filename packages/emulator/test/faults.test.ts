import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fault } from "../src/index.js";
import {
  CLIENT_ID,
  FAULTY_TENANT_ID,
  faultyApp,
  faultyMailbox,
  INHERIT_MAILBOX,
  MAILBOX,
  OUTLOOK_SCOPE,
  SECRET,
  SEND_AS_MAILBOX,
  SEND_AS_TARGET,
  SP_OBJECT_ID,
  startTestEmulator,
  TARGETED,
  type TargetedFault,
  TENANT_ID,
  type TestEmulator,
} from "./fixture.js";
import { SmtpSession, xoauth2 } from "./smtp-session.js";
import { requestToken } from "./token-request.js";

const AUTHENTICATED = "235 2.7.0 Authentication successful";
const AUTH_UNSUCCESSFUL = "535 5.7.3 Authentication unsuccessful";
const SECRET_FORM = { grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: SECRET, scope: OUTLOOK_SCOPE };

/** Every targeted fault, each narrowed to its own app or mailbox (smtp-auth-disabled-tenant to the whole tenant), in one emulator. */
const FAULTS: Fault[] = TARGETED.map((kind): Fault => {
  if (kind === "latency") return { kind, ms: 600, target: faultyApp(kind).name };
  if (kind === "smtp-auth-disabled-tenant") return { kind, target: "faulty" };
  if (kind === "sendas-missing") return { kind, target: SEND_AS_TARGET };
  if (kind === "no-mailbox-permission" || kind === "smtp-auth-disabled-mailbox") return { kind, target: faultyMailbox(kind) };
  return { kind, target: faultyApp(kind).name };
});

interface Running {
  test: TestEmulator;
  ca: string;
}

async function emulate(faults: Fault[]): Promise<Running> {
  const test = await startTestEmulator({ faults });
  return { test, ca: test.ca };
}

const plain = {} as Running;
const faulty = {} as Running;
beforeAll(async () => {
  Object.assign(plain, await emulate([]));
  Object.assign(faulty, await emulate(FAULTS));
});
afterAll(() => Promise.all([plain.test.stop(), faulty.test.stop()]));

async function faultyToken(kind: TargetedFault): Promise<string> {
  const app = faultyApp(kind);
  const answer = await requestToken(
    faulty.test.emulator,
    FAULTY_TENANT_ID,
    { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.secret, scope: OUTLOOK_SCOPE },
    faulty.ca,
  );
  return String(answer.body?.access_token);
}

/** EHLO, STARTTLS, EHLO, AUTH XOAUTH2 as `user`: the AUTH reply, and the session to go on with. */
async function authenticate(on: Running, user: string, accessToken: string): Promise<{ reply: string; session: SmtpSession }> {
  const session = await SmtpSession.open(on.test.emulator.endpoints.smtpPort);
  await session.command("EHLO client.example");
  await session.startTls(on.ca);
  await session.command("EHLO client.example");
  return { reply: await session.command(`AUTH XOAUTH2 ${xoauth2(user, accessToken)}`), session };
}

async function authReply(on: Running, user: string, accessToken: string): Promise<string> {
  const { reply, session } = await authenticate(on, user, accessToken);
  session.close();
  return reply;
}

/** An Entra error body: the fields, the AADSTS text word for word, the trace lines Entra adds. */
function expectEntraError(
  answer: { status: number; body: Record<string, unknown> | undefined },
  status: number,
  error: string,
  code: number,
  text: string,
) {
  expect(answer.status).toBe(status);
  const body = answer.body ?? {};
  expect(body).toMatchObject({ error, error_codes: [code] });
  expect(Object.keys(body).sort()).toEqual([
    "correlation_id",
    "error",
    "error_codes",
    "error_description",
    "error_uri",
    "timestamp",
    "trace_id",
  ]);
  expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  expect(body.error_description).toBe(
    `AADSTS${code}: ${text}\r\nTrace ID: ${body.trace_id}\r\nCorrelation ID: ${body.correlation_id}\r\nTimestamp: ${body.timestamp}`,
  );
}

describe("SMTP faults, each with Exchange Online's reply", () => {
  it("consent-missing: the token has no roles, and AUTH fails with 5.7.3", async () => {
    const accessToken = await faultyToken("consent-missing");
    expect(decodeJwt(accessToken).roles).toBeUndefined();
    expect(await authReply(faulty, faultyMailbox("consent-missing"), accessToken)).toBe(AUTH_UNSUCCESSFUL);
  });

  it("sp-not-registered: AUTH fails with 5.7.3", async () => {
    expect(await authReply(faulty, faultyMailbox("sp-not-registered"), await faultyToken("sp-not-registered"))).toBe(AUTH_UNSUCCESSFUL);
  });

  it("wrong-sp-object-id: the token's oid is not the service principal object id Exchange was given, and AUTH fails with 5.7.3", async () => {
    const accessToken = await faultyToken("wrong-sp-object-id");
    const healthy = decodeJwt(await faultyToken("consent-missing")).oid;
    expect(decodeJwt(accessToken).oid).toMatch(/^[0-9a-f-]{36}$/);
    expect(decodeJwt(accessToken).oid).not.toBe(healthy);
    expect(await authReply(faulty, faultyMailbox("wrong-sp-object-id"), accessToken)).toBe(AUTH_UNSUCCESSFUL);
    const plainToken = decodeJwt(String((await requestToken(plain.test.emulator, TENANT_ID, SECRET_FORM, plain.ca)).body?.access_token));
    expect(plainToken.oid).toBe(SP_OBJECT_ID);
  });

  it("no-mailbox-permission: AUTH fails with 5.7.3", async () => {
    expect(await authReply(faulty, faultyMailbox("no-mailbox-permission"), await faultyToken("no-mailbox-permission"))).toBe(
      AUTH_UNSUCCESSFUL,
    );
  });

  it("smtp-auth-disabled-tenant: a mailbox that inherits the organisation setting gets 5.7.139 for the Tenant; one enabled itself in the same tenant still authenticates", async () => {
    expect(await authReply(faulty, faultyMailbox("smtp-auth-disabled-tenant"), await faultyToken("smtp-auth-disabled-tenant"))).toBe(
      "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
    );
    expect(await authReply(faulty, faultyMailbox("sendas-missing"), await faultyToken("sendas-missing"))).toBe(AUTHENTICATED);
  });

  it("smtp-auth-disabled-mailbox: 5.7.139 for the Mailbox", async () => {
    expect(await authReply(faulty, faultyMailbox("smtp-auth-disabled-mailbox"), await faultyToken("smtp-auth-disabled-mailbox"))).toBe(
      "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.",
    );
  });

  it("sendas-missing: MAIL FROM another mailbox of the app is refused with 5.7.60; without the fault SendAs lets it through", async () => {
    const { reply, session } = await authenticate(faulty, faultyMailbox("sendas-missing"), await faultyToken("sendas-missing"));
    expect(reply).toBe(AUTHENTICATED);
    expect(await session.command(`MAIL FROM:<${SEND_AS_TARGET}>`)).toBe(
      "550 5.7.60 SMTP; Client does not have permissions to send as this sender",
    );
    session.close();
    const accessToken = String((await requestToken(plain.test.emulator, TENANT_ID, SECRET_FORM, plain.ca)).body?.access_token);
    const granted = await authenticate(plain, MAILBOX, accessToken);
    expect(await granted.session.command(`MAIL FROM:<${SEND_AS_MAILBOX}>`)).toBe("250 2.1.0 Sender OK");
    expect(await granted.session.command(`MAIL FROM:<${INHERIT_MAILBOX}>`)).toMatch(/^503 /);
    granted.session.close();
  });

  it("latency narrowed to one app delays its token answers only: another app's request, sent after it, is answered first", async () => {
    const order: string[] = [];
    await Promise.all(
      (["latency", "sendas-missing"] as const).map(async (kind) => {
        await faultyToken(kind);
        order.push(kind);
      }),
    );
    expect(order).toEqual(["sendas-missing", "latency"]);
  });

  it("latency narrowed to one app delays the AUTH replies of its mailboxes only: a mailbox of another app is answered first", async () => {
    const order: string[] = [];
    const users = [faultyMailbox("latency"), faultyMailbox("sendas-missing")];
    const tokens = await Promise.all([faultyToken("latency"), faultyToken("sendas-missing")]);
    await Promise.all(
      users.map(async (user, index) => {
        order.push(`${user} ${await authReply(faulty, user, tokens[index] as string)}`);
      }),
    );
    expect(order).toEqual([`${users[1]} ${AUTHENTICATED}`, `${users[0]} ${AUTHENTICATED}`]);
  });

  it("no-starttls: EHLO offers no STARTTLS, and AUTH in clear is refused with 5.7.57 (the token is never accepted)", async () => {
    const bare = await emulate([{ kind: "no-starttls" }]);
    try {
      const accessToken = String((await requestToken(bare.test.emulator, TENANT_ID, SECRET_FORM, bare.ca)).body?.access_token);
      const session = await SmtpSession.open(bare.test.emulator.endpoints.smtpPort);
      expect(await session.command("EHLO client.example")).not.toContain("STARTTLS");
      expect(await session.command(`AUTH XOAUTH2 ${xoauth2(MAILBOX, accessToken)}`)).toBe(
        "530 5.7.57 Client not authenticated to send mail",
      );
      session.close();
    } finally {
      await bare.test.stop();
    }
  });
});

describe("SMTP replies that need no fault", () => {
  it("answers AUTH PLAIN and AUTH LOGIN as Exchange Online does, and MAIL FROM without AUTH with 5.7.57", async () => {
    const session = await SmtpSession.open(plain.test.emulator.endpoints.smtpPort);
    const before = await session.command("EHLO client.example");
    expect(before).toContain("STARTTLS");
    expect(before).not.toContain("AUTH");
    expect(await session.command("MAIL FROM:<x@example.com>")).toBe("530 5.7.57 Client not authenticated to send mail");
    await session.startTls(plain.ca);
    expect(await session.command("EHLO client.example")).toContain("AUTH LOGIN XOAUTH2 PLAIN");
    expect(await session.command("MAIL FROM:<x@example.com>")).toBe("530 5.7.57 Client not authenticated to send mail");
    const basic = "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.";
    expect(await session.command(`AUTH PLAIN ${Buffer.from(`\0${MAILBOX}\0password`).toString("base64")}`)).toBe(basic);
    expect(await session.command("AUTH LOGIN")).toMatch(/^334 /);
    expect(await session.command(Buffer.from(MAILBOX).toString("base64"))).toMatch(/^334 /);
    expect(await session.command(Buffer.from("password").toString("base64"))).toBe(basic);
    session.close();
  });

  it("refuses AUTH XOAUTH2 before STARTTLS with 5.7.57", async () => {
    const session = await SmtpSession.open(plain.test.emulator.endpoints.smtpPort);
    await session.command("EHLO client.example");
    expect(await session.command(`AUTH XOAUTH2 ${xoauth2(MAILBOX, "not-a-token")}`)).toBe(
      "530 5.7.57 Client not authenticated to send mail",
    );
    session.close();
  });

  it("refuses a Graph token, a token it did not sign, and a good token for a mailbox of another app with 5.7.3", async () => {
    const graph = await requestToken(
      plain.test.emulator,
      TENANT_ID,
      { ...SECRET_FORM, scope: "https://graph.microsoft.com/.default" },
      plain.ca,
    );
    const graphToken = String(graph.body?.access_token);
    expect(decodeJwt(graphToken).aud).toBe("https://graph.microsoft.com");
    const outlookToken = String((await requestToken(plain.test.emulator, TENANT_ID, SECRET_FORM, plain.ca)).body?.access_token);
    const [header, payload] = outlookToken.split(".");
    const forged = `${header}.${payload}.${"A".repeat(342)}`;
    expect(await authReply(plain, MAILBOX, graphToken)).toBe(AUTH_UNSUCCESSFUL);
    expect(await authReply(plain, MAILBOX, forged)).toBe(AUTH_UNSUCCESSFUL);
    expect(await authReply(plain, "cert-notify@contoso.com", outlookToken)).toBe(AUTH_UNSUCCESSFUL);
    expect(await authReply(plain, MAILBOX, outlookToken)).toBe(AUTHENTICATED);
  });
});

describe("Outlook resources", () => {
  it.each([
    ["https://outlook.office365.com/.default", "https://outlook.office365.com"],
    ["https://outlook.office.com/.default", "https://outlook.office.com"],
    ["HTTPS://Outlook.Office.com//.default", "https://outlook.office.com"],
    ["00000002-0000-0ff1-ce00-000000000000/.default", "https://outlook.office365.com"],
  ])("%s: a token with aud %s and SMTP.SendAsApp, which SMTP takes", async (scope, aud) => {
    const answer = await requestToken(plain.test.emulator, TENANT_ID, { ...SECRET_FORM, scope }, plain.ca);
    expect(answer.status).toBe(200);
    const token = String(answer.body?.access_token);
    expect(decodeJwt(token)).toMatchObject({ aud, roles: ["SMTP.SendAsApp"] });
    expect(await authReply(plain, MAILBOX, token)).toBe(AUTHENTICATED);
  });
});

describe("token endpoint errors, in Entra's body shape", () => {
  const commonText =
    "The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.";
  const organizationsText = "The grant type is not supported over the /organizations endpoint. Please use the tenant-specific endpoint.";
  it.each([
    [
      "a wrong secret (7000215)",
      TENANT_ID,
      { client_secret: "a1b2c3d4-0000-4000-8000-000000000000" },
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${CLIENT_ID}'.`,
    ],
    [
      "an unknown client id (700016)",
      TENANT_ID,
      { client_id: "99999999-9999-4999-8999-999999999999" },
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '99999999-9999-4999-8999-999999999999' was not found in the directory '${TENANT_ID}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ],
    [
      "an unknown tenant (90002)",
      "00000000-1111-4222-8333-444444444444",
      {},
      400,
      "invalid_request",
      90002,
      "Tenant '00000000-1111-4222-8333-444444444444' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.",
    ],
    [
      "the tenant `undefined` (900023)",
      "undefined",
      {},
      400,
      "invalid_request",
      900023,
      "Specified tenant identifier 'undefined' is neither a valid DNS name, nor a valid external domain.",
    ],
    [
      "the tenant `{{tenantid}}` (900023)",
      "{{tenantid}}",
      {},
      400,
      "invalid_request",
      900023,
      "Specified tenant identifier '{{tenantid}}' is neither a valid DNS name, nor a valid external domain.",
    ],
    ["/common (9001023)", "common", {}, 400, "invalid_request", 9001023, commonText],
    ["/organizations (9001023)", "organizations", {}, 400, "invalid_request", 9001023, organizationsText],
    [
      "the scope SMTP.SendAsApp (1002012)",
      TENANT_ID,
      { scope: "SMTP.SendAsApp" },
      400,
      "invalid_scope",
      1002012,
      "The provided value for scope SMTP.SendAsApp is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).",
    ],
  ])("%s", async (_name, tenant, change, status, error, code, text) => {
    expectEntraError(await requestToken(plain.test.emulator, tenant, { ...SECRET_FORM, ...change }, plain.ca), status, error, code, text);
  });

  it("secret-expired: the right secret gets 7000222, a wrong one still 7000215", async () => {
    const app = faultyApp("secret-expired");
    const form = { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.secret, scope: OUTLOOK_SCOPE };
    expectEntraError(
      await requestToken(faulty.test.emulator, FAULTY_TENANT_ID, form, faulty.ca),
      401,
      "invalid_client",
      7000222,
      `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
    const wrong = await requestToken(faulty.test.emulator, FAULTY_TENANT_ID, { ...form, client_secret: "wrong" }, faulty.ca);
    expect(wrong.body?.error_codes).toEqual([7000215]);
  });

  it("token-endpoint-down narrowed to one app: 503 for it, tokens for the others", async () => {
    const app = faultyApp("token-endpoint-down");
    const form = { grant_type: "client_credentials", client_id: app.clientId, client_secret: app.secret, scope: OUTLOOK_SCOPE };
    expect(await requestToken(faulty.test.emulator, FAULTY_TENANT_ID, form, faulty.ca)).toEqual({ status: 503, body: undefined });
    expect(decodeJwt(await faultyToken("sendas-missing")).appid).toBe(faultyApp("sendas-missing").clientId);
  });
});

describe("the log", () => {
  it("has one line per token request and per SMTP session, naming tenant, client id, mailbox and result, never the secret or the token", async () => {
    const test = await startTestEmulator({ faults: [{ kind: "consent-missing", target: "omada-smtp" }] });
    const { ca } = test;
    const accessToken = String((await requestToken(test.emulator, TENANT_ID, SECRET_FORM, ca)).body?.access_token);
    await requestToken(test.emulator, TENANT_ID, { ...SECRET_FORM, client_secret: "wrong-secret-value" }, ca);
    const { session } = await authenticate({ test, ca }, MAILBOX, accessToken);
    await session.command("QUIT");
    session.close();
    // A secret or a token where the username goes is not an address: the log does not show it.
    for (const auth of [
      `AUTH PLAIN ${Buffer.from(`\0${SECRET}\0password`).toString("base64")}`,
      `AUTH XOAUTH2 ${xoauth2(accessToken, accessToken)}`,
    ]) {
      const misplaced = await SmtpSession.open(test.emulator.endpoints.smtpPort);
      await misplaced.command("EHLO client.example");
      await misplaced.startTls(ca);
      await misplaced.command("EHLO client.example");
      await misplaced.command(auth);
      await misplaced.command("QUIT");
      misplaced.close();
    }
    await test.stop();
    expect(test.lines.slice(0, 3)).toEqual([
      `token tenant=${TENANT_ID} client=${CLIENT_ID} result=ok`,
      `token tenant=${TENANT_ID} client=${CLIENT_ID} result=AADSTS7000215`,
      `smtp mailbox=${MAILBOX} result="535 5.7.3" reason="token has no SMTP.SendAsApp role (admin consent)" messages=0`,
    ]);
    expect(test.lines.slice(3).sort()).toEqual([
      'smtp mailbox=(not an address) result="535 5.7.139" reason="AUTH PLAIN" messages=0',
      'smtp mailbox=(not an address) result="535 5.7.3" reason="token has no SMTP.SendAsApp role (admin consent)" messages=0',
    ]);
    const log = test.lines.join("\n");
    for (const secret of [SECRET, "wrong-secret-value", accessToken, xoauth2(MAILBOX, accessToken), accessToken.split(".")[2] as string]) {
      expect(log).not.toContain(secret);
    }
  });
});

describe("the log line of an SMTP session", () => {
  it("reports the refusal that ended it: a MAIL FROM refused with 5.7.60 after AUTH succeeded, with the message sent before it counted", async () => {
    const test = await startTestEmulator({ faults: [{ kind: "sendas-missing", target: SEND_AS_MAILBOX }] });
    const accessToken = String((await requestToken(test.emulator, TENANT_ID, SECRET_FORM, test.ca)).body?.access_token);
    const { reply, session } = await authenticate({ test, ca: test.ca }, MAILBOX, accessToken);
    expect(reply).toBe(AUTHENTICATED);
    expect(await session.command(`MAIL FROM:<${MAILBOX}>`)).toBe("250 2.1.0 Sender OK");
    await session.command("RCPT TO:<someone@example.com>");
    await session.command("DATA");
    expect(await session.command("Subject: first\r\n\r\nSent.\r\n.")).toBe("250 2.6.0 Queued mail for delivery");
    expect(await session.command(`MAIL FROM:<${SEND_AS_MAILBOX}>`)).toMatch(/^550 5\.7\.60 /);
    await session.command("QUIT");
    session.close();
    await test.stop();
    expect(test.lines.filter((line) => line.startsWith("smtp "))).toEqual([
      `smtp mailbox=${MAILBOX} result="550 5.7.60" reason="MAIL FROM another mailbox that does not grant the app SendAs" messages=1`,
    ]);
  });
});

describe("faults that reach nothing they could change", () => {
  it("are named in a warning at start, with the reason; faults with an effect are not", async () => {
    const test = await startTestEmulator({
      faults: [
        { kind: "smtp-auth-disabled-tenant", target: MAILBOX },
        { kind: "sendas-missing", target: MAILBOX },
        { kind: "consent-missing", target: MAILBOX },
        { kind: "secret-expired", target: MAILBOX.toUpperCase() },
        { kind: "secret-expired", target: "cert-smtp" },
        { kind: "smtp-auth-disabled-tenant", target: INHERIT_MAILBOX },
        { kind: "latency", ms: 1, target: MAILBOX },
      ],
    });
    await test.stop();
    expect(test.lines.filter((line) => line.startsWith("warning fault"))).toEqual([
      `warning fault smtp-auth-disabled-tenant:${MAILBOX} has no effect: no mailbox it reaches has smtpClientAuth: inherit (a mailbox with SMTP AUTH enabled itself ignores the organisation setting)`,
      `warning fault sendas-missing:${MAILBOX} has no effect: no mailbox it reaches grants the app SendAs`,
      `warning fault consent-missing:${MAILBOX} has no effect: ${MAILBOX} is a mailbox, and consent-missing acts on apps: target its app omada-smtp (or the tenant)`,
      `warning fault secret-expired:${MAILBOX.toUpperCase()} has no effect: ${MAILBOX.toUpperCase()} is a mailbox, and secret-expired acts on apps: target its app omada-smtp (or the tenant)`,
      "warning fault secret-expired:cert-smtp has no effect: no app it reaches has a client secret",
    ]);
  });
});
