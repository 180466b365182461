import { type Cloud, EXCHANGE_ONLINE_APP_ID } from "../clouds.js";
import { isGuid, sameId } from "../text/identifiers.js";

/**
 * The claims of an app-only access token that verify checks (KNOWLEDGE.md §2), as the token's JSON
 * has them: anything, until checked.
 */
export interface TokenClaims {
  aud?: unknown;
  roles?: unknown;
  tid?: unknown;
  oid?: unknown;
  exp?: unknown;
}

const SEND_AS_APP = "SMTP.SendAsApp";

/** The payload of a JWT, decoded without checking its signature (that is Exchange's to check); undefined when it is not a JWT. */
export function decodeClaims(token: string): TokenClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as TokenClaims) : undefined;
  } catch {
    return undefined;
  }
}

/** The audiences Exchange Online accepts for SMTP from a cloud: its Outlook resource (and, in the commercial cloud, outlook.office.com). */
export function outlookAudiences(cloud: Cloud): string[] {
  const alternates = cloud.alternateHosts.filter((host) => host.startsWith("outlook.")).map((host) => `https://${host}`);
  return [cloud.outlookResource, ...alternates, EXCHANGE_ONLINE_APP_ID];
}

export type ClaimProblemId = "token-audience" | "consent-missing" | "tenant-mismatch" | "wrong-sp-object-id" | "token-expired";

export interface ClaimExpectations {
  audiences: readonly string[];
  /** The configured tenant id: compared with `tid` only when it is a GUID (a domain's GUID is not known here). */
  tenantId: string;
  servicePrincipalObjectId?: string;
  /** Now, in milliseconds since the epoch. */
  now: number;
}

/** A claim that should be a string, or undefined when it is not one. */
export const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

const shown = (value: unknown) => (value === undefined ? "none" : JSON.stringify(value));

/** The first claim that rules the token out for SMTP, in the order KNOWLEDGE.md §2 gives; undefined when all hold. */
export function checkClaims(claims: TokenClaims, expected: ClaimExpectations): { id: ClaimProblemId; detail: string } | undefined {
  const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((aud): aud is string => typeof aud === "string");
  const wanted = expected.audiences.map((aud) => aud.replace(/\/+$/, "").toLowerCase());
  if (!audiences.some((aud) => wanted.includes(aud.replace(/\/+$/, "").toLowerCase())))
    return { id: "token-audience", detail: `aud is ${shown(claims.aud)}, not ${expected.audiences[0]}` };
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  if (!roles.includes(SEND_AS_APP))
    return { id: "consent-missing", detail: `roles is ${shown(claims.roles)}: no ${SEND_AS_APP} (admin consent not granted)` };
  if (isGuid(expected.tenantId) && !sameId(text(claims.tid), expected.tenantId))
    return { id: "tenant-mismatch", detail: `tid is ${shown(claims.tid)}, not the configured ${expected.tenantId}` };
  if (expected.servicePrincipalObjectId !== undefined && !sameId(text(claims.oid), expected.servicePrincipalObjectId))
    return {
      id: "wrong-sp-object-id",
      detail: `oid (the service principal's object id) is ${shown(claims.oid)}, not the configured servicePrincipalObjectId ${expected.servicePrincipalObjectId}`,
    };
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= expected.now)
    return {
      id: "token-expired",
      detail: `exp is ${typeof claims.exp === "number" ? new Date(claims.exp * 1000).toISOString() : "missing"}`,
    };
  return undefined;
}
