import { describe, expect, it } from "vitest";
import { CONTOSO_APP } from "../../test/contoso-app.js";
import { lintText, type TextKind } from "./lint-file.js";

const XML = `<?xml version="1.0" encoding="utf-8"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML">
  <smtp>
    <network host="smtp.office365.com" port="25" secureSocketOptions="StartTls">
      <azureAdClientCredentials instance="https://login.microsoftonline.com" clientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04"
        clientSecret="{{SMTP_CLIENT_SECRET}}" tenantId="2487abfa-47fc-4f60-8af4-2b857b17432c"
        userName="omada-notify@contoso.com" scopes="https://outlook.office365.com/.default" />
    </network>
  </smtp>
</notificationSettings>
`;
const source = { file: "notificationSettings.xml", text: XML, bom: false };

describe("lintText", () => {
  it("lints an XML file at once: its findings, not a promise of them", () => {
    const found = lintText(source, "xml", { today: "2026-01-01" });
    expect(Array.isArray(found)).toBe(true);
    expect(found.map((d) => [d.ruleId, d.range.start.line])).toEqual([["port", 4]]);
  });

  it("refuses a script, which only lintFile can parse, rather than linting it as XML", () => {
    expect(() => lintText({ ...source, file: "setup.ps1" }, "powershell" as TextKind)).toThrow(
      new TypeError("lintText lints configs and XML files, not powershell: use lintFile"),
    );
  });
});

describe("a password written into a URL", () => {
  const password = "Hunter2Secret";
  it("never reaches a finding's message, in a config or an XML file", () => {
    const config = `version: 1
endpoints:
  authority: "https://admin:${password}@login.microsoftonline.com"
tenants:
  - name: contoso
    tenantId: contoso.onmicrosoft.com
`;
    const configFindings = lintText({ file: "smtpcfg.yaml", text: config, bom: false }, "config", { today: "2026-01-01" });
    const xml = XML.replace(
      'instance="https://login.microsoftonline.com"',
      `instance="https://admin:${password}@login.microsoftonline.us"`,
    );
    const xmlFindings = lintText({ ...source, text: xml }, "xml", { today: "2026-01-01" });
    for (const found of [configFindings, xmlFindings]) {
      expect(found.some((d) => d.message.includes("‹secret hidden›@"))).toBe(true);
      expect(JSON.stringify(found)).not.toContain(password);
    }
  });
});

describe("a config's suppressions", () => {
  const config = (credential: string, rest = "") => `${CONTOSO_APP}${credential}
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
${rest}`;
  const unused = config(
    "        credential:\n          # smtpcfg-disable-next-line inline-secret\n          clientSecret: { env: SMTP_SECRET }",
  );
  const findings = (text: string, options = {}) =>
    lintText({ file: "smtpcfg.yaml", text, bom: false }, "config", { today: "2026-01-01", ...options });
  const lint = (text: string, options = {}) =>
    findings(text, options).map((d) => `${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.ruleId}: ${d.message}`);
  const rulesAndLines = (text: string) => findings(text).map((d) => `${d.range.start.line} ${d.ruleId}`);

  it("are graded by the config's own lint block, unless another is given", () => {
    expect(lint(`${unused}lint:\n  rules:\n    unused-suppression: off\n`)).toEqual([]);
    expect(lint(`${unused}lint:\n  rules:\n    unused-suppression: error\n`)).toEqual([
      "9:11 error unused-suppression: smtpcfg-disable-next-line for inline-secret suppresses nothing on line 10; remove it",
    ]);
    expect(
      lint(`${unused}lint:\n  rules:\n    unused-suppression: off\n`, { settings: { rules: { "unused-suppression": "error" } } }),
    ).toEqual(["9:11 error unused-suppression: smtpcfg-disable-next-line for inline-secret suppresses nothing on line 10; remove it"]);
  });

  it("hide nothing after other text on a line: the secret below is still reported", () => {
    const text = config('        credential: # smtpcfg-disable-next-line\n          clientSecret: "Abc8Q~realsecret.5678"');
    expect(rulesAndLines(text)).toEqual(["8 unused-suppression", "9 inline-secret"]);
    expect(JSON.stringify(findings(text))).not.toContain("realsecret");
  });

  it("take nothing in a quoted value for a directive", () => {
    const quoted = config(
      '        displayName: "SMTP # smtpcfg-disable-next-line"\n        credential:\n          clientSecret: "Abc8Q~realsecret.5678"',
    );
    expect(rulesAndLines(quoted)).toEqual(["10 inline-secret"]);
  });

  it("are not reported as unused above a value the schema rejected, which no rule checked; elsewhere they are", () => {
    const text = config(
      "        credential:\n          clientSecret: { env: SMTP_SECRET }\n        # smtpcfg-disable-next-line object-id-confusion\n        servicePrincipalObjectId: 7a83471e-a8c7-4c06-8120-77b9aa56fa0",
      "        # smtpcfg-disable-next-line smtp-auth-disabled\n        smtpClientAuth: enabled\n",
    );
    expect(rulesAndLines(text)).toEqual(["11 schema", "15 unused-suppression"]);
    // mailbox-access judges the list whole, and skips it when an item of it was rejected.
    const item = config(
      "        credential:\n          clientSecret: { env: SMTP_SECRET }",
      "        # smtpcfg-disable-next-line mailbox-access\n        access:\n          - FullAcces\n",
    );
    expect(rulesAndLines(item)).toEqual(["15 schema"]);
    const list = "# smtpcfg-disable-next-line duplicate-name\n- name: contoso\n";
    expect(rulesAndLines(list)).toEqual(["2 schema"]);
  });

  it("are not reported as unused in a config that does not parse, which no rule checked", () => {
    const broken = config(
      '        credential:\n          # smtpcfg-disable-next-line inline-secret\n          clientSecret: "Abc8Q~realsecret.5678"',
      "lint: [\n  - a: 1\n",
    );
    expect(rulesAndLines(broken)).toEqual(["15 yaml-syntax"]);
  });
});
