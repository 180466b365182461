import { ConfidentialClientApplication, type Configuration, ServerError } from "@azure/msal-node";
import { HttpsClient } from "./https-client.js";
import type { NetworkLimits, NetworkResult, TokenRequest } from "./network.js";

/**
 * msal-node's view of the authority, given rather than discovered: with the authority among
 * knownAuthorities and its metadata at hand, msal-node makes exactly one request, the token POST,
 * for the cloud's authority and for a local one (the emulator, a proxy) alike. knownAuthorities
 * holds the authority itself, not its host: msal-node takes the host and port from each the same
 * way, as written, so they match however the URL is spelt.
 */
function authorityOptions(request: TokenRequest): Pick<Configuration["auth"], "authority" | "knownAuthorities" | "authorityMetadata"> {
  const authority = `${request.authority}/${encodeURIComponent(request.tenantId)}`;
  return {
    authority,
    knownAuthorities: [request.authority],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${authority}/oauth2/v2.0/token`,
      authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
      issuer: `${authority}/v2.0`,
      jwks_uri: `${request.authority}/${encodeURIComponent(request.tenantId)}/discovery/v2.0/keys`,
    }),
  };
}

/** One client-credentials token: one ConfidentialClientApplication, used once. */
export async function acquireToken(request: TokenRequest, limits: NetworkLimits): Promise<NetworkResult<{ accessToken: string }>> {
  const networkClient = new HttpsClient(request.ca, limits);
  const credential =
    request.credential.kind === "secret"
      ? { clientSecret: request.credential.secret }
      : { clientCertificate: { thumbprintSha256: request.credential.thumbprintSha256, privateKey: request.credential.privateKey } };
  try {
    const application = new ConfidentialClientApplication({
      auth: { clientId: request.clientId, ...authorityOptions(request), ...credential },
      system: { networkClient, loggerOptions: { loggerCallback: () => {}, piiLoggingEnabled: false } },
    });
    const result = await application.acquireTokenByClientCredential({ scopes: [request.scope], skipCache: true });
    if (!result?.accessToken)
      return { ok: false, failure: { kind: "server", message: "the token endpoint answered without an access token" } };
    return { ok: true, accessToken: result.accessToken };
  } catch (error) {
    if (networkClient.failure) return { ok: false, failure: networkClient.failure };
    if (error instanceof ServerError) {
      const code = error.errorNo ? `AADSTS${error.errorNo}` : error.errorCode;
      const description = firstLine(error.errorMessage);
      return {
        ok: false,
        failure: { kind: "server", code, ...(error.status ? { status: error.status } : {}), message: description || code },
      };
    }
    // msal-node's own refusals (authority_uri_insecure …): their code names them in the knowledge base.
    const { errorCode, errorMessage } = error as { errorCode?: string; errorMessage?: string };
    const message = firstLine(`${errorCode ?? "error"}: ${errorMessage ?? String(error)}`);
    return { ok: false, failure: { kind: "server", ...(errorCode ? { code: errorCode } : {}), message } };
  } finally {
    networkClient.close();
  }
}

/** Entra's descriptions end with trace and correlation ids on further lines: the first line says what went wrong. */
function firstLine(text: string | undefined): string {
  return (text ?? "").split(/\r?\n/)[0]?.trim() ?? "";
}
