import { compactVerify, decodeProtectedHeader, type ProtectedHeaderParameters } from "jose";
import type { DirectoryApp } from "./directory.js";
import type { EntraErrorCode } from "./entra-errors.js";

export type AssertionRejection = { code: EntraErrorCode; values: Record<string, string> };

/** Clock skew Entra tolerates on an assertion's nbf and exp, in seconds. */
const SKEW = 300;

const hexThumbprint = (base64url: string) => Buffer.from(base64url, "base64url").toString("hex").toUpperCase();

/**
 * Checks a certificate credential (RFC 7523 client assertion) as Entra does: the thumbprint in the
 * header (x5t#S256, which msal-node sends, or x5t) names the certificate registered on the app, the
 * signature verifies with its key, and the claims are for this app and this token endpoint, now.
 * Undefined when it holds.
 */
export async function checkClientAssertion(
  assertion: string,
  app: DirectoryApp,
  tokenUrl: string,
): Promise<AssertionRejection | undefined> {
  const clientId = app.clientId;
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return { code: 700027, values: { clientId } };
  }
  const sha256 = typeof header["x5t#S256"] === "string" ? header["x5t#S256"] : undefined;
  const sha1 = typeof header.x5t === "string" ? header.x5t : undefined;
  const certificate = app.certificate;
  const registered =
    certificate !== undefined &&
    !("problem" in certificate) &&
    (sha256 !== undefined ? sha256 === certificate.x5tS256 : sha1 === certificate.x5t);
  if (!registered) return { code: 700027, values: { clientId, thumbprint: hexThumbprint(sha256 ?? sha1 ?? "") } };
  let claims: Record<string, unknown>;
  try {
    const { payload } = await compactVerify(assertion, certificate.publicKey, { algorithms: ["RS256", "PS256"] });
    claims = JSON.parse(Buffer.from(payload).toString("utf8"));
  } catch {
    return { code: 700027, values: { clientId } };
  }
  const same = (value: unknown, expected: string) => typeof value === "string" && value.toLowerCase() === expected.toLowerCase();
  if (!same(claims.iss, clientId) || !same(claims.sub, clientId)) return { code: 700021, values: { clientId } };
  if (!same(claims.aud, tokenUrl)) return { code: 700023, values: { clientId } };
  const now = Date.now() / 1000;
  const inTime = typeof claims.exp === "number" && claims.exp + SKEW > now && (typeof claims.nbf !== "number" || claims.nbf - SKEW <= now);
  return inTime ? undefined : { code: 700024, values: { clientId } };
}
