import { InputError } from "../errors.js";

const HTTPS_PORT = "443";

/**
 * The token authority's base URL in one spelling: the scheme and host in lower case, no default
 * port, no trailing slash (https://login.microsoftonline.us for https://Login.MicrosoftOnline.US:443/).
 * msal-node compares the authority's host and port as written with its knownAuthorities, so a
 * spelling that only means the same (":443") would not be known, and msal-node would ask the
 * global cloud's instance discovery about it instead of asking the authority for the token.
 * Tokens are requested only over HTTPS, and the tenant is appended to the URL, so one with
 * another scheme, a user name, a query or a fragment is refused: `where` names it.
 */
export function httpsAuthority(text: string, where: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.protocol !== "https:" || url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "")
    throw new InputError(
      `${where} must be an https URL (https://host[:port][/path], no user name, query or fragment): tokens are requested only over HTTPS`,
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The port an authority is reached on, as httpsAuthority spells it (443 unless the URL names another). */
export function authorityPort(authority: string): string {
  return new URL(authority).port || HTTPS_PORT;
}
