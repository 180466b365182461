import { describe, expect, it } from "vitest";
import { CLOUDS } from "../clouds.js";
import { checkClaims, decodeClaims, outlookAudiences, type TokenClaims } from "./claims.js";

const TENANT = "2487abfa-47fc-4f60-8af4-2b857b17432c";
const OID = "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";
const NOW = Date.parse("2026-11-27T07:00:00Z");
const good: TokenClaims = {
  aud: "https://outlook.office365.com",
  roles: ["SMTP.SendAsApp"],
  tid: TENANT,
  oid: OID,
  exp: NOW / 1000 + 3600,
};
const expected = { audiences: outlookAudiences(CLOUDS.global), tenantId: TENANT, servicePrincipalObjectId: OID, now: NOW };

const jwt = (payload: unknown) => `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.c2lnbmF0dXJl`;

describe("decodeClaims", () => {
  it("reads a JWT's payload without checking its signature", () => {
    expect(decodeClaims(jwt(good))).toEqual(good);
  });

  it.each(["", "opaque-token", "a.b", "a.!!!.c", jwt([1, 2]), jwt("text")])("is undefined for what is no JWT: %j", (token) => {
    expect(decodeClaims(token)).toBeUndefined();
  });
});

describe("checkClaims", () => {
  it("accepts a token for Exchange Online with SMTP.SendAsApp, the tenant, the service principal, not expired", () => {
    expect(checkClaims(good, expected)).toBeUndefined();
  });

  it("accepts outlook.office.com, Exchange Online's app id and an audience list; ids in any case", () => {
    for (const aud of ["https://outlook.office.com/", "00000002-0000-0ff1-ce00-000000000000", ["x", "https://outlook.office365.com"]])
      expect(checkClaims({ ...good, aud }, expected)).toBeUndefined();
    expect(checkClaims({ ...good, tid: TENANT.toUpperCase(), oid: OID.toUpperCase() }, expected)).toBeUndefined();
  });

  it.each([
    ["token-audience", { aud: "https://graph.microsoft.com" }, 'aud is "https://graph.microsoft.com", not https://outlook.office365.com'],
    ["token-audience", { aud: undefined }, "aud is none, not https://outlook.office365.com"],
    ["consent-missing", { roles: undefined }, "roles is none: no SMTP.SendAsApp (admin consent not granted)"],
    ["consent-missing", { roles: ["Mail.Send"] }, 'roles is ["Mail.Send"]: no SMTP.SendAsApp (admin consent not granted)'],
    [
      "tenant-mismatch",
      { tid: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0" },
      `tid is "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", not the configured ${TENANT}`,
    ],
    [
      "wrong-sp-object-id",
      { oid: "3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f" },
      expect.stringContaining("oid (the service principal's object id) is \"3f1c2b9e"),
    ],
    ["token-expired", { exp: NOW / 1000 - 1 }, "exp is 2026-11-27T06:59:59.000Z"],
    ["token-expired", { exp: undefined }, "exp is missing"],
  ])("%s: %j", (id, change, detail) => {
    expect(checkClaims({ ...good, ...change }, expected)).toEqual({ id, detail });
  });

  it("checks the tenant only when the config names it by GUID, and the object id only when the config has one", () => {
    const other = { ...good, tid: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", oid: "3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f" };
    expect(checkClaims(other, { audiences: expected.audiences, tenantId: "contoso.onmicrosoft.com", now: NOW })).toBeUndefined();
  });

  it("checks the claims in the order that names the first cause: audience, roles, tenant, object id, expiry", () => {
    expect(checkClaims({ exp: 0 }, expected)?.id).toBe("token-audience");
    expect(checkClaims({ aud: good.aud, exp: 0 }, expected)?.id).toBe("consent-missing");
  });
});
