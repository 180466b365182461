import { describe, expect, it } from "vitest";
import { fakeAccessToken } from "./hostile/fake-token.js";
import { secretsIn } from "./secret-search.js";

const secret = "Qx8Q~vT3.kLm9_Zr2sWq7Yp4Nc6Hb1Jd5Fg0Ae8UiO";
const key = `-----BEGIN PRIVATE KEY-----\n${"MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7".repeat(2)}\nc2VjcmV0LWtleS1ib2R5LXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tc2xpY2U=\n-----END PRIVATE KEY-----\n`;
const known = { "client secret": secret, "private key": key };

describe("the search for secrets in output", () => {
  it("finds a secret as is, escaped, encoded, or cut short", () => {
    expect(secretsIn(`value: ${secret}\n`, known)).toEqual(["client secret"]);
    expect(secretsIn(JSON.stringify({ key }), known)).toEqual(["private key"]);
    expect(secretsIn(`auth=${Buffer.from(secret).toString("base64")}`, known)).toEqual(["client secret"]);
    const xoauth2 = Buffer.from(`user=a@contoso.com\x01auth=Bearer ${secret}\x01\x01`).toString("base64");
    expect(secretsIn(`C: AUTH XOAUTH2 ${xoauth2}\r\n`, known)).toEqual(["client secret"]);
    expect(secretsIn(`secret starts with ${secret.slice(0, 30)}…`, known)).toEqual(["client secret"]);
    expect(secretsIn(key.split("\n")[1]?.slice(10, 50) ?? "", known)).toEqual(["private key"]);
  });

  it("finds any JWT-shaped access token, and nothing in text without secrets", () => {
    const token = fakeAccessToken({ tenantId: "t", clientId: "c", servicePrincipalObjectId: "o" });
    expect(secretsIn(`Bearer ${token}`, known)).toEqual(["a JWT-shaped access token"]);
    expect(secretsIn("clientSecret ‹secret hidden› Qx8Q~ 2487abfa-47fc-4f60-8af4-2b857b17432c eyJhbGci", known)).toEqual([]);
  });
});
