import type { Cloud } from "../clouds.js";
import { psLiteral } from "../generate/literal.js";
import { signedInTo } from "./cloud-sign-in.js";
import { ALTERNATIVE_NAMES, FIX_NAMES, type FixNames, type KnowledgeEntry } from "./entry.js";

export interface RenderedEntry {
  cause: string;
  fix: string;
  commands: string[];
}

const known = (names: FixNames, name: keyof FixNames) => typeof names[name] === "string" && names[name] !== "";

const PLACEHOLDER = new RegExp(`\\{(${FIX_NAMES.join("|")})\\}`, "g");

/** Fills each `{name}` with its value, written by `write`; a name without a value stays visible as `<name>`. */
function fill(text: string, names: FixNames, write: (value: string) => string): string {
  return text.replace(PLACEHOLDER, (_, name: keyof FixNames) => {
    return known(names, name) ? write(names[name] as string) : `<${name}>`;
  });
}

/** A sentence ends at a full stop (or one after a closing parenthesis) before the next one's capital letter. */
const SENTENCE_END = /(?<=\.\)?)\s+(?=[A-Z])/;

export interface RenderOptions {
  /**
   * The names are all there is to know (verify's, from the config): a sentence naming an
   * alternative without a value is left out even when none has one (a secret written in the config
   * is read from neither a variable nor a file). Without it (explain), such sentences stay, as markers.
   */
  complete?: boolean;
  /** The tenant's cloud (verify's, from the config): the commands sign in to it. Without it (explain), to the commercial cloud. */
  cloud?: Cloud;
}

/** The text without the sentences naming an alternative (ALTERNATIVE_NAMES) that has no value, unless none has one and the names may be incomplete. */
function withoutOtherAlternatives(text: string, names: FixNames, options: RenderOptions): string {
  const unknown = ALTERNATIVE_NAMES.filter((name) => !known(names, name));
  if (unknown.length === ALTERNATIVE_NAMES.length && !options.complete) return text;
  const sentences = text.split(SENTENCE_END);
  return sentences.filter((sentence) => !unknown.some((name) => sentence.includes(`{${name}}`))).join(" ");
}

/** The names whose value is the same nearly everywhere: Exchange Online's, until the config or --endpoints says otherwise. */
const DEFAULT_NAMES: FixNames = { authorityPort: "443", smtpPort: "587" };

/**
 * A value in a command: a whole number without leading zeros (a port) as it is, which PowerShell
 * reads back unchanged; anything else a single-quoted literal.
 */
const argument = (value: string) => (/^[1-9]\d*$/.test(value) ? value : psLiteral(value));

/**
 * The entry with the names filled in: as they are in the cause and the fix, as PowerShell
 * arguments in the commands, so that a value with quotes, `$` or spaces in it is passed as it is.
 */
export function renderEntry(entry: KnowledgeEntry, given: FixNames, options: RenderOptions = {}): RenderedEntry {
  const names = { ...DEFAULT_NAMES, ...given };
  const text = (value: string) => value;
  return {
    cause: fill(withoutOtherAlternatives(entry.cause, names, options), names, text),
    fix: fill(withoutOtherAlternatives(entry.fix, names, options), names, text),
    commands: entry.commands.map((command) => {
      const filled = fill(command, names, argument);
      return options.cloud ? signedInTo(filled, options.cloud) : filled;
    }),
  };
}
