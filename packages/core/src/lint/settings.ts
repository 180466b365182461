import type { SmtpcfgConfiguration } from "../config/model.js";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { findRule } from "./rules/index.js";

/** The `lint` block of a config: severities and options per rule id. */
export type LintSettings = NonNullable<SmtpcfgConfiguration["lint"]>;
type RuleSetting = "off" | "warn" | "error";

const SEVERITY: Record<Exclude<RuleSetting, "off">, Severity> = { warn: "warning", error: "error" };

/**
 * Findings that decide whether a file can be checked at all: a file that cannot be read, parsed
 * or validated is not checked any further, so turning these off would let a broken file pass
 * unchecked. `lint.rules` cannot set them (the schema rejects it), and they are always errors.
 * So are the parse checks of XML files and PowerShell scripts.
 */
export const NON_CONFIGURABLE: ReadonlySet<string> = new Set(["input", "yaml-syntax", "schema", "xml-syntax", "ps-syntax"]);

/** What a rule without options gets: one object for every rule and file, not a new one each time. */
const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

export function ruleOptions(settings: LintSettings | undefined, ruleId: string): Readonly<Record<string, unknown>> {
  return (settings?.options as Record<string, Record<string, unknown>> | undefined)?.[ruleId] ?? NO_OPTIONS;
}

/**
 * Applies `lint.rules`: drops what is off, and re-grades what is set to warn or error. Setting a
 * rule to its default severity changes nothing: secret-expiry set to error still warns about a
 * secret that only expires soon, as it does by default. Non-configurable findings pass as they are
 * whatever the settings say: the schema rejects such settings in a file, but not when passed in code.
 */
export function applySeverities(diagnostics: Diagnostic[], settings: LintSettings | undefined): Diagnostic[] {
  if (settings?.rules === undefined || diagnostics.length === 0) return diagnostics;
  const rules = settings.rules as Record<string, RuleSetting | undefined>;
  return diagnostics.flatMap((diagnostic) => {
    if (NON_CONFIGURABLE.has(diagnostic.ruleId)) return [diagnostic];
    const setting = rules[diagnostic.ruleId];
    if (setting === undefined) return [diagnostic];
    if (setting === "off") return [];
    if (SEVERITY[setting] === findRule(diagnostic.ruleId)?.meta.defaultSeverity) return [diagnostic];
    return [{ ...diagnostic, severity: SEVERITY[setting] }];
  });
}
