import { InputError } from "../errors.js";

const HTTPS_PORT = "443";

/**
 * A path segment that is a tenant (an alias, an id, an onmicrosoft.com domain) or the token
 * path's oauth2: what people copy from a token URL, which the tenant and /oauth2/v2.0/token are
 * appended to. The config schema's pattern for endpoints.authority refuses the same segments.
 */
const TENANT_OR_TOKEN_PATH =
  /^(?:common|organizations|consumers|oauth2|[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}|[^/]+\.onmicrosoft\.[a-z]+)$/i;

/**
 * The token authority's base URL in one spelling: the scheme and host in lower case, no default
 * port, no trailing slash (https://login.microsoftonline.us for https://Login.MicrosoftOnline.US:443/).
 * msal-node compares the authority's host and port as written with its knownAuthorities, so a
 * spelling that only means the same (":443") would not be known, and msal-node would ask the
 * global cloud's instance discovery about it instead of asking the authority for the token.
 * Tokens are requested only over HTTPS, and the tenant is appended to the URL, so one with
 * another scheme, a user name, a query or a fragment is refused, and so is one that holds a
 * tenant or the token path already: `where` names it.
 */
export function httpsAuthority(text: string, where: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.protocol !== "https:" || url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "")
    throw new InputError(
      `${where} must be an https URL (https://host[:port][/path], no user name, query or fragment): tokens are requested only over HTTPS`,
    );
  if (url.pathname.split("/").some((segment) => TENANT_OR_TOKEN_PATH.test(segment)))
    throw new InputError(
      `${where} must not hold a tenant or the token path (…/common, …/<tenant id>/oauth2/v2.0/token): verify appends the tenant and /oauth2/v2.0/token to it; give only https://host[:port][/path]`,
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The port an authority is reached on, as httpsAuthority spells it (443 unless the URL names another). */
export function authorityPort(authority: string): string {
  return new URL(authority).port || HTTPS_PORT;
}
