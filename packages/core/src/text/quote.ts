import { HIDDEN, looksLikeSecret } from "./secret-shape.js";
import { hideUrlCredentials } from "./url-credentials.js";

const MAX_QUOTED = 40;

/**
 * Characters that look like a space or like nothing: a no-break space or a zero-width space
 * pasted from a web page or a document is part of the value (or key) to YAML and to Entra, so a
 * message that quotes it shows it as an escape (`"contoso.com\u200b"`).
 */
const INVISIBLE = /[\u00a0\u00ad\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;
const escaped = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * A value as messages show it: JSON-quoted, shortened with … when longer than `longest`, a URL's
 * credentials hidden, invisible characters escaped, and hidden whole when it is shaped like a
 * client secret or a token.
 */
export function quote(value: unknown, longest = MAX_QUOTED): string {
  if (typeof value !== "string") return JSON.stringify(value) ?? String(value);
  const shown = looksLikeSecret(value) ? HIDDEN : hideUrlCredentials(value);
  const short = shown.length > longest ? `${shown.slice(0, longest - 1)}…` : shown;
  return JSON.stringify(short).replace(INVISIBLE, escaped);
}

/** Longer runs of characters without a space are shortened in messages: no message-worthy word is this long. */
const LONGEST_WORD = 200;
const LONG_WORD = new RegExp(`\\S{${LONGEST_WORD + 1},}`, "g");

/**
 * A message with every run of over 200 characters without a space cut to its first 39 and "…".
 * Names and values from a hostile file (an element name, a namespace) can be megabytes long;
 * whichever message quotes one, the output stays proportionate to the number of findings.
 */
export function shortenLongWords(message: string): string {
  if (message.length <= LONGEST_WORD || !mayHoldLongWord(message)) return message;
  return message.replace(LONG_WORD, (word) => `${word.slice(0, MAX_QUOTED - 1)}…`);
}

/**
 * Whether a message may hold a run LONG_WORD matches: a run between ASCII spaces is at least as
 * long as any run of \S in it. A loop over the characters, as the regular expression takes tens
 * of microseconds per message, and nearly every message is over 200 characters of short words.
 */
function mayHoldLongWord(message: string): boolean {
  let run = 0;
  for (let index = 0; index < message.length; index++) {
    const code = message.charCodeAt(index);
    // space, \t, \n, \v, \f, \r
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) run = 0;
    else if (++run > LONGEST_WORD) return true;
  }
  return false;
}

/** "a, b or c" */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** "a, b and c" */
export function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
