// The user name and password written into a URL (https://user:password@host): a password must
// never reach the output, whether a message quotes the value or a diff shows the file's lines.
// Found as WHATWG URL parsers find them, in one pass over the text (values may be megabytes).

import { HIDDEN } from "./secret-shape.js";

/** The schemes whose URLs parsers read with or without `//` after the colon (https:user@host too). */
const SPECIAL_SCHEMES = new Set(["http", "https", "ws", "wss", "ftp", "file"]);

/** A scheme and its colon, starting where no scheme character comes before it (so each word is tried once). */
const SCHEME = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:/gi;

/** What ends a URL's authority part (its host, and the user name before it) in running text besides / \ ?: */
const WORD_END = new Set([" ", "\t", "\n", "\r", '"', "'", "<", ">"]);

/**
 * Where the user names and passwords of URLs are in a text, [start, end) before each one's @.
 * In a single value (`runningText` false) an authority runs to the first / \ or ?, as a URL
 * parser reads it, quotes and spaces included; in running text (a file's lines) a space or a
 * quote ends it too. A # does not end it: `https://user:pa#ss@host` is hidden as well.
 */
function credentialSpans(text: string, runningText: boolean): [number, number][] {
  const spans: [number, number][] = [];
  if (!text.includes("@")) return spans;
  const scheme = new RegExp(SCHEME);
  for (let match = scheme.exec(text); match !== null; match = scheme.exec(text)) {
    let start = scheme.lastIndex;
    while (text[start] === "/" || text[start] === "\\") start++;
    const slashes = start - scheme.lastIndex;
    if (slashes < 2 && !SPECIAL_SCHEMES.has(match[0].slice(0, -1).toLowerCase())) continue;
    let end = start;
    let at = -1;
    let lastSpace = -1;
    for (; end < text.length; end++) {
      const character = text[end] as string;
      if (character === "/" || character === "\\" || character === "?" || (runningText && WORD_END.has(character))) break;
      if (character === "@") at = end;
      else if (character === " " || character === "\t") lastSpace = end;
    }
    if (at > start) spans.push([start, at]);
    // On after the authority, so that no part of the text is read more than twice: or, when it was
    // no authority but words up to another URL's slashes (`https://a.example https://u:p@h`), on
    // from that last word.
    const anotherUrl = at === -1 && lastSpace !== -1 && (text[end] === "/" || text[end] === "\\");
    scheme.lastIndex = anotherUrl ? lastSpace + 1 : end;
  }
  return spans;
}

/** A value with the user name and password of any URL in it hidden (`https://‹secret hidden›@host`). */
export function hideUrlCredentials(value: string): string {
  const spans = credentialSpans(value, false);
  if (spans.length === 0) return value;
  let shown = "";
  let from = 0;
  for (const [start, end] of spans) {
    shown += `${value.slice(from, start)}${HIDDEN}`;
    from = end;
  }
  return shown + value.slice(from);
}

/**
 * The passwords written into URLs (what follows the user name's colon), to blank out where text
 * is shown as it is: in a single value, or in running text (see credentialSpans).
 */
export function urlPasswords(text: string, runningText: boolean): string[] {
  return credentialSpans(text, runningText)
    .map(([start, end]) => text.slice(start, end))
    .filter((credentials) => credentials.includes(":"))
    .map((credentials) => credentials.slice(credentials.indexOf(":") + 1));
}
