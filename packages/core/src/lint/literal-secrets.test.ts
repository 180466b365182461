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

  it("finds the secrets, passwords and tokens a script holds as literals, not variables, ids or placeholders", () => {
    const token = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL291dGxvb2sifQ.c2lnbmF0dXJl";
    const script = [
      "$secret = ConvertTo-SecureString -String 'Qx8~plain.Secret_1' -AsPlainText -Force",
      "$other = ConvertTo-SecureString 'Qx8~positional_2' -AsPlainText -Force",
      "$piped = 'Qx8~piped_3' | ConvertTo-SecureString -AsPlainText -Force",
      '$ClientSecret = "Qx8~assigned`"4"',
      "$env:SMTP_PASSWORD = 'Hunter2Pw'",
      "Connect-Thing -ClientSecret:'Qx8~parameter_5' -TokenType 'Bearer'",
      "$body = @{ client_id = '7a83471e-a8c7-4c06-8120-77b9aa56fa04'; client_secret = 'Qx8~entry_6' }",
      "$form = 'grant_type=client_credentials&client_secret=Qx8~field_7&scope=x'",
      `Invoke-RestMethod -Headers @{ Authorization = "Bearer ${token}" }`,
      // Not secrets: a variable's value, the secret's ID, a placeholder, a URL named after tokens.
      '$fromEnv = ConvertTo-SecureString -String "$env:SECRET" -AsPlainText -Force',
      "$clientSecretId = '3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f'",
      "$password = '{{PASSWORD}}'",
      "$tokenUrl = 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token'",
      "Get-AccessToken -Resource 'https://outlook.office365.com'",
    ].join("\n");
    expect(literalSecrets(script, "powershell").sort()).toEqual(
      [
        "Qx8~plain.Secret_1",
        "Qx8~positional_2",
        "Qx8~piped_3",
        'Qx8~assigned`"4',
        "Hunter2Pw",
        "Qx8~parameter_5",
        "Qx8~entry_6",
        "Qx8~field_7",
        `Bearer ${token}`,
        token,
      ].sort(),
    );
  });
});

describe("literalSecrets in any file", () => {
  it.each([
    ["xml", '<!-- the old one: clientSecret="Qx8~OldSecretValue.0123456789_abcdef" -->\n<a clientSecret="{{SECRET}}"/>'],
    ["config", "# the old one: Qx8~OldSecretValue.0123456789_abcdef\nversion: 1\n"],
    ["powershell", "# $secret = 'Qx8~OldSecretValue.0123456789_abcdef'\n"],
  ] as const)("finds a word shaped like a client secret wherever it is written in %s, a comment too", (kind, text) => {
    expect(literalSecrets(text, kind)).toContain("Qx8~OldSecretValue.0123456789_abcdef");
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
