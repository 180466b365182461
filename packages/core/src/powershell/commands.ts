import type { Node } from "web-tree-sitter";
import type { Span } from "../xml/document.js";
import { argumentOf, spanOf, unwrap, variableKey } from "./arguments.js";
import { isSwitch } from "./cmdlets.js";
import type { PowerShellArgument, PowerShellCommand, PowerShellParameter } from "./script.js";
import { resolve, type VariableTable } from "./variables.js";

/** The command's name: a bare name, or a quoted one after `&` (`& 'New-ServicePrincipal'`). */
function commandName(node: Node, original: string): { name: string; span: Span; dotSourced: boolean } | undefined {
  const nameNode = node.namedChildren.find((child) => child?.type === "command_name" || child?.type === "command_name_expr");
  if (!nameNode) return undefined;
  const operator = node.namedChildren.find((child) => child?.type === "command_invokation_operator")?.text;
  const inner = nameNode.type === "command_name_expr" ? (nameNode.namedChildren[0] ?? nameNode) : nameNode;
  const argument = argumentOf(inner, original);
  const name = inner.type === "command_name" || inner.type === "path_command_name" ? inner.text : argument.text;
  return { name, span: spanOf(nameNode), dotSourced: operator === "." };
}

export interface Draft {
  command: PowerShellCommand;
  /** The node of each argument, for resolving variables once every write is known. */
  nodes: Map<PowerShellArgument, Node>;
  /** `@name` elements, resolved into parameters later. */
  splats: Node[];
}

/** A command's parameters and arguments as PowerShell's binder reads them, before variables are resolved. */
export function draftCommand(node: Node, original: string): Draft | undefined {
  const named = commandName(node, original);
  if (!named) return undefined;
  const command: PowerShellCommand = {
    name: named.name,
    nameSpan: named.span,
    span: spanOf(node),
    parameters: [],
    arguments: [],
    unknownSplats: [],
  };
  const draft: Draft = { command, nodes: new Map(), splats: [] };
  const elements = node.childForFieldName("command_elements")?.namedChildren ?? [];
  let pending: PowerShellParameter | undefined;
  let last: PowerShellArgument | undefined;
  for (const element of elements) {
    if (!element) continue;
    switch (element.type) {
      case "command_argument_sep":
        // `-Name:value` and `-Name: value`: the colon binds the next element even to a switch.
        if (element.text.includes(":") && command.parameters.at(-1) && !command.parameters.at(-1)?.argument) {
          const parameter = command.parameters.at(-1) as PowerShellParameter;
          parameter.colon = true;
          pending = parameter;
        }
        continue;
      case "comment":
      case "redirection":
        continue;
      case "stop_parsing":
        command.stopParsing = spanOf(element);
        pending = undefined;
        continue;
      case "command_parameter": {
        const parameter: PowerShellParameter = { name: element.text.replace(/^-/, ""), span: spanOf(element), colon: false };
        command.parameters.push(parameter);
        pending = isSwitch(command.name, parameter.name) ? undefined : parameter;
        continue;
      }
    }
    if (element.type === "generic_token" && element.text.startsWith(",") && last) {
      // The grammar splits a bare-word list (FullAccess,SendAs) at its commas: one array argument.
      last.literal = false;
      delete last.type;
      last.span = { start: last.span.start, end: element.endIndex };
      last.text = original.slice(last.span.start, last.span.end);
      continue;
    }
    const inner = unwrap(element);
    if (inner.type === "variable" && inner.text.startsWith("@")) {
      draft.splats.push(inner);
      pending = undefined;
      continue;
    }
    const argument = argumentOf(element, original);
    draft.nodes.set(argument, element);
    last = argument;
    if (pending) {
      pending.argument = argument;
      pending = undefined;
    } else {
      command.arguments.push(argument);
    }
  }
  return draft;
}

/** Replaces variables that hold constants by their values, and splatted hashtable literals by their parameters. */
export function resolveDraft(draft: Draft, original: string, variables: VariableTable, splatUses: Map<string, number>): void {
  const { command, nodes } = draft;
  const resolved = (argument: PowerShellArgument) => {
    const node = nodes.get(argument);
    return node ? resolve(argument, node, original, variables) : argument;
  };
  for (const parameter of command.parameters) if (parameter.argument) parameter.argument = resolved(parameter.argument);
  command.arguments = command.arguments.map(resolved);
  for (const splat of draft.splats) {
    const variable = original.slice(splat.startIndex, splat.endIndex);
    const constant = variables.constantAt(splat.text, splat.startIndex);
    if (!constant?.entries) {
      command.unknownSplats.push({ variable, span: spanOf(splat) });
      continue;
    }
    const uses = splatUses.get(variableKey(splat.text)) ?? 1;
    for (const entry of constant.entries) {
      command.parameters.push({
        name: entry.key,
        span: entry.keySpan,
        argument: entry.value,
        colon: false,
        splat: { variable, span: spanOf(splat), uses },
      });
    }
  }
}
