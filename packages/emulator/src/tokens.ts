import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";
import type { DirectoryApp } from "./directory.js";

/** How long an access token lasts, in seconds (Entra's usual `expires_in`). */
export const TOKEN_LIFETIME = 3599;

export const SEND_AS_APP_ROLE = "SMTP.SendAsApp";

/** The claims Entra puts in an app-only v1.0 access token. */
export interface AccessTokenClaims extends JWTPayload {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  idtyp: "app";
  roles?: string[];
  ver: "1.0";
}

export interface TokenIssuer {
  /** The JWKS document: the key tokens are signed with. */
  jwks: { keys: JWK[] };
  /** An access token for `app` with audience `resource` (roles only for an Outlook resource, when consented). */
  issue(app: DirectoryApp, resource: string): Promise<string>;
  /** The claims of a token this issuer signed that has not expired; undefined for anything else. */
  verify(token: string): Promise<AccessTokenClaims | undefined>;
}

/** A signing key made at start (RS256, as Entra signs) and what issues and checks tokens with it. */
export async function createTokenIssuer(): Promise<TokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    jwks: { keys: [{ ...jwk, use: "sig", kid }] },
    async issue(app, resource) {
      const now = Math.floor(Date.now() / 1000);
      const consented = app.consented && app.tenant.outlookResources.includes(resource);
      const claims: Omit<AccessTokenClaims, "iat" | "nbf" | "exp"> = {
        aud: resource,
        iss: `https://sts.windows.net/${app.tenant.tid}/`,
        tid: app.tenant.tid,
        appid: app.clientId,
        oid: app.servicePrincipalObjectId,
        idtyp: "app",
        ...(consented ? { roles: [SEND_AS_APP_ROLE] } : {}),
        ver: "1.0",
      };
      return new SignJWT(claims)
        .setProtectedHeader({ typ: "JWT", alg: "RS256", kid })
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + TOKEN_LIFETIME)
        .sign(privateKey);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify<AccessTokenClaims>(token, publicKey, { algorithms: ["RS256"] });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
}
