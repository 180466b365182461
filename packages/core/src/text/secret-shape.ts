// A value written where an id, an address or a URL belongs may be the client secret or a token
// pasted into the wrong field (clientId and clientSecret swapped): messages that quote the value
// must not show it then. Judged by shape alone, as the field says nothing.

/** Shorter runs are ids, names and words; every client secret Entra ID gives is longer. */
const SHORTEST_SECRET = 30;

/** An access token of any issuer: three base64url parts, the first two JSON objects ("eyJ" is base64 of '{"'). */
const JWT = /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*$/;
/**
 * A client secret as Entra ID makes them: letters, digits and . _ - with a "~" (`Abc8Q~…`), or,
 * from before it did, base64 of random bytes (capitals, small letters and digits, and no dot or
 * dash, which a host name or an id has).
 */
const CLIENT_SECRET = /^(?:(?=[^~]*~)[\w.~-]+|(?=[^a-z]*[a-z])(?=[^A-Z]*[A-Z])(?=\D*\d)[A-Za-z0-9+/]+={0,2})$/;

/** Whether a value is shaped like a client secret or an access token. */
export function looksLikeSecret(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length >= SHORTEST_SECRET && (JWT.test(trimmed) || CLIENT_SECRET.test(trimmed));
}
