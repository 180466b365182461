import type { LintableConfig } from "../config/lintable.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import { parsePowerShell } from "../powershell/parse.js";
import type { SourceText } from "../source.js";
import { LineIndex } from "../text/line-index.js";
import { shortenLongWords } from "../text/quote.js";
import { parseXml } from "../xml/parse.js";
import { applyEdits } from "./edits.js";
import { lintConfigSource } from "./lint-config.js";
import type { FileKind, FileRuleContext, Rule, SpanReport } from "./rule.js";
import { RULES } from "./rules/index.js";
import { applySeverities, type LintSettings, ruleOptions } from "./settings.js";
import { applySuppressions, backtickContinuation, type SuppressionContext, startTagContinuation, yamlComments } from "./suppressions.js";
import { todayUtc } from "./today.js";

export interface LintOptions {
  /** Rule severities and options: for a config, instead of its own `lint` block; for other files, the only ones. */
  settings?: LintSettings;
  /** The config given with `--config`: rules that compare an XML file or script with it use it. */
  config?: LintableConfig;
  /** Today as YYYY-MM-DD; defaults to the real date (UTC). */
  today?: string;
}

/** The rules that check each kind of file reported on by offsets, in the order of RULES. */
const XML_RULES = RULES.filter((rule) => rule.checkXml !== undefined);
const POWERSHELL_RULES = RULES.filter((rule) => rule.checkPowerShell !== undefined);

/**
 * Runs every rule's check for a file that rules report on by offsets (XML, PowerShell), with
 * `parsed` (the document or the script) in their context; finish grades the findings. The rules
 * share one context, made once per file, whose `report` knows which rule is running and whose
 * `options` are each rule's own while it runs: a folder of small files runs this most often of
 * all, and a context and a closure per rule and file were a good part of its cost.
 */
function runSpanRules<Parsed extends object>(
  source: SourceText,
  options: LintOptions,
  rules: readonly Rule[],
  parsed: Parsed,
  check: (rule: Rule, context: FileRuleContext & Parsed) => void,
): Diagnostic[] {
  // Lines are counted only for a finding: most files of a folder have none.
  let lines: LineIndex | undefined;
  const diagnostics: Diagnostic[] = [];
  let running = rules[0] as Rule;
  const report = ({ start, end, message, severity, fix }: SpanReport) => {
    const { id, defaultSeverity } = running.meta;
    lines ??= new LineIndex(source.text);
    const diagnostic: Diagnostic = {
      ruleId: id,
      severity: severity ?? defaultSeverity,
      message,
      file: source.file,
      range: lines.range(start, end),
      docsUrl: ruleDocsUrl(id),
    };
    if (fix) diagnostic.fix = fix;
    diagnostics.push(diagnostic);
  };
  const today = options.today ?? todayUtc();
  const shared: FileRuleContext = options.config
    ? { today, options: {}, report, source, config: options.config }
    : { today, options: {}, report, source };
  const context = Object.assign(shared, parsed);
  for (const rule of rules) {
    running = rule;
    context.options = ruleOptions(options.settings, rule.meta.id);
    check(rule, context);
  }
  return diagnostics;
}

/** The kinds of file linted without waiting for anything: all but PowerShell, whose parser loads its grammar asynchronously. */
export type TextKind = Exclude<FileKind, "powershell">;

/**
 * Lints a config or an XML file, with its inline suppressions applied, and returns at once: a
 * folder of thousands of small files is linted without a promise and a wait for each. Never
 * throws for bad input.
 */
export function lintText(source: SourceText, kind: TextKind, options: LintOptions = {}): Diagnostic[] {
  switch (kind) {
    case "config": {
      const { diagnostics, settings, rulesRan, unchecked } = lintConfigSource(source, options);
      // Graded again after the suppressions, with the settings lintConfig used: the config's own lint block, unless others were given.
      return finish(source, kind, settings, diagnostics, { comments: () => yamlComments(source.text), rulesRan, unchecked });
    }
    case "xml": {
      const document = parseXml(source.text);
      const found = runSpanRules(source, options, XML_RULES, { document }, (rule, context) => rule.checkXml?.(context));
      // The scan is tolerant: the rules check a file that is not well-formed too.
      return finish(source, kind, options.settings, found, {
        comments: () => document.comments.map(({ span }) => span),
        rulesRan: true,
        continuation: startTagContinuation(document.elements),
      });
    }
    default:
      // A caller without types could pass any kind: a script linted as XML would get nonsense.
      throw new TypeError(`lintText lints configs and XML files, not ${String(kind satisfies never)}: use lintFile`);
  }
}

/** Lints one file of any kind, with its inline suppressions applied. Never throws for bad input. */
export async function lintFile(source: SourceText, kind: FileKind, options: LintOptions = {}): Promise<Diagnostic[]> {
  if (kind !== "powershell") return lintText(source, kind, options);
  const script = await parsePowerShell(source.text);
  const found = runSpanRules(source, options, POWERSHELL_RULES, { script }, (rule, context) => rule.checkPowerShell?.(context));
  // The rules check what the grammar could parse and the commands salvaged from the rest.
  return finish(source, kind, options.settings, found, {
    comments: () => script.comments.map(({ span }) => span),
    rulesRan: true,
    continuation: backtickContinuation,
  });
}

/** What every kind of file's findings go through: inline suppressions, long words cut, severities from the settings, and order. */
function finish(
  source: SourceText,
  kind: FileKind,
  settings: LintSettings | undefined,
  found: Diagnostic[],
  suppressions: SuppressionContext,
): Diagnostic[] {
  const diagnostics = applySuppressions(source, kind, found, suppressions);
  // The findings are this call's own: a message is replaced only when it changes.
  for (let index = 0; index < diagnostics.length; index++) {
    const diagnostic = diagnostics[index] as Diagnostic;
    const message = shortenLongWords(diagnostic.message);
    if (message !== diagnostic.message) diagnostics[index] = { ...diagnostic, message };
  }
  const graded = applySeverities(diagnostics, settings);
  return graded.length > 1 ? graded.sort(compareDiagnostics) : graded;
}

/** The line break a fix writes: CRLF when the file has one, a lone CR in a file of lone CRs (which XML and YAML read as line breaks), LF otherwise. */
function lineBreakOf(text: string): string {
  if (text.includes("\r\n")) return "\r\n";
  return text.includes("\r") && !text.includes("\n") ? "\r" : "\n";
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
 * most 10 passes). Line breaks a fix inserts follow the file's (CRLF stays CRLF, a lone CR a lone CR). `linted` is what
 * lintFile gave for `source` with the same options, when the caller has it: the text is then not
 * parsed and linted a second time.
 */
export async function fixFile(
  source: SourceText,
  kind: FileKind,
  options: LintOptions = {},
  linted?: readonly Diagnostic[],
): Promise<FixResult> {
  const lineBreak = lineBreakOf(source.text);
  let text = source.text;
  const fixed: Diagnostic[] = [];
  let diagnostics = linted ? [...linted] : await lintFile(source, kind, options);
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
