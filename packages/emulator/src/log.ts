import { MULTI_TENANT_ALIASES } from "@smtpcfg/core/clouds";
import { isDomain, isGuid } from "@smtpcfg/core/identifiers";

/** Where the emulator writes one line per token request and per SMTP session. */
export type Log = (line: string) => void;

const MAX_SHOWN = 80;

/**
 * A value a client sent (a tenant, a client id, an address), as a log line shows it: control
 * characters replaced, cut to a bounded length, `-` when absent. Never used for secrets or tokens,
 * which the log does not name at all.
 */
export function shown(value: string | undefined): string {
  if (value === undefined || value === "") return "-";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const clean = value.replace(/[\u0000-\u001f\u007f\s]/g, "?");
  return clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean;
}

/**
 * A tenant or client id a client sent, as a log line shows it: only a value shaped like one (a
 * GUID, a domain, a multi-tenant alias). Anything else may be a secret sent in the wrong field (a
 * client id and secret swapped) and is not shown.
 */
export function shownId(value: string | undefined): string {
  if (value === undefined || value === "") return "-";
  return isGuid(value) || isDomain(value) || MULTI_TENANT_ALIASES.has(value.toLowerCase()) ? shown(value) : "(not an id)";
}

/**
 * The username an SMTP client sent, as a log line shows it: only an address (a mailbox). Anything
 * else may be a secret or a token sent in the wrong field (AUTH PLAIN with the client secret as
 * username, a token as XOAUTH2's user=) and is not shown.
 */
export function shownMailbox(value: string | undefined): string {
  if (value === undefined || value === "") return "-";
  const at = value.lastIndexOf("@");
  return at > 0 && !/\s/.test(value) && isDomain(value.slice(at + 1)) ? shown(value) : "(not an address)";
}
