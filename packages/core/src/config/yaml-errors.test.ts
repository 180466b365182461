import { describe, expect, it } from "vitest";
import { configWith } from "../../test/config-with.js";
import { lintConfig } from "../lint/lint-config.js";
import { loadConfig } from "./load.js";

// What YAML reads differently from what a config can hold is a yaml-syntax error, always, and
// alone: a file with one is not checked further (docs/rules/yaml-syntax.md).

const today = "2026-01-01";
const config = (options: Parameters<typeof configWith>[0] = {}) => configWith({ displayName: "Omada SMTP", ...options });

// biome-ignore lint/suspicious/noTemplateCurlyInString: ${AWS::StackName} is CloudFormation's, in YAML
const CLOUDFORMATION = '!Sub "${AWS::StackName}"';

const source = (text: string) => ({ file: "smtpcfg.yaml", text, bom: false });
const lint = (text: string) => lintConfig(source(text), { today });

describe("every yaml-syntax finding is an error, and the only finding", () => {
  it.each([
    ["an unknown tag", config({ displayName: CLOUDFORMATION }), /^unknown tag !Sub: /],
    ["an unsupported YAML version", config({ top: "%YAML 1.3\n---\n" }), /^%YAML 1\.3 is not a YAML version smtpcfg reads/],
    ["an unknown directive", config({ top: "%FOO bar\n---\n" }), /^unknown directive %FOO: YAML has only %YAML and %TAG/],
    ["an alias name that ends with a colon", config({ displayName: "&name: x" }), /^this anchor name ends with ":"/],
    [
      "YAML's own tag on the wrong kind of value",
      config({ displayName: "!!map x" }),
      /^this value is tagged !!map, but is not a mapping: remove the tag/,
    ],
    [
      "a tag whose handle is not declared",
      config({ displayName: "!e!x y" }),
      /^!e!x is not a tag YAML can read \(its handle is not declared by a %TAG line\)/,
    ],
    ["a bad escape", config({ displayName: '"a\\qb"' }), /^invalid escape sequence \\q in a double-quoted value/],
    [
      "a value with a second colon",
      config({ displayName: "SMTP: Omada" }),
      /^this value has ": " in it, .*: put the whole value in quotes$/,
    ],
    ["a value that starts with @", config({ displayName: "@contoso" }), /^this value starts with "@", which YAML reserves/],
    ["a value that starts with %", config({ displayName: "%DISPLAY_NAME%" }), /^this value starts with "%", which YAML reserves/],
    [
      "a no-break space after a key's colon, as copied from a web page",
      config({ displayName: "x" }).replace("tenantId: ", "tenantId:\u00a0"),
      /^the space after the colon on this line is not a plain space but U\+00A0, which YAML does not read as one/,
    ],
    ["a key over 1024 characters long", `${"k".repeat(1100)}: 1\n${config()}`, /^this key is longer than 1024 characters/],
  ])("%s", (_, text, message) => {
    const diagnostics = lint(text);
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: "yaml-syntax", severity: "error", message: expect.stringMatching(message) }),
    ]);
    expect(loadConfig(source(text)).config).toBeUndefined();
  });

  it("a file with an unknown tag gets no schema or rule findings besides", () => {
    const text = config({ displayName: CLOUDFORMATION, version: "2", expires: "2001-01-01" });
    expect(lint(text).map((d) => d.ruleId)).toEqual(["yaml-syntax"]);
  });
});

describe("YAML's own scalar tags", () => {
  it.each([
    ["!!float one", "!!float", "a number \\(such as 1\\.5\\)"],
    ["!!int 1.5", "!!int", "a whole number \\(such as 587\\)"],
    ["!!bool yes", "!!bool", "true or false"],
    ["!!null x", "!!null", "null \\(null or ~\\)"],
  ])("a value %s that its tag does not fit says so, without the tag's URI", (version, tag, what) => {
    expect(lint(config({ version }))).toEqual([
      expect.objectContaining({
        ruleId: "yaml-syntax",
        message: expect.stringMatching(new RegExp(`^this value is tagged ${tag}, but is not ${what} as YAML 1\\.2 writes it`)),
      }),
    ]);
  });
});

describe("documents and aliases", () => {
  it("a trailing --- line is a second, empty document", () => {
    const text = `${config()}---\n`;
    expect(lint(text)).toEqual([
      expect.objectContaining({
        message: "a config is one YAML document, and this --- line starts a second one, with nothing in it: remove the line",
        range: expect.objectContaining({ start: { line: 15, column: 1 } }),
      }),
    ]);
  });

  it("several documents are counted", () => {
    expect(lint(`${config()}---\na: 1\n---\nb: 2\n`)[0]?.message).toMatch(/^a config is one YAML document, but this file has 3: /);
  });

  it("a mapping that merges itself says so, in words", () => {
    const text = "version: 1\ntenants:\n  - &m\n    name: contoso\n    tenantId: contoso.com\n    <<: *m\n";
    const diagnostics = lint(text);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^this mapping merges itself: <<: \*m is inside the mapping anchored &m/),
        range: expect.objectContaining({ start: { line: 6, column: 9 } }),
      }),
    ]);
  });

  it("an alias inside the node it names is no endless data", () => {
    expect(lint("version: 1\ntenants: &t [ *t ]\n")).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^this alias \*t is inside the node anchored &t/) }),
    ]);
  });

  it("an alias bomb is refused in words, without yaml's own message", () => {
    const text = `version: 1\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n`;
    const [finding] = lint(text);
    expect(finding?.message).toMatch(/^aliases expand to too many nodes \(more than 100, as in a "billion laughs" file\)/);
    expect(finding?.message).not.toMatch(/resource exhaustion/);
  });
});

describe("slips made by hand, where a secret is written", () => {
  it.each([
    ["a second colon", "Xk28Q~EXAMPLE: never.a.real.value00", /^the value of clientSecret has ": " in it/],
    ["a reserved first character", "@Xk28Q~EXAMPLE.never.a.real.value00", /^the value of clientSecret starts with "@"/],
    [
      "an opening quote and no closing one",
      '"Xk28Q~EXAMPLE.never.a.real.value00',
      /^the value of clientSecret opens with " but is never closed/,
    ],
  ])("%s is named by the secret's key, and the secret is not shown", (_, secret, message) => {
    const diagnostics = lint(config({ secret }));
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: "yaml-syntax", message: expect.stringMatching(message) })]);
    expect(JSON.stringify(diagnostics)).not.toMatch(/EXAMPLE|never\.a\.real/);
  });

  it.each(["env: CONTOSO_SMTP_SECRET", "file: secrets/contoso.txt"])(
    "a reference written %s on the key's line is told to take braces, not quotes, which would make it the secret",
    (secret) => {
      const source = secret.slice(0, secret.indexOf(":"));
      expect(lint(config({ secret }))).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            new RegExp(`^the value of clientSecret is written "${source}: …" on the line of its key, .*: write \\{${source}: `),
          ),
          range: expect.objectContaining({ start: { line: 10, column: 25 } }),
        }),
      ]);
    },
  );

  it("an unclosed quote is underlined where it opens, not at the end of the file", () => {
    const [finding] = lint(config({ secret: '"Xk28Q~EXAMPLE' }));
    expect(finding?.range.start).toEqual({ line: 10, column: 25 });
  });
});
