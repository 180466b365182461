import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTOSO_APP } from "../../test/contoso-app.js";
import type { Diagnostic } from "../diagnostic.js";
import { FORMATTERS, type FormatName } from "../format/index.js";
import { lintConfig } from "../lint/lint-config.js";
import { loadConfig } from "./load.js";

// No message quotes what is written where a secret is, however YAML reads it: a secret that
// starts with `*` (an alias), `!` (a tag) or holds a bad escape, and a secret carried elsewhere
// by an alias. The CLI prints these messages in every format, and `--config` prints the first on
// stderr, so both the formatters' output and the loaded config's messages are checked.

const cwd = "/srv/project";
const file = `${cwd}/smtpcfg.yaml`;
const SECRET = "Abc8Q~leakSECRET.xyz";
const MARKER = "leakSECRET";

const config = ({
  secret,
  displayName = "Omada SMTP",
  address = "omada-notify@contoso.com",
  credential,
}: Partial<Record<string, string>>) => `${CONTOSO_APP}${credential ?? `        credential:\n          clientSecret: ${secret}`}
      - name: other
        displayName: ${displayName}
        clientId: 5d2c9a41-0f3e-4b7a-9c1d-2e8f6a4b3c7d
        credential:
          clientSecret: { env: OTHER_SECRET }
    mailboxes:
      - address: ${address}
        app: omada-smtp
`;

const source = (text: string) => ({ file, text, bom: false });

/** Every formatter, with and without colour: the whole text a user or a CI log could see. */
function everyOutput(diagnostics: readonly Diagnostic[]): [FormatName, string][] {
  return (Object.keys(FORMATTERS) as FormatName[]).flatMap((name) =>
    [false, true].map((color): [FormatName, string] => [name, FORMATTERS[name](diagnostics, { cwd, color, toolVersion: "1.2.3" })]),
  );
}

function expectNotShown(text: string) {
  const diagnostics = lintConfig(source(text), { today: "2026-01-01" });
  expect(diagnostics.length, "there is a finding about it").toBeGreaterThan(0);
  for (const [name, output] of everyOutput(diagnostics)) expect(output, name).not.toContain(MARKER);
  // What `lint --config` and `generate` print about a config they refuse.
  for (const diagnostic of loadConfig(source(text)).diagnostics) expect(diagnostic.message).not.toContain(MARKER);
  return diagnostics;
}

describe("a secret is never quoted, whatever YAML makes of it", () => {
  it.each([
    ["an alias (*)", `*${SECRET}`, /the value of clientSecret starts with "\*", which YAML reads as an alias/],
    ["a tag (!)", `!${SECRET}`, /the value of clientSecret starts with "!", which YAML reads as a tag/],
    ["a verbatim tag (!<…>)", `!<${SECRET}>`, /the value of clientSecret starts with "!"/],
    ["a tag with a handle (!e!…)", `!e!${SECRET}`, /the value of clientSecret starts with "!"/],
    ["a tag of YAML's own kind (!!…)", `!!${SECRET}`, /the value of clientSecret starts with "!"/],
    ["a bad escape in double quotes", `"Abc8Q\\q${MARKER}"`, /the value of clientSecret has a backslash/],
    ["binary data (!!binary)", `!!binary ${Buffer.from(SECRET).toString("base64")}`, /the value of clientSecret is tagged !!binary/],
    ["a number tag that does not fit (!!int)", `!!int ${SECRET}`, /the value of clientSecret is tagged !!int/],
    ["a repeated key inside it", `{ ${MARKER}: 1, ${MARKER}: 2 }`, /^duplicate key \(first on line 9\)/],
    ["an alias in a flow mapping", `{ env: *${SECRET} }`, /the value of clientSecret starts with "\*"/],
  ])("written as %s", (_, secret, message) => {
    const diagnostics = expectNotShown(config({ secret }));
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: "yaml-syntax", severity: "error", message: expect.stringMatching(message) }),
    ]);
  });

  it("pasted as the whole credential, with a tag", () => {
    const diagnostics = expectNotShown(config({ credential: `        credential: !${SECRET}` }));
    expect(diagnostics[0]?.message).toMatch(/^the value of credential starts with "!"/);
  });

  it.each([
    ["an address", { address: "*s" }, 16],
    ["a display name", { displayName: "*s" }, 11],
  ])("copied by an alias to %s, where no secret belongs", (_, where, line) => {
    const diagnostics = expectNotShown(config({ secret: `&s "${SECRET}"`, ...where }));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "yaml-syntax",
        message: expect.stringMatching(/^this alias repeats the value of clientSecret \(line 9\) where no secret belongs/),
        range: expect.objectContaining({ start: expect.objectContaining({ line }) }),
      }),
    ]);
  });

  it("taken by an alias from a value written where no secret belongs", () => {
    const text = config({ secret: "*s" }).replace("displayName: Omada SMTP", `displayName: &s "${SECRET}"`);
    // The anchor must come first: the second app is moved before the first.
    const [head, first, second, tail] = text.split(/(?= {6}- name: )|(?= {4}mailboxes:)/) as [string, string, string, string];
    const diagnostics = expectNotShown(head + second + first + tail);
    expect(diagnostics[0]?.message).toMatch(/^the value of clientSecret is an alias of a value written on line 7, where no secret belongs/);
  });

  it("an alias of one secret reference as another is fine", () => {
    const text = config({ secret: "&s { env: CONTOSO_SMTP_SECRET }" }).replace("{ env: OTHER_SECRET }", "*s");
    expect(lintConfig(source(text), { today: "2026-01-01" })).toEqual([]);
  });

  it("however the value around it is written", () => {
    const prefix = fc.constantFrom(
      "",
      "*",
      "!",
      "!!",
      "!<",
      "&a ",
      "&a *",
      "!!str ",
      "!!binary ",
      "!!float ",
      '"',
      "'",
      "{ ",
      "[ ",
      "? ",
      "- ",
    );
    const suffix = fc.constantFrom("", ">", '"', "'", " }", " ]", ": x", " # note", "\\q", '\\"');
    const elsewhere = fc.constantFrom({}, { address: "*a" }, { displayName: "*a" }, { displayName: "[*a]" }, { address: "&a x" });
    fc.assert(
      fc.property(prefix, suffix, elsewhere, (before, after, where) => {
        const diagnostics = lintConfig(source(config({ secret: `${before}${SECRET}${after}`, ...where })), { today: "2026-01-01" });
        for (const [name, output] of everyOutput(diagnostics)) expect(output, name).not.toContain(MARKER);
      }),
      { numRuns: 300 },
    );
  });
});
