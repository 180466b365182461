import type { Node } from "web-tree-sitter";
import type { Span } from "../xml/document.js";
import { argumentOf, spanOf, unwrap, variableKey } from "./arguments.js";
import type { PowerShellArgument } from "./script.js";

/**
 * Variables whose value is known without running the script: assigned exactly once, with `=`, to
 * a literal or a hashtable literal, and never written any other way (`+=`, `$x.Key = …`, a
 * foreach or script parameter, `-OutVariable x`, `[ref]$x`). A use before the assignment does not
 * see it. Anything that can set variables out of sight (dot-sourcing, Set-Variable,
 * Invoke-Expression) makes every variable unknown.
 */
export interface Constant {
  /** The end of the assignment: uses before it do not see the value. */
  after: number;
  value?: PowerShellArgument;
  entries?: HashtableEntry[];
}

export interface HashtableEntry {
  key: string;
  keySpan: Span;
  value: PowerShellArgument;
}

/** Commands that set variables by name. */
const VARIABLE_SETTERS = /^(set-variable|new-variable|clear-variable|remove-variable|invoke-expression|iex|sv|nv|clv|rv)$/i;
/** Common parameters whose value names a variable the command writes. */
const VARIABLE_PARAMETERS = /^(outvariable|ov|errorvariable|ev|warningvariable|wv|informationvariable|iv|pipelinevariable|pv)$/i;

export class VariableTable {
  readonly #original: string;
  readonly #writes = new Map<string, number>();
  /** The right-hand side of each variable's first plain assignment, resolved on first use (when every write is known). */
  readonly #candidates = new Map<string, { after: number; node: Node; constant?: Constant | null }>();
  #opaque = false;

  constructor(original: string) {
    this.#original = original;
  }

  /** The constant a variable use sees, if any. Only meaningful once the whole script has been noted. */
  constantAt(written: string, use: number): Constant | undefined {
    if (this.#opaque) return undefined;
    const key = variableKey(written);
    const candidate = this.#candidates.get(key);
    if (!candidate || this.#writes.get(key) !== 1 || use < candidate.after) return undefined;
    if (candidate.constant === undefined) {
      // Marked first, so that a hashtable that mentions its own variable does not recurse.
      candidate.constant = null;
      candidate.constant = constantOf(candidate.node, this.#original, candidate.after, this) ?? null;
    }
    return candidate.constant ?? undefined;
  }

  #write(written: string): void {
    const key = variableKey(written);
    this.#writes.set(key, (this.#writes.get(key) ?? 0) + 1);
  }

  /** A write found outside the grammar's tree (in text it could not parse): the variable is no constant. */
  noteWrittenName(written: string): void {
    const key = variableKey(written);
    this.#writes.set(key, (this.#writes.get(key) ?? 0) + 2);
  }

  /** Records what an assignment, foreach, parameter or `++` writes. */
  noteWrite(node: Node): void {
    switch (node.type) {
      case "assignment_expression":
        this.#assignment(node);
        return;
      case "foreach_statement":
      case "script_parameter": {
        const variable = node.namedChildren.find((child) => child?.type === "variable");
        if (variable) this.#write(variable.text);
        return;
      }
      case "pre_increment_expression":
      case "pre_decrement_expression":
      case "post_increment_expression":
      case "post_decrement_expression": {
        const operand = node.namedChildren.find((child) => child !== null && child.type !== "comment");
        const variable = operand && unwrap(operand);
        if (variable?.type === "variable") this.#write(variable.text);
        return;
      }
      case "cast_expression": {
        // [ref]$x lets a method or script block write $x. Read from the source: a node's text is a copy.
        if (!/^\[\s*ref\s*\]/i.test(this.#original.slice(node.startIndex, node.startIndex + 16))) return;
        const operand = node.namedChildren.find((child) => child !== null && child.type !== "type_literal");
        const variable = operand && unwrap(operand);
        if (variable?.type === "variable") this.#write(variable.text);
        return;
      }
    }
  }

  /** Records what a command may write: `-OutVariable x`, or anything at all (Set-Variable, dot-sourcing). */
  noteCommand(name: string, dotSourced: boolean, parameters: { name: string; argument?: PowerShellArgument }[]): void {
    if (dotSourced || VARIABLE_SETTERS.test(name)) this.#opaque = true;
    for (const parameter of parameters) {
      if (VARIABLE_PARAMETERS.test(parameter.name) && parameter.argument) this.#write(parameter.argument.text.replace(/^\+/, ""));
    }
  }

  #assignment(node: Node): void {
    const left = node.childForFieldName("left") ?? node.namedChildren.find((child) => child?.type === "left_assignment_expression");
    const operator = node.namedChildren.find((child) => child?.type === "assignement_operator")?.text;
    const right = node.childForFieldName("value") ?? node.namedChildren.at(-1);
    if (!left) return;
    const target = unwrap(left.type === "left_assignment_expression" ? (left.namedChildren[0] ?? left) : left);
    if (target.type !== "variable") {
      for (const variable of left.descendantsOfType("variable")) if (variable) this.#write(variable.text);
      return;
    }
    this.#write(target.text);
    if (operator !== "=" || !right) return;
    const key = variableKey(target.text);
    if (!this.#candidates.has(key)) this.#candidates.set(key, { after: node.endIndex, node: right });
  }
}

/** A literal or a hashtable literal (possibly cast to `[ordered]` or `[hashtable]`) as a constant. */
function constantOf(node: Node, original: string, after: number, table: VariableTable): Constant | undefined {
  let inner = unwrap(node);
  if (inner.type === "expression_with_unary_operator" || inner.type === "cast_expression") {
    const cast = inner.type === "cast_expression" ? inner : inner.namedChildren.find((child) => child?.type === "cast_expression");
    if (cast && /^\[\s*(ordered|hashtable)\s*\]/i.test(cast.text)) {
      const operand = cast.namedChildren.find((child) => child?.type !== "type_literal");
      if (operand) inner = unwrap(operand);
    }
  }
  if (inner.type === "hash_literal_expression") return { after, entries: hashtableEntries(inner, original, table) };
  const value = argumentOf(node, original);
  return value.literal ? { after, value } : undefined;
}

function hashtableEntries(hashtable: Node, original: string, table: VariableTable): HashtableEntry[] {
  const entries: HashtableEntry[] = [];
  const body = hashtable.namedChildren.find((child) => child?.type === "hash_literal_body");
  for (const entry of body?.namedChildren ?? []) {
    if (entry?.type !== "hash_entry") continue;
    const keyNode = entry.namedChildren.find((child) => child?.type === "key_expression");
    const valueNode = entry.namedChildren.find((child) => child?.type === "pipeline" || child?.type === "statement");
    if (!keyNode || !valueNode) continue;
    const key = argumentOf(keyNode, original);
    const keyText = key.literal ? key.text : keyNode.text;
    entries.push({ key: keyText, keySpan: spanOf(keyNode), value: resolve(argumentOf(valueNode, original), valueNode, original, table) });
  }
  return entries;
}

/** An argument that is a variable holding a constant literal, as that literal. */
export function resolve(argument: PowerShellArgument, node: Node, original: string, table: VariableTable): PowerShellArgument {
  if (argument.literal) return argument;
  const inner = unwrap(node);
  if (inner.type !== "variable" || inner.text.startsWith("@")) return argument;
  const constant = table.constantAt(inner.text, inner.startIndex);
  if (!constant?.value) return argument;
  return {
    text: constant.value.text,
    literal: true,
    ...(constant.value.type ? { type: constant.value.type } : {}),
    span: argument.span,
    constant: { variable: original.slice(inner.startIndex, inner.endIndex), definition: constant.value.span },
  };
}
