import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { authorityPort, httpsAuthority } from "./authority.js";

describe("authorityPort", () => {
  it("is the port the authority's URL names, else HTTPS's own", () => {
    expect(authorityPort("https://login.microsoftonline.com")).toBe("443");
    expect(authorityPort("https://localhost:9")).toBe("9");
  });
});

const schema = JSON.parse(readFileSync(join(import.meta.dirname, "../../../../schemas/smtpcfg.schema.json"), "utf8"));
const schemaPattern = new RegExp(schema.$defs.endpoints.properties.authority.pattern, "u");
const accepted = (authority: string) => {
  try {
    httpsAuthority(authority, "authority");
    return true;
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
};

describe("httpsAuthority", () => {
  it("spells an authority one way", () => {
    expect(httpsAuthority("https://Login.MicrosoftOnline.US:443/", "a")).toBe("https://login.microsoftonline.us");
    expect(httpsAuthority("https://proxy.contoso.com/entra/", "a")).toBe("https://proxy.contoso.com/entra");
  });

  // What people copy from a token URL: verify would append the tenant and the token path to it once more.
  it.each([
    ["https://login.microsoftonline.com", true],
    ["https://127.0.0.1:8443", true],
    ["https://proxy.contoso.com/entra", true],
    ["https://login.microsoftonline.com/common", false],
    ["https://login.microsoftonline.com/Organizations/", false],
    ["https://login.microsoftonline.com/2487ABFA-47fc-4f60-8af4-2b857b17432c", false],
    ["https://login.microsoftonline.com/2487abfa-47fc-4f60-8af4-2b857b17432c/oauth2/v2.0/token", false],
    ["https://login.microsoftonline.com/contoso.onmicrosoft.com", false],
    ["https://proxy.contoso.com/entra/oauth2", false],
    ["https://login.microsoftonline.com/Common", false],
    ["https://login.microsoftonline.com/contoso.OnMicrosoft.COM", false],
    ["https://proxy.contoso.com/OAuth2/v2.0/token", false],
  ])("takes %s: %s, as the config schema does", (authority, ok) => {
    expect(accepted(authority)).toBe(ok);
    expect(schemaPattern.test(authority)).toBe(ok);
  });

  it("says what is wrong with a tenant in the path, and where", () => {
    expect(() => httpsAuthority("https://login.microsoftonline.com/common", "--endpoints ep.json: authority")).toThrow(
      "--endpoints ep.json: authority must not hold a tenant or the token path (…/common, …/<tenant id>/oauth2/v2.0/token): verify appends the tenant and /oauth2/v2.0/token to it; give only https://host[:port][/path]",
    );
  });
});
