import { CST, Lexer } from "yaml";
import { parsedText } from "../config/yaml-document.js";
import type { Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import type { SourceText } from "../source.js";
import { didYouMean } from "../text/did-you-mean.js";
import { LineIndex } from "../text/line-index.js";
import { listAnd } from "../text/quote.js";
import type { Span } from "../xml/document.js";
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

/** Where a file's comments are, each whole: from its `#` to the end of its line, or from `<!--` to `-->`. */
export type CommentSpans = () => Iterable<Span>;

export interface SuppressionContext {
  /** The file's comments, asked for only when its text names the directive: only a comment can be one. */
  comments: CommentSpans;
  /**
   * Whether the rules checked the file. A config that is not YAML is checked by none: its
   * suppressions then suppress nothing only for now, and are neither applied nor reported.
   */
  rulesRan: boolean;
  /**
   * Whether the rules left a line unchecked (a config value the schema rejected): a suppression of
   * that line may be for a finding they could not make yet, as in a file with a syntax error.
   */
  unchecked?: (line: number) => boolean;
}

const DIRECTIVE = "smtpcfg-disable-next-line";

/** The ids a suppression may name: every rule's, the pseudo rules' (input, yaml-syntax, …) included. */
const KNOWN_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id));
/**
 * Findings that say part of a file could not be parsed. The rules still check an XML file or a
 * script around the damage, but not what is inside it: a suppression may be for a finding they
 * could not make yet.
 */
const PARSE_ERRORS: ReadonlySet<string> = new Set(["yaml-syntax", "xml-syntax", "ps-syntax"]);

/** A comment that is a directive, with what follows the directive's name; `<# #>` comments are not. */
const DIRECTIVE_COMMENT: Record<FileKind, RegExp> = {
  config: /^#[ \t]*smtpcfg-disable-next-line(?=[\s,]|$)([\s\S]*)$/,
  powershell: /^#[ \t]*smtpcfg-disable-next-line(?=[\s,]|$)([\s\S]*)$/,
  xml: /^<!--\s*smtpcfg-disable-next-line(?=[\s,]|-->|$)([\s\S]*?)(?:-->)?$/,
};

/** Blanks up to the end of a line, from where the pattern's lastIndex is set. */
const BLANKS_TO_LINE_END = /[ \t]*(?:[\r\n]|$)/y;

/** Whether nothing but blanks is on the comment's line(s) besides the comment itself. */
function isOnItsOwnLine(text: string, lines: LineIndex, { start, end }: Span): boolean {
  const before = text.slice(lines.lineStart(lines.position(start).line), start);
  BLANKS_TO_LINE_END.lastIndex = end;
  return /^[ \t]*$/.test(before) && BLANKS_TO_LINE_END.test(text);
}

function findSuppressions(
  text: string,
  kind: FileKind,
  lines: LineIndex,
  comments: Iterable<Span>,
): { suppressions: Suppression[]; misplaced: Span[] } {
  const suppressions: Suppression[] = [];
  const misplaced: Span[] = [];
  for (const span of comments) {
    const match = DIRECTIVE_COMMENT[kind].exec(text.slice(span.start, span.end));
    if (!match) continue;
    // After other text, "the next line" would be a guess, and a guess that hides findings.
    if (!isOnItsOwnLine(text, lines, span)) {
      misplaced.push(span);
      continue;
    }
    const ruleIds = (match[1] ?? "")
      .replace(/--\s*.*$/s, "")
      .split(/[\s,]+/)
      .filter((id) => id !== "");
    suppressions.push({ line: lines.position(span.end).line + 1, ruleIds, start: span.start, end: span.end, used: new Set() });
  }
  return { suppressions, misplaced };
}

/**
 * The comments of a YAML text, from yaml's lexer: a `#` in a quoted or block scalar is text, not a
 * comment. Its tokens are the text in order, but for markers of no length of their own (where a
 * document or a scalar starts, where a broken flow collection ends), as yaml's Parser counts them;
 * the lexer alone takes a third of the time the parser would.
 */
export function yamlComments(text: string): Span[] {
  const comments: Span[] = [];
  let offset = 0;
  let atScalar = false;
  for (const token of new Lexer().lex(parsedText(text))) {
    if (token === CST.DOCUMENT || token === CST.FLOW_END) continue;
    if (token === CST.SCALAR) {
      atScalar = true;
      continue;
    }
    if (!atScalar && CST.tokenType(token) === "comment") comments.push({ start: offset, end: offset + token.trimEnd().length });
    atScalar = false;
    offset += token.length;
  }
  return comments;
}

/**
 * Applies `smtpcfg-disable-next-line [rule-id…]` comments (`#` in YAML and PowerShell, `<!-- -->`
 * in XML), each on a line of its own: findings of those rules on the next line are dropped. A
 * comment that suppresses nothing is itself reported, so that stale ones do not pile up (ESLint's
 * unused directives), unless part of the file could not be parsed; so is one after other text on
 * its line, which suppresses nothing.
 */
export function applySuppressions(
  source: SourceText,
  kind: FileKind,
  diagnostics: Diagnostic[],
  { comments, rulesRan, unchecked }: SuppressionContext,
): Diagnostic[] {
  const { text, file } = source;
  // Without rules, every finding is one no suppression hides, and whether a suppression is used is not known yet.
  if (!rulesRan || !text.includes(DIRECTIVE)) return diagnostics;
  const lines = new LineIndex(text);
  const { suppressions, misplaced } = findSuppressions(text, kind, lines, comments());
  const checkedWhole = !diagnostics.some((diagnostic) => diagnostic.severity === "error" && PARSE_ERRORS.has(diagnostic.ruleId));
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
  const report = (span: Span, message: string) =>
    kept.push({
      ruleId: UNUSED_SUPPRESSION,
      severity: "warning",
      message,
      file,
      range: lines.range(span.start, span.end),
      docsUrl: ruleDocsUrl(UNUSED_SUPPRESSION),
    });
  for (const span of misplaced) {
    report(
      span,
      `${DIRECTIVE} after other text on its line suppresses nothing: write it on a line of its own, just above the line it is about`,
    );
  }
  for (const suppression of suppressions) {
    const unused =
      suppression.ruleIds.length === 0
        ? suppression.used.size === 0
          ? ["every rule"]
          : []
        : suppression.ruleIds.filter((id) => !suppression.used.has(id));
    const unknown = unused.filter((id) => suppression.ruleIds.includes(id) && !KNOWN_IDS.has(id));
    const unsuppressible = unused.filter((id) => NON_CONFIGURABLE.has(id));
    const stale = unused.filter((id) => !unknown.includes(id) && !unsuppressible.includes(id));
    // A misspelt id suppresses nothing too, but "remove it" would be the wrong advice.
    for (const id of unknown) {
      report(suppression, `${DIRECTIVE} names ${JSON.stringify(id)}, which is no rule of smtpcfg${didYouMean(id, KNOWN_IDS)}`);
    }
    // Never used, whether or not the line has such a finding: what to do is fix it, not move the comment.
    if (unsuppressible.length > 0) {
      const ids = listAnd(unsuppressible);
      report(
        suppression,
        `${DIRECTIVE} cannot suppress ${ids}: findings that say a file could not be read, parsed or validated are always reported, so fix what they report instead; remove ${ids} from the comment`,
      );
    }
    if (stale.length > 0 && checkedWhole && !unchecked?.(suppression.line)) {
      report(suppression, `${DIRECTIVE} for ${stale.join(", ")} suppresses nothing on line ${suppression.line}; remove it`);
    }
  }
  return kept;
}
