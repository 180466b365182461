import { describe, expect, it } from "vitest";
import { tokenFailure } from "./diagnose.js";
import { acquireToken } from "./msal-token.js";

const request = (authority: string) => ({
  authority,
  tenantId: "contoso.onmicrosoft.com",
  clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
  credential: { kind: "secret" as const, secret: "not-a-real-secret", source: "a literal" },
  scope: "https://outlook.office365.com/.default",
});

describe("acquireToken with an authority msal-node refuses before any request", () => {
  it.each([
    ["http://127.0.0.1:1", "authority_uri_insecure"],
    ["https://127.0.0.1:99999", "url_parse_error"],
  ])("%s: msal-node's %s, diagnosed as authority-invalid, not as an answer of the token endpoint", async (authority, code) => {
    const result = await acquireToken(request(authority), { timeoutMs: 5000, retries: 0 });
    if (result.ok) throw new Error("msal-node issued a token");
    expect(result.failure.code).toBe(code);
    expect(tokenFailure(result.failure)).toMatchObject({ step: "token", id: "authority-invalid" });
  });
});
