import { type Document, isCollection, isMap, isNode, isPair, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import type { Diagnostic, Range } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import type { SourceText } from "../source.js";
import type { DataPath } from "./data-path.js";
import { excessiveNestingAt, MAX_FLOW_NESTING } from "./nesting.js";
import { firstAlias, yamlProblems } from "./yaml-errors.js";

/** yaml's limit on alias expansion; a "billion laughs" document trips it and gets a diagnostic. */
const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  source: SourceText;
  document: Document.Parsed;
  /** The plain data, or undefined when the document has syntax errors. */
  data: unknown;
  syntaxDiagnostics: Diagnostic[];
  locate(path: DataPath, options?: { key?: boolean }): Range;
}

export function parseYamlSource(source: SourceText): YamlSource {
  const lineCounter = new LineCounter();
  const tooDeep = excessiveNestingAt(source.text);
  const document = parseDocument(tooDeep === -1 ? source.text : "", { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (tooDeep !== -1) {
    // Not parsed, so the parser did not count lines: count them for the one diagnostic.
    for (let at = source.text.indexOf("\n"); at !== -1; at = source.text.indexOf("\n", at + 1)) lineCounter.addNewLine(at + 1);
  }
  const rangeOf = (from: number, to: number): Range => {
    const start = lineCounter.linePos(from);
    const end = lineCounter.linePos(Math.max(to, from));
    return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
  };
  const problems = tooDeep === -1 ? yamlProblems(document, source.text, lineCounter) : [];
  const overflow = problems.find((problem) => /call stack/i.test(problem.error.message));
  const syntaxDiagnostics: Diagnostic[] = (overflow ? [overflow] : problems).map((problem) => ({
    ruleId: "yaml-syntax",
    severity: document.errors.includes(problem.error) ? "error" : "warning",
    message: yamlMessage(problem.message),
    file: source.file,
    range: rangeOf(problem.from, problem.to),
    docsUrl: ruleDocsUrl("yaml-syntax"),
  }));
  if (tooDeep !== -1) {
    syntaxDiagnostics.push({
      ruleId: "yaml-syntax",
      severity: "error",
      message: `nesting is deeper than ${MAX_FLOW_NESTING} levels; a configuration never needs this many, so the file is not parsed`,
      file: source.file,
      range: rangeOf(tooDeep, tooDeep + 1),
      docsUrl: ruleDocsUrl("yaml-syntax"),
    });
  }
  let data: unknown;
  if (syntaxDiagnostics.every((d) => d.severity !== "error")) {
    try {
      data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // yaml throws for two things here: an alias to no anchor, and an alias bomb.
      const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec((error as Error).message)?.[1];
      const [from, to] = firstAlias(document, unresolved) ?? [0, 0];
      syntaxDiagnostics.push({
        ruleId: "yaml-syntax",
        severity: "error",
        message:
          unresolved === undefined
            ? `aliases expand to too many nodes (${(error as Error).message}); refusing to expand them`
            : `alias *${unresolved} refers to no anchor &${unresolved} defined before it; define the anchor first, or write the value out`,
        file: source.file,
        range: rangeOf(from, to),
        docsUrl: ruleDocsUrl("yaml-syntax"),
      });
    }
  }
  const locate = (path: DataPath, options: { key?: boolean } = {}): Range => {
    const [from, to] = locateOffsets(document, source.text, path, options.key ?? false);
    return rangeOf(from, to);
  };
  return { source, document, data, syntaxDiagnostics, locate };
}

function yamlMessage(message: string): string {
  if (/call stack/i.test(message))
    return "nesting is too deep to parse; a configuration never needs this many levels, so the file is not parsed";
  return message;
}

/** The offsets to underline for a path: a scalar's value, or the key that holds a collection. */
function locateOffsets(document: Document.Parsed, text: string, path: DataPath, wantKey: boolean): [number, number] {
  let node: unknown = document.contents;
  let keyNode: Node | undefined;
  for (const segment of path) {
    if (!isCollection(node)) break;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      keyNode = isNode(pair.key) ? pair.key : undefined;
      node = pair.value;
    } else {
      node = node.items[Number(segment)];
      keyNode = undefined;
    }
  }
  const target = wantKey || isCollection(node) || !isNode(node) ? (keyNode ?? node) : node;
  const range = isNode(target) ? target.range : undefined;
  if (!range) return [0, 0];
  const lineEnd = text.indexOf("\n", range[0]);
  const end = isCollection(target) ? Math.min(range[1], lineEnd === -1 ? range[1] : lineEnd) : range[1];
  return [range[0], end];
}
