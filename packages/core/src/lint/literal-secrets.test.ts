import { describe, expect, it } from "vitest";
import { literalSecrets, redactSecrets } from "./literal-secrets.js";

describe("literalSecrets", () => {
  it("finds literal client secrets in a config, not references or placeholders", () => {
    const config = `version: 1
tenants:
  - name: a
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: x
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
        credential: { clientSecret: "Zq8~literal.Value_1" }
      - name: y
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa05
        credential: { clientSecret: { env: Y_SECRET } }
      - name: z
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa06
        credential: { clientSecret: "{{SECRET}}" }
`;
    expect(literalSecrets(config, "config")).toEqual(["Zq8~literal.Value_1"]);
  });

  it("finds clientSecret values in XML, as decoded and as written, even in a malformed file", () => {
    const xml = '<?xml version="1.0">\n<notificationSettings><a>\nclientSecret="Ab&amp;cd~9" clientId="x"\n/></notificationSettings>';
    expect(literalSecrets(xml, "xml").sort()).toEqual(["Ab&amp;cd~9", "Ab&cd~9"]);
    expect(literalSecrets('<a clientSecret="xxx"/>', "xml")).toEqual([]);
  });

  it("finds a password with a quote in it in a value as parsed", () => {
    expect(literalSecrets(`<c instance="https://admin:pa'Hunter2@login.microsoftonline.com"/>`, "xml")).toContain("pa'Hunter2");
    expect(literalSecrets(`endpoints:\n  authority: "https://admin:pa'Hunter2@login.microsoftonline.com"\n`, "config")).toContain(
      "pa'Hunter2",
    );
  });

  it("finds the passwords written into URLs, in a file of any kind", () => {
    expect(literalSecrets('<c instance="https://admin:Hunter2Pw@login.microsoftonline.com"/>', "xml")).toEqual(["Hunter2Pw"]);
    expect(literalSecrets("authority: https://svc:Hunter2Pw@login.microsoftonline.us\n", "config")).toEqual(["Hunter2Pw"]);
    expect(literalSecrets("Invoke-RestMethod -Uri https://svc:Hunter2Pw@relay.example/x\n", "powershell")).toEqual(["Hunter2Pw"]);
  });
});

describe("redactSecrets", () => {
  it("hides every occurrence, longest secret first, and says whether it hid anything", () => {
    expect(redactSecrets("-a Secret1 +b Secret12", ["Secret1", "Secret12"])).toEqual({
      text: "-a ‹secret hidden› +b ‹secret hidden›",
      redacted: true,
    });
    expect(redactSecrets("nothing here", ["Secret1"])).toEqual({ text: "nothing here", redacted: false });
  });
});
