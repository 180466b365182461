import type { Node, Tree } from "web-tree-sitter";
import type { Span } from "../xml/document.js";
import { argumentOf, variableKey } from "./arguments.js";
import { type Draft, draftCommand, resolveDraft } from "./commands.js";
import { powerShellParser } from "./grammar.js";
import { normalizeForGrammar } from "./normalize.js";
import { salvageCommands } from "./salvage.js";
import { scanPowerShell } from "./scan.js";
import type { PowerShellCommand, PowerShellScript } from "./script.js";
import { resolve, VariableTable } from "./variables.js";

/** Nodes that write a variable, for the table of constants. */
const WRITES = new Set([
  "assignment_expression",
  "foreach_statement",
  "script_parameter",
  "pre_increment_expression",
  "pre_decrement_expression",
  "post_increment_expression",
  "post_decrement_expression",
  "cast_expression",
]);

interface Collected {
  commands: { node: Node; parent: number | undefined }[];
  chains: Node[];
  comments: PowerShellScript["comments"];
  /** ERROR nodes (outermost only) and the statements around MISSING nodes. */
  unparsed: Span[];
}

/**
 * The grammar inserts a MISSING `;` after some statements PowerShell ends with a line break (a
 * script that is only a param block), and a MISSING separator inside bare-word lists
 * (`-AccessRights FullAccess,SendAs`): neither is a mistake in the script.
 */
function isSpuriousMissing(type: string, parent: Ancestor | undefined): boolean {
  return type === ";" || parent?.type === "command_argument_sep";
}

interface Ancestor {
  type: string;
  start: number;
  end: number;
}

/**
 * One walk over the tree, with an explicit cursor and stack rather than recursion, so that nesting
 * depth costs no JavaScript stack. (Node.parent is not used either: web-tree-sitter finds a parent
 * by a recursive descent from the root, which overflows WebAssembly's stack in deep trees.)
 */
function collect(tree: Tree, variables: VariableTable): Collected {
  const collected: Collected = { commands: [], chains: [], comments: [], unparsed: [] };
  const openCommands: { end: number; index: number }[] = [];
  const ancestors: Ancestor[] = [];
  let errorEnd = -1;
  const cursor = tree.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      while (openCommands.length > 0 && (openCommands.at(-1)?.end ?? 0) <= start) openCommands.pop();
      const inError = start < errorEnd;
      if (cursor.nodeIsMissing) {
        const parent = ancestors.at(-1);
        if (!isSpuriousMissing(type, parent)) collected.unparsed.push(parent ? { start: parent.start, end: parent.end } : { start, end });
      } else if (type === "ERROR") {
        if (!inError) {
          collected.unparsed.push({ start, end });
          errorEnd = end;
        }
      } else if (type === "comment") {
        collected.comments.push({ text: cursor.nodeText, span: { start, end } });
      } else if (type === "command") {
        collected.commands.push({ node: cursor.currentNode, parent: inError ? undefined : openCommands.at(-1)?.index });
        openCommands.push({ end, index: collected.commands.length - 1 });
      } else if (type === "pipeline_chain") {
        collected.chains.push(cursor.currentNode);
      } else if (WRITES.has(type)) {
        variables.noteWrite(cursor.currentNode);
      }
      if (cursor.gotoFirstChild()) {
        ancestors.push({ type, start, end });
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return collected;
        ancestors.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Links each command to what is piped into it. */
function linkPipelines(chains: Node[], byNode: Map<number, PowerShellCommand>, original: string, variables: VariableTable): void {
  for (const chain of chains) {
    const stages = chain.namedChildren.filter((child): child is Node => child !== null && child.type !== "comment");
    for (let index = 1; index < stages.length; index++) {
      const command = byNode.get((stages[index] as Node).id);
      const previous = stages[index - 1] as Node;
      if (!command) continue;
      if (previous.type === "command") {
        const upstream = byNode.get(previous.id);
        if (upstream) command.input = { command: upstream };
      } else if (previous.type !== "pipeline_chain_tail") {
        command.input = { value: resolve(argumentOf(previous, original), previous, original, variables) };
      }
    }
  }
}

/** Writes in text the grammar could not parse, found by pattern: enough to stop trusting those variables. */
const WRITE_PATTERN = /\$(\{[^}]*\}|[\w:?]+)\s*(?:[-+*/%]?=(?!=)|\+\+|--)|foreach\s*\(\s*\$(\{[^}]*\}|[\w:?]+)/gi;

function noteUnparsedWrites(text: string, unparsed: readonly Span[], variables: VariableTable): void {
  for (const span of unparsed) {
    for (const match of text.slice(span.start, span.end).matchAll(WRITE_PATTERN)) variables.noteWrittenName(match[1] ?? match[2] ?? "");
  }
}

/** Parses a script with tree-sitter's PowerShell grammar into the commands it runs and its syntax errors. */
export async function parsePowerShell(text: string): Promise<PowerShellScript> {
  const parser = await powerShellParser();
  const normalized = normalizeForGrammar(text);
  const scanned = scanPowerShell(normalized, text);
  const tree = parser.parse(normalized);
  if (!tree) throw new Error("the PowerShell parser returned no tree");
  try {
    const variables = new VariableTable(text);
    const collected = collect(tree, variables);
    const unparsed = mergeSpans(collected.unparsed);
    noteUnparsedWrites(normalized, unparsed, variables);
    // Commands after an unterminated string or comment are text inside it to PowerShell.
    const swallowedFrom = scanned.find((error) => error.swallowsRest)?.span.start ?? Number.POSITIVE_INFINITY;
    const damaged = (span: Span) =>
      span.start > swallowedFrom ||
      unparsed.some((region) => region.start < span.end && span.start < Math.max(region.end, region.start + 1));

    const drafts: (Draft | undefined)[] = [];
    const splatUses = new Map<string, number>();
    const note = (node: Node, draft: Draft) => {
      const dotSourced = node.namedChildren.some((child) => child?.type === "command_invokation_operator" && child.text === ".");
      variables.noteCommand(draft.command.name, dotSourced, draft.command.parameters);
      for (const splat of draft.splats) splatUses.set(variableKey(splat.text), (splatUses.get(variableKey(splat.text)) ?? 0) + 1);
    };
    for (const { node } of collected.commands) {
      const draft = draftCommand(node, text);
      drafts.push(draft);
      if (draft) note(node, draft);
    }

    const commands: PowerShellCommand[] = [];
    const byNode = new Map<number, PowerShellCommand>();
    const byIndex: (PowerShellCommand | undefined)[] = [];
    collected.commands.forEach(({ node, parent }, index) => {
      const draft = drafts[index];
      if (!draft || damaged(draft.command.span)) return;
      resolveDraft(draft, text, variables, splatUses);
      const command = draft.command;
      const parentCommand = parent === undefined ? undefined : byIndex[parent];
      if (parentCommand) command.parent = parentCommand;
      byIndex[index] = command;
      byNode.set(node.id, command);
      commands.push(command);
    });
    linkPipelines(collected.chains, byNode, text, variables);

    // The checked commands inside what the grammar could not parse, each parsed again on its own.
    salvageCommands(parser, normalized, unparsed, (node) => {
      const draft = draftCommand(node, text);
      if (!draft || draft.command.span.start > swallowedFrom) return;
      note(node, draft);
      resolveDraft(draft, text, variables, splatUses);
      commands.push(draft.command);
    });
    commands.sort((a, b) => a.span.start - b.span.start);

    return {
      text,
      commands,
      comments: collected.comments,
      syntaxErrors: scanned.map(({ message, span }) => ({ message, span })),
      unparsed,
    };
  } finally {
    tree.delete();
  }
}

/** Overlapping or nested spans as one. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}
