import { randomBytes } from "node:crypto";

/** What an app-only token for SMTP says about its caller. */
export interface FakeTokenClaims {
  tenantId: string;
  clientId: string;
  servicePrincipalObjectId: string;
  /** Default: the global cloud's Outlook resource. */
  audience?: string;
  /** Default: SMTP.SendAsApp, as after admin consent. */
  roles?: string[];
}

/**
 * An access token shaped like Entra's (a JWT whose claims pass verify's checks) with a random
 * signature, so each one is a distinct string a test can search output and recorded bytes for.
 * Nobody checks the signature: verify leaves that to Exchange, and the servers here accept anything.
 */
export function fakeAccessToken(claims: FakeTokenClaims): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const header = { typ: "JWT", alg: "RS256", kid: "hostile-test" };
  const payload = {
    aud: claims.audience ?? "https://outlook.office365.com",
    iss: `https://sts.windows.net/${claims.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    appid: claims.clientId,
    idtyp: "app",
    oid: claims.servicePrincipalObjectId,
    roles: claims.roles ?? ["SMTP.SendAsApp"],
    sub: claims.servicePrincipalObjectId,
    tid: claims.tenantId,
  };
  return `${part(header)}.${part(payload)}.${randomBytes(96).toString("base64url")}`;
}
