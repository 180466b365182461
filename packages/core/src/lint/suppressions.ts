import { CST, Lexer } from "yaml";
import { parsedText } from "../config/yaml-document.js";
import type { Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import type { SourceText } from "../source.js";
import { didYouMean } from "../text/did-you-mean.js";
import { LineIndex } from "../text/line-index.js";
import { listAnd } from "../text/quote.js";
import type { Span, XmlElement } from "../xml/document.js";
import type { FileKind } from "./rule.js";
import { RULES } from "./rules/index.js";
import { NON_CONFIGURABLE } from "./settings.js";

export const UNUSED_SUPPRESSION = "unused-suppression";

interface Suppression {
  /** The line whose findings it suppresses. */
  line: number;
  /** The last line it covers: `line`, or where what starts there and cannot hold a comment ends. */
  last: number;
  /** Empty: every rule. */
  ruleIds: string[];
  start: number;
  end: number;
  used: Set<string>;
}

/** Where a file's comments are, each whole: from its `#` to the end of its line, or from `<!--` to `-->` (`<#` to `#>`). */
export type CommentSpans = () => Iterable<Span>;

/**
 * The last line of what starts on a line and goes on over lines that no comment can stand
 * between: an XML start tag whose attributes are on lines of their own, a PowerShell command
 * continued with backticks. A suppression for the line covers those lines too: there is no
 * other place to write one for them.
 */
export type Continuation = (line: number, lines: LineIndex) => number;

export interface SuppressionContext {
  /** The file's comments, asked for only when its text names the directive: only a comment can be one. */
  comments: CommentSpans;
  /**
   * Whether the rules checked the file. A config that is not YAML is checked by none: its
   * suppressions then suppress nothing only for now, and are neither applied nor reported.
   */
  rulesRan: boolean;
  /** Where a line goes on (see Continuation); without it, a suppression covers its next line only. */
  continuation?: Continuation;
  /**
   * Whether the rules left a line unchecked (a config value the schema rejected): a suppression of
   * that line may be for a finding they could not make yet, as in a file with a syntax error.
   */
  unchecked?: (line: number) => boolean;
}

const DIRECTIVE = "smtpcfg-disable-next-line";

/** XML's Continuation: a start tag goes on to its ">", and no comment can stand inside a tag. */
export function startTagContinuation(elements: readonly XmlElement[]): Continuation {
  return (line, lines) => {
    let last = line;
    // In document order, so by where their start tags begin.
    for (const { tagSpan } of elements) {
      const first = lines.position(tagSpan.start).line;
      if (first > line) break;
      if (first === line) last = Math.max(last, lines.position(Math.max(tagSpan.start, tagSpan.end - 1)).line);
    }
    return last;
  };
}

/**
 * PowerShell's Continuation: a line that ends with a backtick goes on on the next one, and a
 * comment line would end the command there (a doubled backtick is an escaped one, which does not).
 */
export const backtickContinuation: Continuation = (line, lines) => {
  const { text } = lines;
  let last = line;
  for (let next = lines.lineStart(last + 1); next < text.length; next = lines.lineStart(last + 1)) {
    const content = text.slice(lines.lineStart(last), next).replace(/(?:\r\n?|\n)$/, "");
    const backticks = content.length - content.replace(/`+$/, "").length;
    if (backticks % 2 === 0) break;
    last++;
  }
  return last;
};

/** The ids a suppression may name: every rule's, the pseudo rules' (input, yaml-syntax, …) included. */
const KNOWN_IDS: ReadonlySet<string> = new Set(RULES.map((rule) => rule.meta.id));
/**
 * Findings that say part of a file could not be parsed. The rules still check an XML file or a
 * script around the damage, but not what is inside it: a suppression may be for a finding they
 * could not make yet.
 */
const PARSE_ERRORS: ReadonlySet<string> = new Set(["yaml-syntax", "xml-syntax", "ps-syntax"]);

/**
 * A comment that is a directive, with what follows the directive's name. In PowerShell a block
 * comment that starts with the directive is one too (`<# smtpcfg-disable-next-line rule #>`), as
 * ESLint takes `/* eslint-disable-next-line *\/`; a `#` line inside a block comment (comment-based
 * help) is text of that comment, as it is to PowerShell.
 */
const DIRECTIVE_COMMENT: Record<FileKind, RegExp> = {
  config: /^#[ \t]*smtpcfg-disable-next-line(?=[\s,]|$)([\s\S]*)$/,
  powershell: /^(?:#[ \t]*smtpcfg-disable-next-line(?=[\s,]|$)([\s\S]*)|<#\s*smtpcfg-disable-next-line(?=[\s,]|#>|$)([\s\S]*?)(?:#>)?)$/,
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
  { comments, continuation }: SuppressionContext,
): { suppressions: Suppression[]; misplaced: Span[] } {
  const suppressions: Suppression[] = [];
  const misplaced: Span[] = [];
  for (const span of comments()) {
    const match = DIRECTIVE_COMMENT[kind].exec(text.slice(span.start, span.end));
    if (!match) continue;
    // After other text, "the next line" would be a guess, and a guess that hides findings.
    if (!isOnItsOwnLine(text, lines, span)) {
      misplaced.push(span);
      continue;
    }
    const ruleIds = (match[1] ?? match[2] ?? "")
      .replace(/--\s*.*$/s, "")
      .split(/[\s,]+/)
      .filter((id) => id !== "");
    const line = lines.position(span.end).line + 1;
    const last = continuation ? continuation(line, lines) : line;
    suppressions.push({ line, last, ruleIds, start: span.start, end: span.end, used: new Set() });
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

/** Where a suppression looks for findings, in words: its next line, the lines of what starts there, or nothing at the end of the file. */
function covered(suppression: Suppression, lines: LineIndex): string | undefined {
  if (lines.lineStart(suppression.line) >= lines.text.length) return undefined;
  return suppression.last > suppression.line ? `on lines ${suppression.line} to ${suppression.last}` : `on line ${suppression.line}`;
}

/**
 * Applies `smtpcfg-disable-next-line [rule-id…]` comments (`#` in YAML and PowerShell, `<!-- -->`
 * in XML, `<# #>` in PowerShell too), each on a line of its own: findings of those rules on the
 * next line are dropped, and on the lines after it that what starts there goes on over (see
 * Continuation). A comment that suppresses nothing is itself reported, so that stale ones do not
 * pile up (ESLint's unused directives), unless part of the file could not be parsed; so is one
 * after other text on its line, which suppresses nothing, and one that names what no comment can
 * suppress.
 */
export function applySuppressions(
  source: SourceText,
  kind: FileKind,
  diagnostics: Diagnostic[],
  context: SuppressionContext,
): Diagnostic[] {
  const { text, file } = source;
  // Without rules, every finding is one no suppression hides, and whether a suppression is used is not known yet.
  if (!context.rulesRan || !text.includes(DIRECTIVE)) return diagnostics;
  const lines = new LineIndex(text);
  const { suppressions, misplaced } = findSuppressions(text, kind, lines, context);
  const checkedWhole = !diagnostics.some((diagnostic) => diagnostic.severity === "error" && PARSE_ERRORS.has(diagnostic.ruleId));
  const kept = diagnostics.filter((diagnostic) => {
    // What decides whether a file can be checked at all is never hidden, as it cannot be turned off.
    if (NON_CONFIGURABLE.has(diagnostic.ruleId)) return true;
    const { line } = diagnostic.range.start;
    const suppression = suppressions.find(
      (candidate) =>
        candidate.line <= line &&
        line <= candidate.last &&
        (candidate.ruleIds.length === 0 || candidate.ruleIds.includes(diagnostic.ruleId)),
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
    const named = (id: string) => suppression.ruleIds.includes(id);
    const unknown = unused.filter((id) => named(id) && !KNOWN_IDS.has(id));
    // Suppressing them would let a file that cannot be read or parsed pass unchecked: the comment is wrong wherever it is.
    const unsuppressible = unused.filter((id) => named(id) && NON_CONFIGURABLE.has(id));
    const stale = unused.filter((id) => !unknown.includes(id) && !unsuppressible.includes(id));
    // A misspelt id suppresses nothing too, but "remove it" would be the wrong advice.
    for (const id of unknown) {
      report(suppression, `${DIRECTIVE} names ${JSON.stringify(id)}, which is no rule of smtpcfg${didYouMean(id, KNOWN_IDS)}`);
    }
    if (unsuppressible.length > 0) {
      const [they, reports, them] = unsuppressible.length === 1 ? ["it", "reports", "it"] : ["they", "report", "them"];
      report(
        suppression,
        `${DIRECTIVE} names ${listAnd(unsuppressible)}, whose findings no comment suppresses: ${they} ${reports} what keeps the file from being read or checked whole; fix what ${they} ${reports}, and take ${them} out of the comment`,
      );
    }
    if (stale.length > 0 && checkedWhole && !context.unchecked?.(suppression.line)) {
      const where = covered(suppression, lines);
      report(
        suppression,
        where === undefined
          ? `${DIRECTIVE} for ${stale.join(", ")} ends the file, so there is no line after it to suppress; remove it`
          : `${DIRECTIVE} for ${stale.join(", ")} suppresses nothing ${where}; remove it`,
      );
    }
  }
  return kept;
}
