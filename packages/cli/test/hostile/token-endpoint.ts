import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { Socket } from "node:net";
import { type LoopbackServer, listenOnLoopback } from "./loopback.js";
import type { ServerTls } from "./test-ca.js";

/** How the token endpoint answers every request (discovery included). */
export type TokenEndpointBehaviour =
  /** 200 with this access token: the well-behaved endpoint hostile SMTP tests need. */
  | { kind: "token"; accessToken: string }
  /** This HTTP status with this JSON body (default: none), e.g. 503, or 401 with an AADSTS error. */
  | { kind: "status"; status: number; body?: object }
  /** Reads the request and never answers. */
  | { kind: "silent" }
  /** Resets the TCP connection once the request has arrived. */
  | { kind: "reset" }
  /** 200, application/json, with a body that is not JSON. */
  | { kind: "invalid-json" }
  /** 200, then a body that never ends: a blank every DRIP_MS, which JSON allows (slowloris in reverse). */
  | { kind: "drip" }
  /** 400 with an error description that repeats the request it got, client secret and all (as some proxies do). */
  | { kind: "echo" };

export interface HostileTokenEndpoint extends LoopbackServer {
  /** The authority base URL for the config's endpoints block, e.g. https://127.0.0.1:41234. */
  authority: string;
  /** Requests received so far: shows whether a client retried. */
  requests(): number;
}

/** An Entra-like token endpoint over HTTPS on 127.0.0.1 (certificate from `tls`) that answers as `behaviour` says. */
export async function startTokenEndpoint(tls: ServerTls, behaviour: TokenEndpointBehaviour): Promise<HostileTokenEndpoint> {
  let requests = 0;
  // The raw TCP socket of each connection by client port: a TLS socket cannot be reset itself.
  const tcpSockets = new Map<number | undefined, Socket>();
  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (request, response) => {
    requests++;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => answer(request, response, Buffer.concat(chunks).toString("utf8")));
  });
  server.on("connection", (socket: Socket) => tcpSockets.set(socket.remotePort, socket));

  const answer = (request: IncomingMessage, response: ServerResponse, body: string) => {
    const json = (status: number, body?: object) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      response.end(body === undefined ? "" : JSON.stringify(body));
    };
    switch (behaviour.kind) {
      case "token":
        if (request.method === "GET") return json(200, discovery(authority, request.url ?? "/"));
        return json(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: behaviour.accessToken });
      case "status":
        return json(behaviour.status, behaviour.body);
      case "silent":
        return;
      case "reset":
        return tcpSockets.get(request.socket.remotePort)?.resetAndDestroy();
      case "drip":
        return drip(response);
      case "echo":
        return json(400, {
          error: "invalid_request",
          error_description: `AADSTS900144: The request body must contain the following parameter: 'grant_type'. Request body: ${body}`,
          error_codes: [900144],
        });
      case "invalid-json":
        response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        return response.end('{"token_type":"Bearer","access_token":<html>Service Unavailable</html>');
    }
  };
  const listening = await listenOnLoopback(server);
  const authority = `https://127.0.0.1:${listening.port}`;
  return { ...listening, authority, requests: () => requests };
}

/** Often enough that a client's idle timeout of a second or more never fires. */
export const DRIP_MS = 200;

function drip(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
  const timer = setInterval(() => response.write(" "), DRIP_MS);
  response.on("close", () => clearInterval(timer));
}

/** The OpenID configuration Entra serves for a tenant, pointing back at this server. */
function discovery(authority: string, path: string): object {
  const tenant = path.split("/")[1] ?? "common";
  return {
    token_endpoint: `${authority}/${tenant}/oauth2/v2.0/token`,
    authorization_endpoint: `${authority}/${tenant}/oauth2/v2.0/authorize`,
    issuer: `${authority}/${tenant}/v2.0`,
    jwks_uri: `${authority}/${tenant}/discovery/v2.0/keys`,
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
  };
}
