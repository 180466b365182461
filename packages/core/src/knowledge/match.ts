import type { KnowledgeEntry } from "./entry.js";
import { KNOWLEDGE } from "./knowledge.js";

// Finds the entries an error text is about: an AADSTS code or message (alone, in an OAuth
// error_description or in msal-node's message), an SMTP reply with or without its enhanced status
// code and Exchange Online's bracketed server suffix, in any case and spacing.

/** A phrase is one pattern, or several that must all be found. Patterns are tested on lower-cased text with spaces collapsed. */
type Phrase = RegExp | readonly RegExp[];

const NETWORK_DOWN =
  /econnrefused|econnreset|enotfound|eai_again|ehostunreach|enetunreach|connection (?:was )?(?:refused|reset)|connection closed unexpectedly|\besocket\b|\beconnection\b/;
const TOKEN_ENDPOINT =
  /token endpoint|oauth2\/v2\.0\/token|login\.microsoftonline\.(?:com|us)|login\.partner\.microsoftonline\.cn|login\.chinacloudapi\.cn|\bmsal\b|\bentra\b/;
const TLS_FAILURE =
  /self[- _]signed|unable to (?:verify|get local issuer)|certificate has expired|cert_has_expired|altname|wrong version number|handshake|ssl routines|secure tls connection/;

/**
 * Text that names an entry without its code, or tells apart the entries that share a code (the
 * four 535 5.7.139 replies).
 */
const PHRASES: Readonly<Record<string, readonly Phrase[]>> = {
  "invalid-client-secret": [/invalid client secret/],
  "client-secret-expired": [/client secret keys? .*(?:are|is) expired/],
  "client-credential-not-sent": [/must contain the following parameter: 'client_assertion' or 'client_secret'/],
  "app-not-found": [/application with identifier .* was not found in the directory/],
  "tenant-not-found": [/\btenant '[^']*' not found/],
  "tenant-malformed": [/is neither a valid dns name,? nor a valid external domain/],
  "multi-tenant-authority": [/\/common (?:endpoint|or \/consumers endpoints)/],
  "scope-not-default": [/must have a scope value with \/\.default/],
  "invalid-scope": [/input parameter 'scope'/],
  "resource-not-found": [/resource principal named .* was not found/],
  "app-disabled": [/application .* is disabled/],
  "certificate-rejected": [/client assertion/],
  "token-endpoint-error": [/\bserver_error\b/],
  "consent-missing": [
    /admin consent/,
    [/smtp\.sendasapp/, /\b(?:no|missing|without|lacks?)\b/],
    [/\broles\b/, /\b(?:no|missing|without|empty)\b/],
  ],
  "token-audience": [/\baud(?:ience)?\b/],
  "tenant-mismatch": [/\btid\b/, [/\btenant\b/, /\b(?:mismatch|another|different|wrong)\b/]],
  "wrong-sp-object-id": [/\boid\b/, /(?:enterprise application|service principal|app registration).{0,40}object ?id/],
  "token-expired": [/\btoken\b.{0,40}\bexpired\b/, /lifetime validation failed/],
  "smtp-auth-disabled-tenant": [/disabled for (?:the )?tenant/],
  "smtp-auth-disabled-mailbox": [/disabled for (?:the )?mailbox/],
  "conditional-access": [/did not meet the criteria/],
  "basic-auth-disabled": [/basic authentication is disabled/],
  "client-not-authenticated": [/client not authenticated/],
  "sendas-denied": [/permissions? to send as/, /sendasdenied/, /not allowed to send as/],
  "ip-blocked": [/traffic not accepted from this ip/],
  "basic-auth-not-supported": [/basic authentication is not supported for client submission/],
  "mailbox-logon-failure": [/mailbox logon failure/],
  "credential-missing": [
    [/environment variable/, /\b(?:not set|unset|empty|undefined|missing)\b/],
    [
      /\b(?:secret|certificate|key) file\b/,
      /\b(?:enoent|eacces|eisdir|no such file|permission denied|cannot read|unreadable|missing|not found)\b/,
    ],
  ],
  "private-key-not-rsa": [
    /parameter for "[\w-]+" key type must be one of/,
    /minimum key size of 2048 bits/,
    /rsa-pss parameters do not meet/,
  ],
  "private-key-encrypted": [/begin encrypted private key|proc-type: ?4, ?encrypted|\bencrypted private key\b/],
  "starttls-missing": [
    /error upgrading connection with starttls/,
    [
      /starttls/,
      /not (?:offered|advertised|supported|recognized)|does ?n[o']t (?:offer|advertise|support)|\bno starttls|without starttls|unrecognized/,
    ],
  ],
  "tls-failed": [/error initiating tls/, TLS_FAILURE],
  "token-endpoint-tls-failed": [[TOKEN_ENDPOINT, TLS_FAILURE]],
  "token-endpoint-unreachable": [
    /\bnetwork_error\b|\bendpoints_resolution_error\b/,
    [TOKEN_ENDPOINT, NETWORK_DOWN],
    [TOKEN_ENDPOINT, /etimedout|\b503\b|temporarily_unavailable/],
  ],
  "authority-invalid": [/\bauthority_uri_insecure\b|\burl_parse_error\b|\bempty_url_error\b/],
  "smtp-unreachable": [NETWORK_DOWN],
  timeout: [/\btimed? ?out\b|\btimeout\b|etimedout|greeting never received/],
};

/** Matched when an error comes from the token endpoint and no other entry has its code. */
const TOKEN_ENDPOINT_FALLBACK = "token-endpoint-error";

interface Reply {
  basic?: string | undefined;
  enhanced?: string | undefined;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

/** The AADSTS codes in a text, as "AADSTS7000215": written out, in an error_uri (…/error?code=7000215), as msal-node's "Error(s): 7000215", or a bare number. */
function aadstsCodes(text: string): Set<string> {
  const numbers = [...text.matchAll(/aadsts[ :_-]*(\d{5,8})|login\.[\w.]+\/error\?code=(\d{5,8})/g)].map((match) => match[1] ?? match[2]);
  for (const [, list = ""] of text.matchAll(/error\(s\): ?([\d, ]+)/g)) numbers.push(...list.split(/[, ]+/));
  if (/^\d{5,8}$/.test(text)) numbers.push(text);
  return new Set(numbers.filter((number) => number !== "").map((number) => `AADSTS${number}`));
}

/** The SMTP reply codes in a text: "535 5.7.3", "535-5.7.3", "5.7.3" alone, or "535" alone at the start or after a colon. */
function replies(text: string): Reply[] {
  const found: Reply[] = [];
  for (const [, basic, enhanced] of text.matchAll(/(?<![\w.])([2-5]\d\d)[ -]+([2-5]\.\d{1,3}\.\d{1,3})(?!\.?\d)/g))
    found.push({ basic, enhanced });
  for (const [, enhanced] of text.matchAll(/(?<![\w.])([2-5]\.\d{1,3}\.\d{1,3})(?!\.?\d)/g)) {
    if (!found.some((reply) => reply.enhanced === enhanced)) found.push({ enhanced });
  }
  for (const [, basic] of text.matchAll(/(?:^|: )([2-5]\d\d)(?![\w.])(?! ?-?[2-5]\.\d)/g)) found.push({ basic });
  return found;
}

/** How strongly an entry's code is in the text: 0 when it is not. */
function codeScore(code: string, aadsts: ReadonlySet<string>, found: readonly Reply[]): number {
  if (code.startsWith("AADSTS")) return aadsts.has(code) ? 20 : 0;
  const [basic, enhanced] = code.split(" ");
  let best = 0;
  for (const reply of found) {
    if (reply.enhanced === enhanced) best = Math.max(best, reply.basic === basic ? 16 : 14);
    else if (reply.enhanced === undefined && reply.basic === basic) best = Math.max(best, 6);
  }
  return best;
}

function phraseScore(id: string, text: string): number {
  let best = 0;
  for (const phrase of PHRASES[id] ?? []) {
    const parts = phrase instanceof RegExp ? [phrase] : phrase;
    if (parts.every((part) => part.test(text))) best = Math.max(best, 5 * parts.length);
  }
  return best;
}

/**
 * The entries a text is about, the best match first; [] when nothing matches. An entry found by
 * its code is dropped when another entry with the same code is also named by its text (a 535
 * 5.7.139 reply "… for the Mailbox" is not about the tenant); entries found only by their text
 * are left out when any entry's code is in it.
 */
export function matchText(input: string): KnowledgeEntry[] {
  return ranked(input).map((each) => each.entry);
}

/**
 * The entries that match a text best: one when the text tells which it is about, several when
 * nothing in it tells them apart (a 535 5.7.139 reply in words no entry knows), [] when none matches.
 */
export function bestMatches(input: string): KnowledgeEntry[] {
  const all = ranked(input);
  const best = all[0]?.score;
  return all.filter((each) => each.score === best).map((each) => each.entry);
}

function ranked(input: string): { entry: KnowledgeEntry; score: number }[] {
  const text = normalise(input);
  if (text === "") return [];
  const aadsts = aadstsCodes(text);
  const found = replies(text);
  const scored = KNOWLEDGE.map((entry, order) => {
    const code = Math.max(0, ...entry.codes.map((each) => codeScore(each, aadsts, found)));
    return { entry, order, code, phrase: phraseScore(entry.id, text) };
  });
  const known = new Set(KNOWLEDGE.flatMap((entry) => entry.codes));
  const unknownAadsts = [...aadsts].some((code) => !known.has(code));
  const fallback = scored.find((each) => each.entry.id === TOKEN_ENDPOINT_FALLBACK);
  if (fallback && unknownAadsts && !scored.some((each) => each.code > 0)) fallback.code = 20;

  const namedByText = (other: (typeof scored)[number], code: string) =>
    other.phrase > 0 && other.code > 0 && other.entry.codes.includes(code);
  const kept = scored.filter((each) => {
    if (each.code === 0) return each.phrase > 0;
    if (each.phrase > 0) return true;
    return !each.entry.codes.some((code) => scored.some((other) => other !== each && namedByText(other, code)));
  });
  const byCode = kept.some((each) => each.code > 0);
  const results = kept.filter((each) => !byCode || each.code > 0);
  const onlyFallback = results.length > 1 ? results.filter((each) => each.entry.id !== TOKEN_ENDPOINT_FALLBACK) : results;
  return onlyFallback
    .map((each) => ({ entry: each.entry, order: each.order, score: each.code + each.phrase }))
    .sort((a, b) => b.score - a.score || a.order - b.order);
}
