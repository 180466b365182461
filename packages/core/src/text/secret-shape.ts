// A value written where an id, an address or a URL belongs may be the client secret or a token
// pasted into the wrong field (clientId and clientSecret swapped): messages that quote the value
// must not show it then. Judged by shape alone, as the field says nothing; a JWT is a token or a
// signed client assertion wherever it is.

/** What stands in a message, a diff or a log for a secret, a password or a token hidden from it. */
export const HIDDEN = "‹secret hidden›";

/** Shorter runs are ids, names and words; every client secret Entra ID gives is longer. */
const SHORTEST_SECRET = 30;

/** A JWT (an access token, a client assertion): three base64url parts, the first two JSON objects ("eyJ" is base64 of '{"'). */
const JWT = String.raw`eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]*`;
/** Every JWT in a text, each a whole word. */
export const JWTS = new RegExp(String.raw`(?<![\w-])${JWT}`, "g");
const WHOLE_JWT = new RegExp(`^${JWT}$`);
/**
 * A client secret as Entra ID makes them: letters, digits and . _ - with a "~" (`Abc8Q~…`), or,
 * from before it did, base64 of random bytes (capitals, small letters and digits, and no dot or
 * dash, which a host name or an id has).
 */
const CLIENT_SECRET = /^(?:(?=[^~]*~)[\w.~-]+|(?=[^a-z]*[a-z])(?=[^A-Z]*[A-Z])(?=\D*\d)[A-Za-z0-9+/]+={0,2})$/;

/** Whether a value is shaped like a client secret or an access token. */
export function looksLikeSecret(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length >= SHORTEST_SECRET && (WHOLE_JWT.test(trimmed) || CLIENT_SECRET.test(trimmed));
}

/** Runs of the characters of secrets and tokens, long enough to be one: the words of a text worth judging. */
const SECRET_CHARACTERS_RUN = new RegExp(`[\\w.~+/-]{${SHORTEST_SECRET},}={0,2}`, "g");

/** The words of a text shaped like a client secret or an access token, wherever they are (a comment, a script, a note). */
export function secretShapedWords(text: string): string[] {
  return (text.match(SECRET_CHARACTERS_RUN) ?? []).filter(looksLikeSecret);
}
