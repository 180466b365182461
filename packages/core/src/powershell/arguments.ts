import type { Node } from "web-tree-sitter";
import type { Span } from "../xml/document.js";
import type { PowerShellArgument } from "./script.js";

export const spanOf = (node: Node): Span => ({ start: node.startIndex, end: node.endIndex });

/** Nodes that only wrap one expression in the grammar's precedence chain. */
const WRAPPERS = new Set([
  "pipeline",
  "pipeline_chain",
  "logical_expression",
  "bitwise_expression",
  "comparison_expression",
  "additive_expression",
  "multiplicative_expression",
  "format_expression",
  "range_expression",
  "array_literal_expression",
  "unary_expression",
  "string_literal",
  "parenthesized_expression",
  "key_expression",
]);

/** The innermost node of a chain of single-child wrappers (`($true)` → the `$true` variable). */
export function unwrap(node: Node): Node {
  let current = node;
  while (WRAPPERS.has(current.type)) {
    const children = current.namedChildren.filter((child): child is Node => child !== null && child.type !== "comment");
    if (children.length !== 1) break;
    current = children[0] as Node;
  }
  return current;
}

const ESCAPES: Readonly<Record<string, string>> = { "0": "\0", a: "\x07", b: "\b", e: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };
const SINGLE_QUOTE = "['\u2018\u2019\u201a\u201b]";
const DOUBLE_QUOTE = '["\u201c\u201d\u201e]';

/** An expandable string's text with its backtick escapes and doubled quotes undone. */
function undoEscapes(content: string): string {
  return content
    .replace(/`(u\{[0-9a-fA-F]{1,6}\}|[\s\S])/g, (_, escaped: string) =>
      escaped.startsWith("u{") && escaped.length > 3
        ? String.fromCodePoint(Number.parseInt(escaped.slice(2, -1), 16))
        : (ESCAPES[escaped] ?? escaped),
    )
    .replace(new RegExp(`${DOUBLE_QUOTE}(${DOUBLE_QUOTE})`, "g"), "$1");
}

/** The body of a here-string: the lines between its header line and its footer. */
function hereStringBody(text: string): string {
  const body = text.replace(/^@.[ \t]*(\r\n?|\n)/, "");
  return body.replace(/(\r\n?|\n)?.@$/, "");
}

type Literal = { value: string; type: NonNullable<PowerShellArgument["type"]> };

/** A literal's value, read from the original text (so that typographic characters inside strings are kept). */
function literalValue(node: Node, original: string): Literal | undefined {
  const text = original.slice(node.startIndex, node.endIndex);
  const string = (value: string | undefined): Literal | undefined => (value === undefined ? undefined : { value, type: "string" });
  switch (node.type) {
    case "verbatim_string_characters":
      return string(text.slice(1, -1).replace(new RegExp(`${SINGLE_QUOTE}(${SINGLE_QUOTE})`, "g"), "$1"));
    case "verbatim_here_string_characters":
      return string(hereStringBody(text));
    case "expandable_string_literal":
      return string(node.namedChildCount === 0 ? undoEscapes(text.slice(1, -1)) : undefined);
    case "expandable_here_string_literal":
      return string(node.namedChildCount === 0 ? undoEscapes(hereStringBody(text)) : undefined);
    case "variable": {
      const name = text.toLowerCase();
      if (name === "$null") return { value: name, type: "null" };
      return name === "$true" || name === "$false" ? { value: name, type: "boolean" } : undefined;
    }
    case "integer_literal":
    case "real_literal":
      return { value: text, type: "number" };
    case "expression_with_unary_operator":
      return /^-?\d+(\.\d+)?$/.test(text) ? { value: text, type: "number" } : undefined;
    case "generic_token":
      // A bare word (`omada@contoso.com`); one with a variable, escape or quote in it is expanded when run.
      return string(/^[^$`'"]*$/.test(text) ? text : undefined);
    default:
      return undefined;
  }
}

/** A command argument or other expression as a value: literal when it is known without running the script. */
export function argumentOf(node: Node, original: string): PowerShellArgument {
  const inner = unwrap(node);
  const literal = literalValue(inner, original);
  const span = spanOf(node);
  return literal === undefined
    ? { text: original.slice(span.start, span.end), literal: false, span }
    : { text: literal.value, literal: true, type: literal.type, span };
}

/** The name of a variable as PowerShell looks it up: without `$`/`@`, braces or scope, case-insensitive. */
export function variableKey(written: string): string {
  return written
    .replace(/^[$@]/, "")
    .replace(/^\{([\s\S]*)\}$/, "$1")
    .replace(/^(global|script|local|private|using):/i, "")
    .toLowerCase();
}
