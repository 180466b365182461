import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostic.js";
import { lintConfig } from "../src/lint/lint-config.js";
import type { Rule } from "../src/lint/rule.js";
import { RULES } from "../src/lint/rules/index.js";
import type { LintSettings } from "../src/lint/settings.js";

export interface ExpectedFinding {
  line: number;
  column: number;
  /** The whole message, or a pattern it must match. */
  message: string | RegExp;
  severity?: Diagnostic["severity"];
}

export interface RuleCases {
  /** Configs (YAML text) on which the rule must report nothing. */
  valid: string[];
  invalid: { name: string; config: string; findings: ExpectedFinding[] }[];
  /** Today, for date rules. */
  today?: string;
  options?: Record<string, unknown>;
}

/** The date RuleTester uses unless a case says otherwise. */
export const TEST_TODAY = "2026-11-26";

/**
 * ESLint's RuleTester for config rules: only the rule under test is enabled, every finding's
 * position and message is asserted, and a case listed twice is a mistake in the test.
 */
export function testRule(rule: Rule, cases: RuleCases): void {
  const id = rule.meta.id;
  const rules = Object.fromEntries(
    RULES.map((r) => [r.meta.id, r.meta.id === id ? undefined : "off"]).filter(([, v]) => v),
  ) as LintSettings["rules"];
  const settings: LintSettings = { rules, options: cases.options ? { [id]: cases.options } : {} } as LintSettings;
  const run = (config: string) =>
    lintConfig({ file: "smtpcfg.yaml", text: config, bom: false }, { settings, today: cases.today ?? TEST_TODAY });

  const all = [...cases.valid, ...cases.invalid.map((c) => c.config)];
  const duplicates = all.filter((config, index) => all.indexOf(config) !== index);
  if (duplicates.length > 0) throw new Error(`${id}: a test case is listed twice:\n${duplicates[0]}`);

  describe(`rule ${id}`, () => {
    for (const [index, config] of cases.valid.entries()) {
      it(`reports nothing on valid case ${index + 1}`, () => {
        expect(run(config)).toEqual([]);
      });
    }
    for (const invalid of cases.invalid) {
      it(`reports ${invalid.name}`, () => {
        const found = run(invalid.config);
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
      });
    }
  });
}
