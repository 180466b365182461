import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostic.js";
import { lintConfig } from "../lint/lint-config.js";
import { FORMATTERS, type FormatName } from "./index.js";

const cwd = "/srv/project";
const file = `${cwd}/smtpcfg.yaml`;
const literalSecret = "s3cr3t-Value~with.chars";
// Shaped like the secret's ID, which people paste by mistake: still a value that must not be shown.
const guidSecret = "5f1a7c2e-9b3d-4e8f-a1c6-2d7b9e0f4a3c";

const config = (credential: string) => `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: omada-smtp
        displayName: SMTP AUTH
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
${credential}
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
    omada:
      - name: prod
        mailbox: omada-notify@contoso.com
`;

const lint = (text: string) => lintConfig({ file, text, bom: false }, { today: "2025-01-01" });

/** Every formatter, with and without colour: the whole text a user or a CI log could ever see. */
function everyOutput(diagnostics: readonly Diagnostic[]): [FormatName, string][] {
  return (Object.keys(FORMATTERS) as FormatName[]).flatMap((name) =>
    [false, true].map((color): [FormatName, string] => [name, FORMATTERS[name](diagnostics, { cwd, color, toolVersion: "1.2.3" })]),
  );
}

/** The secret, and its first few characters in case a message quotes it shortened. */
function expectNoSecret(diagnostics: readonly Diagnostic[], secret: string) {
  for (const [name, output] of everyOutput(diagnostics)) {
    expect(output, name).not.toContain(secret);
    expect(output, name).not.toContain(secret.slice(0, 8));
  }
}

const cases: { name: string; secret: string; credential: string; ruleId: string }[] = [
  {
    name: "a literal clientSecret",
    secret: literalSecret,
    credential: `        credential:\n          clientSecret: "${literalSecret}"\n          expires: 2099-01-01`,
    ruleId: "inline-secret",
  },
  {
    name: "a GUID-shaped literal clientSecret",
    secret: guidSecret,
    credential: `        credential:\n          clientSecret: ${guidSecret}\n          expires: 2099-01-01`,
    ruleId: "secret-id-as-secret",
  },
  {
    name: "a literal clientSecret next to an expired date",
    secret: literalSecret,
    credential: `        credential:\n          clientSecret: '${literalSecret}'\n          expires: 2001-01-01`,
    ruleId: "secret-expiry",
  },
  {
    name: "a clientSecret given as a list",
    secret: literalSecret,
    credential: `        credential:\n          clientSecret: ["${literalSecret}"]`,
    ruleId: "schema",
  },
  {
    name: "a secret value pasted into the env reference",
    secret: literalSecret,
    credential: `        credential:\n          clientSecret: { env: "${literalSecret}" }`,
    ruleId: "schema",
  },
  {
    name: "a secret pasted as the whole credential",
    secret: literalSecret,
    credential: `        credential: "${literalSecret}"`,
    ruleId: "schema",
  },
  {
    name: "a literal clientSecret given twice",
    secret: literalSecret,
    credential: `        credential:\n          clientSecret: "${literalSecret}"\n          clientSecret: "${literalSecret}"`,
    ruleId: "yaml-syntax",
  },
  {
    name: "a literal clientSecret that breaks the YAML",
    secret: literalSecret,
    credential: `        credential:\n          clientSecret: ${literalSecret}: x`,
    ruleId: "yaml-syntax",
  },
];

describe("no formatter prints a secret", () => {
  it.each(cases)("for $name", ({ secret, credential, ruleId }) => {
    const diagnostics = lint(config(credential));
    // The finding about the secret must be there, or the test would pass on an empty output.
    expect(diagnostics.map((d) => d.ruleId)).toContain(ruleId);
    expectNoSecret(diagnostics, secret);
  });
});
