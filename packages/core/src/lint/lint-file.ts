import type { LintableConfig } from "../config/lintable.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import { parsePowerShell } from "../powershell/parse.js";
import type { SourceText } from "../source.js";
import { LineIndex } from "../text/line-index.js";
import { shortenLongWords } from "../text/quote.js";
import { parseXml } from "../xml/parse.js";
import { applyEdits } from "./edits.js";
import { lintConfig } from "./lint-config.js";
import type { FileKind, Rule, SpanReport } from "./rule.js";
import { RULES } from "./rules/index.js";
import { applySeverities, type LintSettings, ruleOptions } from "./settings.js";
import { applySuppressions } from "./suppressions.js";

export interface LintOptions {
  /** Rule severities and options: for a config, instead of its own `lint` block; for other files, the only ones. */
  settings?: LintSettings;
  /** The config given with `--config`: rules that compare an XML file or script with it use it. */
  config?: LintableConfig;
  /** Today as YYYY-MM-DD; defaults to the real date (UTC). */
  today?: string;
}

type SpanCheck = (
  rule: Rule,
  context: { today: string; options: Readonly<Record<string, unknown>>; report(report: SpanReport): void },
) => void;

/** The rules that check each kind of file reported on by offsets, in the order of RULES. */
const XML_RULES = RULES.filter((rule) => rule.checkXml !== undefined);
const POWERSHELL_RULES = RULES.filter((rule) => rule.checkPowerShell !== undefined);

/** Runs every rule's check for a file that rules report on by offsets (XML, PowerShell); lintFile grades the findings. */
function runSpanRules(source: SourceText, options: LintOptions, rules: readonly Rule[], check: SpanCheck): Diagnostic[] {
  // Lines are counted only for a finding: most files of a folder have none.
  let lines: LineIndex | undefined;
  const diagnostics: Diagnostic[] = [];
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  for (const rule of rules) {
    const { id, defaultSeverity } = rule.meta;
    check(rule, {
      today,
      options: ruleOptions(options.settings, id),
      report: ({ start, end, message, severity, fix }) => {
        lines ??= new LineIndex(source.text);
        diagnostics.push({
          ruleId: id,
          severity: severity ?? defaultSeverity,
          message,
          file: source.file,
          range: lines.range(start, end),
          docsUrl: ruleDocsUrl(id),
          ...(fix ? { fix } : {}),
        });
      },
    });
  }
  return diagnostics;
}

async function lintByKind(source: SourceText, kind: FileKind, options: LintOptions): Promise<Diagnostic[]> {
  switch (kind) {
    case "config":
      return lintConfig(source, options);
    case "xml": {
      const document = parseXml(source.text);
      // Each rule's context written out, not spread: a folder of small files makes this call most often of all.
      const { config } = options;
      return runSpanRules(source, options, XML_RULES, (rule, { today, options: settings, report }) =>
        rule.checkXml?.(
          config ? { today, options: settings, report, source, config, document } : { today, options: settings, report, source, document },
        ),
      );
    }
    case "powershell": {
      const script = await parsePowerShell(source.text);
      const shared = options.config ? { source, config: options.config } : { source };
      return runSpanRules(source, options, POWERSHELL_RULES, (rule, context) => rule.checkPowerShell?.({ ...context, ...shared, script }));
    }
  }
}

/** Lints one file of any kind, with its inline suppressions applied. Never throws for bad input. */
export async function lintFile(source: SourceText, kind: FileKind, options: LintOptions = {}): Promise<Diagnostic[]> {
  const diagnostics = applySuppressions(source, kind, await lintByKind(source, kind, options));
  const bounded = diagnostics.map((diagnostic) => ({ ...diagnostic, message: shortenLongWords(diagnostic.message) }));
  return applySeverities(bounded, options.settings).sort(compareDiagnostics);
}

export interface FixResult {
  /** The text with every fix applied (the input text when nothing was fixable). */
  text: string;
  /** The findings that were fixed, as they were reported. */
  fixed: Diagnostic[];
  /** What is left after fixing. */
  diagnostics: Diagnostic[];
}

/**
 * ESLint's fix loop: apply the fixes that do not overlap, lint again, until nothing changes (at
 * most 10 passes). Line breaks a fix inserts follow the file's (CRLF stays CRLF).
 */
export async function fixFile(source: SourceText, kind: FileKind, options: LintOptions = {}): Promise<FixResult> {
  const lineBreak = source.text.includes("\r\n") ? "\r\n" : "\n";
  let text = source.text;
  const fixed: Diagnostic[] = [];
  let diagnostics = await lintFile(source, kind, options);
  for (let pass = 0; pass < 10; pass++) {
    const fixable = diagnostics.filter((diagnostic) => diagnostic.fix);
    if (fixable.length === 0) break;
    const edits = fixable.map((diagnostic) => {
      const fix = diagnostic.fix as NonNullable<Diagnostic["fix"]>;
      return { ...fix, text: fix.text.replace(/\r?\n/g, lineBreak) };
    });
    const edited = applyEdits(text, edits);
    if (edited.applied.length === 0 || edited.text === text) break;
    fixed.push(...fixable.filter((_, index) => edited.applied.includes(edits[index] as (typeof edits)[number])));
    text = edited.text;
    diagnostics = await lintFile({ ...source, text }, kind, options);
  }
  return { text, fixed, diagnostics };
}
