import { describe, expect, it } from "vitest";
import type { LintableConfig } from "../src/config/lintable.js";
import { loadConfig } from "../src/config/load.js";
import type { Diagnostic } from "../src/diagnostic.js";
import { fixFile, lintFile } from "../src/lint/lint-file.js";
import type { FileKind, Rule } from "../src/lint/rule.js";
import { RULES } from "../src/lint/rules/index.js";
import type { LintSettings } from "../src/lint/settings.js";

export interface ExpectedFinding {
  line: number;
  column: number;
  /** The whole message, or a pattern it must match. */
  message: string | RegExp;
  severity?: Diagnostic["severity"];
}

export interface InvalidCase {
  name: string;
  /** The file's text (a config, an XML file or a script, after `kind`). */
  config: string;
  findings: ExpectedFinding[];
  /** For fixable rules: the text after `--fix` (ESLint's `output`); the fixed text must not be reported again. */
  output?: string;
}

export interface RuleCases {
  /** The kind of file the cases are; config YAML unless said. */
  kind?: FileKind;
  /** Files on which the rule must report nothing. */
  valid: string[];
  invalid: InvalidCase[];
  /** Today, for date rules. */
  today?: string;
  options?: Record<string, unknown>;
  /** A config (YAML text) given as `--config`, for rules that compare a file with it. */
  withConfig?: string;
}

const FILE_NAMES: Record<FileKind, string> = { config: "smtpcfg.yaml", xml: "notificationSettings.xml", powershell: "script.ps1" };

/** The date RuleTester uses unless a case says otherwise. */
export const TEST_TODAY = "2026-11-26";

/**
 * ESLint's RuleTester, for every kind of file: only the rule under test is enabled, every finding's
 * position and message is asserted, and a case listed twice is a mistake in the test.
 */
export function testRule(rule: Rule, cases: RuleCases): void {
  const id = rule.meta.id;
  const rules = Object.fromEntries(
    RULES.map((r) => [r.meta.id, r.meta.id === id ? undefined : "off"]).filter(([, v]) => v),
  ) as LintSettings["rules"];
  const settings: LintSettings = { rules, options: cases.options ? { [id]: cases.options } : {} } as LintSettings;
  const kind = cases.kind ?? "config";
  const config =
    cases.withConfig === undefined
      ? undefined
      : (loadConfig({ file: "smtpcfg.yaml", text: cases.withConfig, bom: false }).yaml?.data as LintableConfig);
  const options = { settings, today: cases.today ?? TEST_TODAY, ...(config ? { config } : {}) };
  const source = (text: string) => ({ file: FILE_NAMES[kind], text, bom: false });
  // Parse and schema findings cannot be turned off: they are left out here instead.
  const run = async (text: string) => (await lintFile(source(text), kind, options)).filter((d) => d.ruleId === id);

  const all = [...cases.valid, ...cases.invalid.map((c) => c.config)];
  const duplicates = all.filter((config, index) => all.indexOf(config) !== index);
  if (duplicates.length > 0) throw new Error(`${id}: a test case is listed twice:\n${duplicates[0]}`);

  describe(`rule ${id}`, () => {
    for (const [index, config] of cases.valid.entries()) {
      it(`reports nothing on valid case ${index + 1}`, async () => {
        expect(await run(config)).toEqual([]);
      });
    }
    for (const invalid of cases.invalid) {
      it(`reports ${invalid.name}`, async () => {
        const found = await run(invalid.config);
        expect(found.map((d) => d.ruleId)).toEqual(invalid.findings.map(() => id));
        invalid.findings.forEach((expected, i) => {
          const actual = found[i] as Diagnostic;
          expect({ line: actual.range.start.line, column: actual.range.start.column }).toEqual({
            line: expected.line,
            column: expected.column,
          });
          if (typeof expected.message === "string") expect(actual.message).toBe(expected.message);
          else expect(actual.message).toMatch(expected.message);
          expect(actual.severity).toBe(expected.severity ?? rule.meta.defaultSeverity);
        });
        const fixed = await fixFile(source(invalid.config), kind, options);
        expect(fixed.text, "the text after --fix").toBe(invalid.output ?? invalid.config);
        if (invalid.output !== undefined) expect(fixed.diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
      });
    }
  });
}
