import type { Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import type { SourceText } from "../source.js";
import { LineIndex } from "../text/line-index.js";
import type { FileKind } from "./rule.js";
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
    if (unused.length === 0) continue;
    kept.push({
      ruleId: UNUSED_SUPPRESSION,
      severity: "warning",
      message: `${DIRECTIVE} for ${unused.join(", ")} suppresses nothing on line ${suppression.line}; remove it`,
      file,
      range: lines.range(suppression.start, suppression.end),
      docsUrl: ruleDocsUrl(UNUSED_SUPPRESSION),
    });
  }
  return kept;
}
