const MAX_QUOTED = 40;

/**
 * The user name and password of a URL, as a URL parser may read them: from after the scheme (and
 * its slashes or backslashes) to the last @ of the word (`https://user:pass#word@host`, and
 * `https:user@host`, which WHATWG URLs read the same). Hides a little too much in a URL whose
 * path or query holds an @, never too little.
 */
const URL_CREDENTIALS = /(^|[\s"'<>([=])([a-z][a-z0-9+.-]*:[/\\]*)([^\s"'<>]*)@/gi;

/** A value with the credentials of a URL hidden: a password written into an authority or host must not reach the output. */
export function hideUrlCredentials(value: string): string {
  return value.includes("@") ? value.replace(URL_CREDENTIALS, "$1$2‹secret hidden›@") : value;
}

/** The passwords written into URLs in a text (what follows the user name's colon): what to blank out where the text is shown as it is. */
export function urlPasswords(text: string): string[] {
  if (!text.includes("@")) return [];
  return [...text.matchAll(URL_CREDENTIALS)]
    .map((match) => match[3] ?? "")
    .filter((credentials) => credentials.includes(":"))
    .map((credentials) => credentials.slice(credentials.indexOf(":") + 1));
}

/** A value as messages show it: JSON-quoted, shortened with … when long, a URL's credentials hidden. */
export function quote(value: unknown): string {
  if (typeof value !== "string") return JSON.stringify(value) ?? String(value);
  const shown = hideUrlCredentials(value);
  const short = shown.length > MAX_QUOTED ? `${shown.slice(0, MAX_QUOTED - 1)}…` : shown;
  return JSON.stringify(short);
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
