import { request } from "node:https";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";

/** msal-node's network client, trusting only `ca`: the emulator's CA, for this client alone (no process-wide TLS change). */
export function networkClient(ca: string): INetworkModule {
  const send = <T>(method: "GET" | "POST", url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      const outgoing = request(url, { method, ca, headers: options?.headers ?? {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: T;
          try {
            body = JSON.parse(text) as T;
          } catch {
            body = { error: "not_json", error_description: text } as T;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers as Record<string, string>, body });
        });
      });
      outgoing.on("error", reject);
      outgoing.end(options?.body);
    });
  return {
    sendGetRequestAsync: (url, options) => send("GET", url, options),
    sendPostRequestAsync: (url, options) => send("POST", url, options),
  };
}

/** A ConfidentialClientApplication for the emulator's authority; with `metadata`, msal asks for nothing but the token. */
export function msalClient(options: {
  authority: string;
  tenant: string;
  clientId: string;
  ca: string;
  credential: { clientSecret: string } | { clientCertificate: { thumbprintSha256: string; privateKey: string } };
  metadata?: boolean;
}): ConfidentialClientApplication {
  const host = new URL(options.authority).host;
  const authority = `${options.authority}/${options.tenant}`;
  const metadata = options.metadata
    ? {
        authorityMetadata: JSON.stringify({
          token_endpoint: `${authority}/oauth2/v2.0/token`,
          authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
          issuer: `${authority}/v2.0`,
          jwks_uri: `${authority}/discovery/v2.0/keys`,
        }),
      }
    : {};
  const configuration: Configuration = {
    auth: { clientId: options.clientId, authority, knownAuthorities: [host], ...metadata, ...options.credential },
    system: { networkClient: networkClient(options.ca) },
  };
  return new ConfidentialClientApplication(configuration);
}
