import { psLiteral } from "../generate/literal.js";
import { FIX_NAMES, type FixNames, type KnowledgeEntry } from "./entry.js";

export interface RenderedEntry {
  cause: string;
  fix: string;
  commands: string[];
}

const PLACEHOLDER = new RegExp(`\\{(${FIX_NAMES.join("|")})\\}`, "g");

/** Fills each `{name}` with its value, written by `write`; a name without a value stays visible as `<name>`. */
function fill(text: string, names: FixNames, write: (value: string) => string): string {
  return text.replace(PLACEHOLDER, (_, name: keyof FixNames) => {
    const value = names[name];
    return typeof value === "string" && value !== "" ? write(value) : `<${name}>`;
  });
}

/**
 * The entry with the names filled in: as they are in the cause and the fix, as PowerShell
 * single-quoted literals in the commands, so that a value with quotes, `$` or spaces in it is
 * passed as it is.
 */
export function renderEntry(entry: KnowledgeEntry, names: FixNames): RenderedEntry {
  const text = (value: string) => value;
  return {
    cause: fill(entry.cause, names, text),
    fix: fill(entry.fix, names, text),
    commands: entry.commands.map((command) => fill(command, names, psLiteral)),
  };
}
