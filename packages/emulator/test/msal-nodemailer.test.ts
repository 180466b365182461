import { X509Certificate } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeJwt } from "jose";
import { createTransport } from "nodemailer";
import { describe, expect, it } from "vitest";
import {
  CERT_CLIENT_ID,
  CERT_MAILBOX,
  CLIENT_ID,
  DOMAIN_TENANT,
  MAILBOX,
  OUTLOOK_SCOPE,
  SECRET,
  SEND_AS_MAILBOX,
  SP_OBJECT_ID,
  TENANT_ID,
  type TestEmulator,
  useTestEmulator,
} from "./fixture.js";
import { msalClient } from "./msal-client.js";

describe("msal-node and nodemailer against the emulator", () => {
  const emulated = useTestEmulator();

  const send = (test: TestEmulator, user: string, accessToken: string, from = user) =>
    createTransport({
      host: test.emulator.endpoints.smtpHost,
      port: test.emulator.endpoints.smtpPort,
      requireTLS: true,
      tls: { ca: test.ca },
      auth: { type: "OAuth2", user, accessToken },
    }).sendMail({ from, to: "someone@example.com", subject: `from ${from}`, text: "Sent by nodemailer." });

  it("issues a client-secret token with Entra's claims for the Outlook resource, and nodemailer sends with it", async () => {
    const test = emulated();
    const client = msalClient({
      authority: test.emulator.endpoints.authority,
      tenant: TENANT_ID,
      clientId: CLIENT_ID,
      ca: test.ca,
      credential: { clientSecret: SECRET },
      metadata: true,
    });
    const result = await client.acquireTokenByClientCredential({ scopes: [OUTLOOK_SCOPE] });
    const claims = decodeJwt(result?.accessToken ?? "");
    expect(claims).toMatchObject({
      aud: "https://outlook.office365.com",
      iss: `https://sts.windows.net/${TENANT_ID}/`,
      tid: TENANT_ID,
      appid: CLIENT_ID,
      oid: SP_OBJECT_ID,
      idtyp: "app",
      roles: ["SMTP.SendAsApp"],
      ver: "1.0",
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3599);
    expect(claims.nbf).toBe(claims.iat);
    const info = await send(test, MAILBOX, result?.accessToken ?? "");
    expect(info.response).toBe("250 2.6.0 Queued mail for delivery");
    const sendAs = await send(test, MAILBOX, result?.accessToken ?? "", SEND_AS_MAILBOX);
    expect(sendAs.accepted).toEqual(["someone@example.com"]);
  });

  it("issues a token for a certificate credential (x5t#S256 and a PS256 signature, as msal-node 7 sends them), found through OpenID discovery", async () => {
    const test = emulated();
    const thumbprintSha256 = new X509Certificate(test.credential.certificatePem).fingerprint256.replaceAll(":", "");
    const client = msalClient({
      authority: test.emulator.endpoints.authority,
      tenant: TENANT_ID,
      clientId: CERT_CLIENT_ID,
      ca: test.ca,
      credential: { clientCertificate: { thumbprintSha256, privateKey: test.credential.privateKeyPem } },
    });
    const result = await client.acquireTokenByClientCredential({ scopes: [OUTLOOK_SCOPE] });
    expect(decodeJwt(result?.accessToken ?? "")).toMatchObject({ appid: CERT_CLIENT_ID, roles: ["SMTP.SendAsApp"] });
    const info = await send(test, CERT_MAILBOX, result?.accessToken ?? "");
    expect(info.response).toBe("250 2.6.0 Queued mail for delivery");
    const stored = readdirSync(test.emulator.outbox).map((name) => readFileSync(join(test.emulator.outbox, name), "utf8"));
    expect(stored.some((text) => text.includes(`From: ${CERT_MAILBOX}`))).toBe(true);
  });

  it("rejects a certificate whose thumbprint is not the one registered on the app, with AADSTS700027", async () => {
    const test = emulated();
    const other = "00".repeat(32);
    const client = msalClient({
      authority: test.emulator.endpoints.authority,
      tenant: TENANT_ID,
      clientId: CERT_CLIENT_ID,
      ca: test.ca,
      credential: { clientCertificate: { thumbprintSha256: other, privateKey: test.credential.privateKeyPem } },
      metadata: true,
    });
    await expect(client.acquireTokenByClientCredential({ scopes: [OUTLOOK_SCOPE] })).rejects.toMatchObject({
      errorCode: "invalid_client",
      errorNo: 700027,
      errorMessage: expect.stringContaining(`Thumbprint of key used by client: '${other.toUpperCase()}'`),
    });
  });

  it("gives a tenant named by its domain a stable GUID as tid", async () => {
    const test = emulated();
    const client = msalClient({
      authority: test.emulator.endpoints.authority,
      tenant: DOMAIN_TENANT,
      clientId: "11111111-2222-4333-8444-555555555555",
      ca: test.ca,
      credential: { clientSecret: "fabrikam-literal-secret" },
      metadata: true,
    });
    const result = await client.acquireTokenByClientCredential({ scopes: [OUTLOOK_SCOPE] });
    const claims = decodeJwt(result?.accessToken ?? "");
    expect(claims.tid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(claims.iss).toBe(`https://sts.windows.net/${claims.tid}/`);
    const info = await send(test, "mailer@fabrikam.com", result?.accessToken ?? "");
    expect(info.response).toBe("250 2.6.0 Queued mail for delivery");
  });
});
