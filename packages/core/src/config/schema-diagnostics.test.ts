import { describe, expect, it } from "vitest";
import { lintConfig } from "../lint/lint-config.js";

const tenant = (keys: string) => `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
${keys}
`;

const lint = (text: string) => lintConfig({ file: "smtpcfg.yaml", text, bom: false }, { today: "2026-01-01" });

describe("unknown keys that YAML reads as no text", () => {
  it.each([
    ["a number", "587: port", "587"],
    ["null", "~: nothing", "~"],
    ["a boolean with no value", "true:", "true"],
    ["a float", "1.5: x", "1.5"],
    ["a hexadecimal number", "0x1F: y", "0x1F"],
  ])("%s is underlined where it is written, and quoted as written", (_, line, written) => {
    const diagnostics = lint(tenant(`    ${line}`));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          new RegExp(`^tenants\\[0\\] has an unknown key ${JSON.stringify(written).replace(/[.~]/g, "\\$&")};`),
        ),
        range: { start: { line: 5, column: 5 }, end: { line: 5, column: 5 + written.length } },
      }),
    ]);
  });

  it("each of several is underlined on its own line", () => {
    const lines = lint(tenant("    587: port\n    ~: nothing\n    true:\n    1.5: x")).map((d) => d.range.start.line);
    expect(lines).toEqual([5, 6, 7, 8]);
  });
});

describe("a number written as text", () => {
  const config = (version: string) => `version: ${version}\ntenants:\n  - name: contoso\n    tenantId: contoso.com\n`;

  it("tagged !!str is a string because of its tag, not of quotes", () => {
    expect(lint(config("!!str 1"))).toEqual([
      expect.objectContaining({ message: 'version "1" is tagged !!str, which makes it a string, expected the number 1; remove the tag' }),
    ]);
    expect(lint(`${config("1")}    omada:\n      - name: prod\n        mailbox: a@contoso.com\n        port: !!str 587\n`)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          message: 'tenants[0].omada[0].port "587" is tagged !!str, which makes it a string, expected an integer; remove the tag',
        }),
      ]),
    );
  });

  it("quoted is a string because of its quotes", () => {
    expect(lint(config('"1"'))).toEqual([
      expect.objectContaining({ message: 'version "1" is a string, expected the number 1; write it without quotes' }),
    ]);
  });

  it("in a block scalar is a string written as a block of text", () => {
    expect(lint(config("|-\n  1"))).toEqual([
      expect.objectContaining({ message: 'version "1" is a string, expected the number 1; write it as a plain number' }),
    ]);
  });
});

describe("a value that YAML reads as a number or a boolean", () => {
  const messages = (keys: string) => lint(tenant(keys)).map((d) => d.message);

  it.each([
    ["an exponent", "1e10"],
    ["a hexadecimal number", "0x1F"],
    ["a number with leading zeros", "007"],
    ["infinity", ".inf"],
  ])("is quoted as written when it is %s, not as the number YAML makes of it", (_, written) => {
    expect(messages(`    cloud: ${written}`)).toEqual([`tenants[0].cloud ${written} is not one of global, gcc, gcc-high, dod or china`]);
  });

  it("where text is expected, is said to be a number or a boolean, and to need quotes, through the fast path and yaml's alike", () => {
    const expected = [
      "tenants[0].apps[0].name true is a boolean, expected a string; write it in quotes if it is meant as text",
      "tenants[0].apps[0].clientId 1e10 is a number, expected a string; write it in quotes if it is meant as text",
    ];
    const app = "    apps:\n      - name: true\n        clientId: 1e10\n        credential: { clientSecret: { env: X } }";
    expect(messages(app)).toEqual(expected);
    // An anchor sends the file through yaml rather than the fast path.
    expect(messages(app.replace("name: true", "name: &n true"))).toEqual(expected);
  });

  it("where a whole number is expected, is named as written: .nan is not null", () => {
    expect(messages("    omada:\n      - name: prod\n        mailbox: a@contoso.com\n        port: .nan")).toContain(
      "tenants[0].omada[0].port .nan is a number, expected an integer",
    );
  });

  it("is never shown as a client secret, even when YAML reads it as a number", () => {
    const found = messages(
      "    apps:\n      - name: x\n        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04\n        credential: { clientSecret: 8675309e3 }",
    );
    expect(found).toEqual(["tenants[0].apps[0].credential.clientSecret is a number, expected a string or a mapping"]);
  });
});

describe("an access item that is no permission", () => {
  it("is one finding, whatever YAML reads it as", () => {
    const mailbox = (access: string) =>
      lint(tenant(`    apps: []\n    mailboxes:\n      - address: a@contoso.com\n        app: x\n        access: ${access}`))
        .filter((d) => d.ruleId === "schema")
        .map((d) => d.message);
    expect(mailbox("[FullAccess, 1]")).toEqual(["tenants[0].mailboxes[0].access[1] 1 is not one of FullAccess or SendAs"]);
    expect(mailbox("[{FullAccess: true}]")).toEqual(["tenants[0].mailboxes[0].access[0] is not one of FullAccess or SendAs"]);
  });
});

describe("one value where a list is expected", () => {
  it("says how to write a list", () => {
    const found = lint(tenant("    apps: []\n    mailboxes:\n      - address: a@contoso.com\n        app: x\n        access: FullAccess"));
    expect(found.filter((d) => d.ruleId === "schema").map((d) => d.message)).toEqual([
      'tenants[0].mailboxes[0].access "FullAccess" is a string, expected a list; write a list, even of one value: in brackets ([…]), or as items that start with "- "',
    ]);
  });
});
