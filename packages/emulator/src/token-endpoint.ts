import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import { EXCHANGE_ONLINE_APP_ID, MULTI_TENANT_ALIASES } from "@smtpcfg/core/clouds";
import { isDomain, isGuid } from "@smtpcfg/core/identifiers";
import type { EmulatorTls } from "./certificates.js";
import { checkClientAssertion } from "./client-assertion.js";
import type { Directory, DirectoryApp, DirectoryTenant } from "./directory.js";
import { type EntraErrorCode, entraError } from "./entra-errors.js";
import { hasFault, lateBy, latencyFor } from "./faults.js";
import { type Log, shownId } from "./log.js";
import { TOKEN_LIFETIME, type TokenIssuer } from "./tokens.js";
import type { Fault } from "./types.js";

export interface TokenEndpointContext {
  directory: Directory;
  issuer: TokenIssuer;
  faults: readonly Fault[];
  /** The base URL the server is reached at (known once it listens). */
  authority: () => string;
  log: Log;
  /** Called once per token request. */
  counted: () => void;
  /** Aborts when the emulator stops. */
  stopping: AbortSignal;
}

const GRAPH = { resource: "https://graph.microsoft.com", appId: "00000003-0000-0000-c000-000000000000" };
const MAX_BODY = 64 * 1024;
const ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

type Answer = { status: number; body: unknown; result: string };
type Found = { tenant: DirectoryTenant } | { error: EntraErrorCode };

/** The tenant a path segment names: a configured tenant, or the AADSTS error Entra answers with. */
function findTenant(directory: Directory, segment: string): Found {
  const wanted = segment.toLowerCase();
  if (MULTI_TENANT_ALIASES.has(wanted)) return { error: 9001023 };
  if (!isGuid(wanted) && !isDomain(wanted)) return { error: 900023 };
  const tenant = directory.tenants.get(wanted);
  return tenant ? { tenant } : { error: 90002 };
}

/** The access token audience a `/.default` scope's resource stands for in this tenant's cloud; undefined for any other resource. */
function audienceOf(resource: string, tenant: DirectoryTenant): string | undefined {
  const wanted = resource.toLowerCase().replace(/\/+$/, "");
  // An Outlook resource is the audience of its tokens, as the client named it.
  if (tenant.outlookResources.includes(wanted)) return wanted;
  // Outlook's resource in every cloud is also known by the Exchange Online app id.
  if (wanted === EXCHANGE_ONLINE_APP_ID) return tenant.cloud.outlookResource;
  if (wanted === GRAPH.resource || wanted === GRAPH.appId) return GRAPH.resource;
  return undefined;
}

const sameSecret = (given: string, valid: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(valid);
  return a.length === b.length && timingSafeEqual(a, b);
};

function readForm(request: IncomingMessage): Promise<URLSearchParams | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > MAX_BODY ? undefined : new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    request.on("error", () => resolve(undefined));
  });
}

/** A path segment as the client meant it (a malformed escape is kept as it came). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The Entra token endpoint, OpenID discovery and JWKS of the configured tenants, over HTTPS. */
export function createTokenEndpoint(tls: EmulatorTls, context: TokenEndpointContext): Server {
  const { directory, issuer, faults, log } = context;
  const error = (code: EntraErrorCode, values: Record<string, string>): Answer => {
    const { status, body } = entraError(code, values, context.authority());
    return { status, body, result: `AADSTS${code}` };
  };

  async function token(request: IncomingMessage, segment: string, url: URL): Promise<{ answer: Answer; names: string[]; client?: string }> {
    const found = findTenant(directory, segment);
    const form = await readForm(request);
    const client = form?.get("client_id") ?? undefined;
    if ("error" in found) return { answer: error(found.error, { tenant: segment }), names: [], ...(client ? { client } : {}) };
    const tenant = found.tenant;
    const tenantNames = [tenant.name, tenant.tenantId, tenant.tid];
    if (!form) return { answer: error(900144, { field: "grant_type" }), names: tenantNames };
    const grantType = form.get("grant_type");
    if (!grantType) return { answer: error(900144, { field: "grant_type" }), names: tenantNames };
    if (grantType !== "client_credentials") return { answer: error(70003, { grantType }), names: tenantNames };
    if (!client) return { answer: error(900144, { field: "client_id" }), names: tenantNames };
    const app = tenant.apps.get(client.toLowerCase());
    if (!app) return { answer: error(700016, { clientId: client, tenant: segment }), names: tenantNames, client };
    return { answer: await appToken(app, form, segment, url), names: [...app.names], client };
  }

  async function appToken(app: DirectoryApp, form: URLSearchParams, segment: string, url: URL): Promise<Answer> {
    const scope = form.get("scope");
    if (!scope) return error(900144, { field: "scope" });
    const scopes = scope.split(/\s+/).filter(Boolean);
    if (scopes.length !== 1 || !scopes[0]?.endsWith("/.default")) return error(1002012, { scope });
    const resource = scopes[0].slice(0, -"/.default".length);
    const audience = audienceOf(resource, app.tenant);
    if (!audience) return error(500011, { resource, tenant: segment });
    const clientId = app.clientId;
    const assertion = form.get("client_assertion");
    const secret = form.get("client_secret");
    if (assertion && form.get("client_assertion_type") === ASSERTION_TYPE) {
      const rejection = await checkClientAssertion(assertion, app, `${context.authority()}${url.pathname}`);
      if (rejection) return error(rejection.code, rejection.values);
    } else if (secret) {
      const valid = app.secret && "value" in app.secret ? app.secret.value : undefined;
      if (valid === undefined || !sameSecret(secret, valid)) return error(7000215, { clientId });
      if (app.secretExpired) return error(7000222, { clientId });
    } else {
      return error(7000218, { clientId });
    }
    const accessToken = await issuer.issue(app, audience);
    return {
      status: 200,
      body: { token_type: "Bearer", expires_in: TOKEN_LIFETIME, ext_expires_in: TOKEN_LIFETIME, access_token: accessToken },
      result: "ok",
    };
  }

  function openidConfiguration(segment: string): Answer {
    const found = findTenant(directory, segment);
    if ("error" in found) return error(found.error, { tenant: segment });
    const base = `${context.authority()}/${found.tenant.tid}`;
    return {
      status: 200,
      result: "ok",
      body: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_modes_supported: ["query", "fragment", "form_post"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        scopes_supported: ["openid", "profile", "email", "offline_access"],
        issuer: `${base}/v2.0`,
        request_uri_parameter_supported: false,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        tenant_region_scope: "EU",
        cloud_instance_name: "microsoftonline.com",
      },
    };
  }

  function instanceDiscovery(url: URL): Answer {
    const host = new URL(context.authority()).host;
    const tenant = url.searchParams.get("authorization_endpoint")?.split("/")[3] ?? "common";
    return {
      status: 200,
      result: "ok",
      body: {
        tenant_discovery_endpoint: `${context.authority()}/${tenant}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      },
    };
  }

  /** The answer after the faults that reach `names`: later by the latency, or 503 when the endpoint is down; none once the emulator stops. */
  async function withFaults(answer: Answer, names: readonly string[]): Promise<Answer> {
    const delay = latencyFor(faults, names);
    if (delay > 0) await lateBy(delay, context.stopping);
    if (context.stopping.aborted) return { status: 503, body: undefined, result: "stopped" };
    return hasFault(faults, "token-endpoint-down", names) ? { status: 503, body: undefined, result: "503" } : answer;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "https://emulator");
    const [encoded = "", ...rest] = url.pathname.split("/").slice(1);
    const segment = decoded(encoded);
    const route = rest.join("/").toLowerCase();
    let answer: Answer = { status: 404, body: { error: "not_found" }, result: "404" };
    if (request.method === "POST" && route === "oauth2/v2.0/token") {
      context.counted();
      const outcome = await token(request, segment, url);
      answer = await withFaults(outcome.answer, outcome.names);
      log(`token tenant=${shownId(segment)} client=${shownId(outcome.client)} result=${answer.result}`);
    } else if (request.method === "GET") {
      if (route === "v2.0/.well-known/openid-configuration") answer = openidConfiguration(segment);
      else if (route === "discovery/v2.0/keys") answer = { status: 200, body: issuer.jwks, result: "ok" };
      else if (segment.toLowerCase() === "common" && route === "discovery/instance") answer = instanceDiscovery(url);
      answer = await withFaults(answer, []);
    }
    if (answer.body === undefined) {
      response.writeHead(answer.status, { "content-type": "text/plain; charset=utf-8", "retry-after": "1" });
      response.end("Service Unavailable\n");
      return;
    }
    response.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store, no-cache" });
    response.end(JSON.stringify(answer.body));
  }

  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  // A client that drops the connection mid-handshake or mid-request is nothing to report.
  server.on("tlsClientError", () => {});
  server.on("clientError", (_error, socket) => socket.destroy());
  return server;
}
