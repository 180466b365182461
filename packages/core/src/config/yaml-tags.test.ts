import { describe, expect, it } from "vitest";
import { configWith } from "../../test/config-with.js";
import { lintConfig } from "../lint/lint-config.js";
import { loadConfig } from "./load.js";
import { parseWithYaml } from "./yaml-document.js";

// The data of a config is only ever text, numbers, booleans, null, lists and mappings: no tag
// makes it a Buffer, a Set, a Map or a Date, which the schema would describe by their methods.

const today = "2026-01-01";

const source = (text: string) => ({ file: "smtpcfg.yaml", text, bom: false });
const lint = (text: string) => lintConfig(source(text), { today });

/** Whether data holds only what JSON holds: no Buffer, Set, Map or Date. */
function isPlain(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (Array.isArray(value)) return value.every(isPlain);
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isPlain);
}

describe("tags whose values no config holds", () => {
  const tags = [
    ["!!binary", "!!binary aGVsbG8=", "binary data"],
    ["!!set", "!!set { a, b }", "a set"],
    ["!!omap", "!!omap [ { a: 1 } ]", "an ordered mapping"],
    ["!!pairs", "!!pairs [ { a: 1 } ]", "a list of pairs"],
  ] as const;

  it.each(tags)("%s as the tenants is one finding naming the tag, in YAML 1.2 and 1.1", (tag, value, what) => {
    for (const top of ["", "%YAML 1.1\n---\n"]) {
      const text = `${top}version: 1\ntenants: ${value}\n`;
      expect(lint(text)).toEqual([
        expect.objectContaining({
          ruleId: "yaml-syntax",
          severity: "error",
          message: expect.stringContaining(`tagged ${tag}, which YAML reads as ${what};`),
          range: expect.objectContaining({ start: { line: top ? 4 : 2, column: 10 } }),
        }),
      ]);
      expect(isPlain(parseWithYaml(source(text)).document.toJS())).toBe(true);
    }
  });

  it("a clientSecret tagged !!binary is one finding, not the methods of a Buffer", () => {
    const diagnostics = lint(configWith({ secret: "!!binary U3VwM3JTM2NyZXRWYWx1ZQ==" }));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/is tagged !!binary, which YAML reads as binary data; a config holds only text/),
        range: expect.objectContaining({ start: { line: 9, column: 25 } }),
      }),
    ]);
  });
});

describe("booleans", () => {
  // YAML 1.1 reads yes, no, on and off as booleans: `port: off` would be the boolean false.
  it("after %YAML 1.1, off, on, yes and no are the words they are, and true and false are booleans", () => {
    const text = `${configWith({ top: "%YAML 1.1\n---\n" })}lint:\n  rules:\n    port: off\n    tls-mode: on\n    host-known: yes\n`;
    const data = loadConfig(source(text)).yaml?.data as { lint: { rules: Record<string, unknown> } };
    expect(data.lint.rules).toEqual({ port: "off", "tls-mode": "on", "host-known": "yes" });
    expect(lint(text).map((d) => d.message)).toEqual([
      'lint.rules.tls-mode "on" is not one of off, warn or error',
      'lint.rules.host-known "yes" is not one of off, warn or error',
    ]);
    const flags = loadConfig(source(`${configWith({ top: "%YAML 1.1\n---\n" })}x: [true, False, no]\n`)).yaml?.data as { x: unknown[] };
    expect(flags.x).toEqual([true, false, "no"]);
  });
});

describe("dates", () => {
  it("a YAML 1.1 date is the text it is written as, and an expired one is reported", () => {
    const text = configWith({ top: "%YAML 1.1\n---\n", expires: "2020-05-31" });
    const data = loadConfig(source(text)).yaml?.data as { tenants: { apps: { credential: { expires: unknown } }[] }[] };
    expect(data.tenants[0]?.apps[0]?.credential.expires).toBe("2020-05-31");
    expect(lint(text)).toEqual([expect.objectContaining({ ruleId: "secret-expiry", severity: "error" })]);
  });

  it("a date tagged !!timestamp is the text it is written as", () => {
    expect(lint(configWith({ expires: "!!timestamp 2020-05-31" }))).toEqual([expect.objectContaining({ ruleId: "secret-expiry" })]);
    expect(lint(configWith({ expires: "!!timestamp 31.05.2020" }))).toEqual([
      expect.objectContaining({ ruleId: "schema", message: expect.stringMatching(/expires "31\.05\.2020" is not a real date/) }),
    ]);
  });
});

describe("!!float", () => {
  it("!!float 1 is the number 1, as YAML 1.2's float pattern includes whole numbers", () => {
    expect(lint(configWith({ version: "!!float 1" }))).toEqual([]);
    expect(lint(configWith({ version: "!!float 1.0" }))).toEqual([]);
    expect(lint(configWith({ top: "%YAML 1.1\n---\n", version: "!!float 1" }))).toEqual([]);
  });
});
