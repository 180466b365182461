import type { Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import type { SourceText } from "../source.js";
import { didYouMean } from "../text/did-you-mean.js";
import { LineIndex } from "../text/line-index.js";
import type { FileKind } from "./rule.js";
import { RULES } from "./rules/index.js";
import { NON_CONFIGURABLE } from "./settings.js";

export const UNUSED_SUPPRESSION = "unused-suppression";

interface Suppression {
  /** The line whose findings it suppresses. */
  line: number;
  /** Empty: every rule. */
  ruleIds: string[];
  start: number;
  end: number;
  used: Set<string>;
}

const DIRECTIVE = "smtpcfg-disable-next-line";

/** The ids a suppression may name: every rule's, and those of the findings no rule makes (input). */
const KNOWN_IDS: ReadonlySet<string> = new Set([...RULES.map((rule) => rule.meta.id), ...NON_CONFIGURABLE]);
const COMMENT: Record<FileKind, RegExp> = {
  config: /(?:^|[ \t])#[ \t]*smtpcfg-disable-next-line\b([^\r\n]*)/gm,
  powershell: /(?:^|[ \t;])#[ \t]*smtpcfg-disable-next-line\b([^\r\n]*)/gm,
  xml: /<!--[ \t\r\n]*smtpcfg-disable-next-line\b([\s\S]*?)-->/g,
};

function findSuppressions(text: string, kind: FileKind, lines: LineIndex): Suppression[] {
  const suppressions: Suppression[] = [];
  for (const match of text.matchAll(COMMENT[kind])) {
    const start = match.index + match[0].indexOf(kind === "xml" ? "<!--" : "#");
    const end = match.index + match[0].length;
    const ruleIds = (match[1] ?? "")
      .replace(/--\s*.*$/s, "")
      .split(/[\s,]+/)
      .filter((id) => id !== "");
    suppressions.push({ line: lines.position(end).line + 1, ruleIds, start, end, used: new Set() });
  }
  return suppressions;
}

/**
 * Applies `smtpcfg-disable-next-line [rule-id…]` comments (`#` in YAML and PowerShell, `<!-- -->`
 * in XML): findings of those rules on the next line are dropped. A comment that suppresses
 * nothing is itself reported, so that stale ones do not pile up (ESLint's unused directives).
 */
export function applySuppressions(source: SourceText, kind: FileKind, diagnostics: Diagnostic[]): Diagnostic[] {
  const { text, file } = source;
  if (!text.includes(DIRECTIVE)) return diagnostics;
  const lines = new LineIndex(text);
  const suppressions = findSuppressions(text, kind, lines);
  const kept = diagnostics.filter((diagnostic) => {
    // What decides whether a file can be checked at all is never hidden, as it cannot be turned off.
    if (NON_CONFIGURABLE.has(diagnostic.ruleId)) return true;
    const suppression = suppressions.find(
      (candidate) =>
        candidate.line === diagnostic.range.start.line && (candidate.ruleIds.length === 0 || candidate.ruleIds.includes(diagnostic.ruleId)),
    );
    suppression?.used.add(diagnostic.ruleId);
    return !suppression;
  });
  for (const suppression of suppressions) {
    const unused =
      suppression.ruleIds.length === 0
        ? suppression.used.size === 0
          ? ["every rule"]
          : []
        : suppression.ruleIds.filter((id) => !suppression.used.has(id));
    const unknown = unused.filter((id) => suppression.ruleIds.includes(id) && !KNOWN_IDS.has(id));
    const stale = unused.filter((id) => !unknown.includes(id));
    const report = (message: string) =>
      kept.push({
        ruleId: UNUSED_SUPPRESSION,
        severity: "warning",
        message,
        file,
        range: lines.range(suppression.start, suppression.end),
        docsUrl: ruleDocsUrl(UNUSED_SUPPRESSION),
      });
    // A misspelt id suppresses nothing too, but "remove it" would be the wrong advice.
    for (const id of unknown) report(`${DIRECTIVE} names ${JSON.stringify(id)}, which is no rule of smtpcfg${didYouMean(id, KNOWN_IDS)}`);
    if (stale.length > 0) report(`${DIRECTIVE} for ${stale.join(", ")} suppresses nothing on line ${suppression.line}; remove it`);
  }
  return kept;
}
