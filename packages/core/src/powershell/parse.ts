import type { Node } from "web-tree-sitter";
import type { Span } from "../xml/document.js";
import { powerShellParser } from "./grammar.js";
import type { PowerShellArgument, PowerShellCommand, PowerShellScript, PowerShellSyntaxError } from "./script.js";

const spanOf = (node: Node): Span => ({ start: node.startIndex, end: node.endIndex });

function syntaxErrors(root: Node): PowerShellSyntaxError[] {
  const errors: PowerShellSyntaxError[] = [];
  const visit = (node: Node) => {
    if (node.isMissing) {
      errors.push({ message: `missing \`${node.type}\``, span: spanOf(node) });
      return;
    }
    if (node.type === "ERROR") {
      errors.push({ message: "this does not parse as PowerShell", span: spanOf(node) });
      return;
    }
    if (node.hasError) for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return errors;
}

function argumentOf(node: Node): PowerShellArgument {
  const text = node.text;
  const verbatim = /^'((?:[^']|'')*)'$/s.exec(text);
  if (verbatim) return { text: (verbatim[1] as string).replace(/''/g, "'"), literal: true, span: spanOf(node) };
  const expandable = /^"([^"`$]*)"$/s.exec(text);
  if (expandable) return { text: expandable[1] as string, literal: true, span: spanOf(node) };
  const literal = /^(\$true|\$false|\$null|-?\d+(\.\d+)?)$/i.test(text) || node.type === "generic_token";
  return { text, literal, span: spanOf(node) };
}

function commandOf(node: Node): PowerShellCommand | undefined {
  const name = node.childForFieldName("command_name");
  if (!name) return undefined;
  const command: PowerShellCommand = { name: name.text, nameSpan: spanOf(name), span: spanOf(node), parameters: [], arguments: [] };
  const elements = node.childForFieldName("command_elements")?.namedChildren ?? [];
  let pending: PowerShellCommand["parameters"][number] | undefined;
  for (const element of elements) {
    if (!element || element.type === "command_argument_sep") continue;
    if (element.type === "command_parameter") {
      const [dashName, inline] = element.text.split(/:(.*)/s);
      pending = { name: (dashName as string).replace(/^[-\u2013\u2014\u2015]/, ""), span: spanOf(element) };
      command.parameters.push(pending);
      if (inline) pending = undefined;
      continue;
    }
    const argument = argumentOf(element);
    if (pending) {
      pending.argument = argument;
      pending = undefined;
    } else {
      command.arguments.push(argument);
    }
  }
  return command;
}

/** Parses a script with tree-sitter's PowerShell grammar into the commands it runs and its syntax errors. */
export async function parsePowerShell(text: string): Promise<PowerShellScript> {
  const parser = await powerShellParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error("the PowerShell parser returned no tree");
  try {
    const commands: PowerShellCommand[] = [];
    const comments: PowerShellScript["comments"] = [];
    const visit = (node: Node) => {
      if (node.type === "command") {
        const command = commandOf(node);
        if (command) commands.push(command);
      } else if (node.type === "comment") {
        comments.push({ text: node.text, span: spanOf(node) });
      }
      for (const child of node.namedChildren) if (child) visit(child);
    };
    visit(tree.rootNode);
    return { text, commands, comments, syntaxErrors: syntaxErrors(tree.rootNode) };
  } finally {
    tree.delete();
  }
}
