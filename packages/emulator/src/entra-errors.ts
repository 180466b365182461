import { randomUUID } from "node:crypto";

/** An error of the token endpoint: its HTTP status and Entra's JSON body. */
export interface EntraError {
  status: number;
  code: number;
  body: {
    error: string;
    error_description: string;
    error_codes: number[];
    timestamp: string;
    trace_id: string;
    correlation_id: string;
    error_uri: string;
  };
}

interface ErrorKind {
  status: number;
  error: string;
  text: (values: Record<string, string>) => string;
}

/** Entra's answers, with their texts as Entra writes them (KNOWLEDGE.md §5). */
const ERRORS = {
  7000215: {
    status: 401,
    error: "invalid_client",
    text: (v) =>
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${v.clientId}'.`,
  },
  7000222: {
    status: 401,
    error: "invalid_client",
    text: (v) =>
      `The provided client secret keys for app '${v.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
  },
  7000218: {
    status: 401,
    error: "invalid_client",
    text: () => "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  },
  700016: {
    status: 400,
    error: "unauthorized_client",
    text: (v) =>
      `Application with identifier '${v.clientId}' was not found in the directory '${v.tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  },
  90002: {
    status: 400,
    error: "invalid_request",
    text: (v) =>
      `Tenant '${v.tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  },
  900023: {
    status: 400,
    error: "invalid_request",
    text: (v) => `Specified tenant identifier '${v.tenant}' is neither a valid DNS name, nor a valid external domain.`,
  },
  9001023: {
    status: 400,
    error: "invalid_request",
    // Entra's text for /common and /consumers; for /organizations (same code, KNOWLEDGE.md section 5) only the tenant-specific endpoint works.
    text: (v) =>
      v.tenant?.toLowerCase() === "organizations"
        ? "The grant type is not supported over the /organizations endpoint. Please use the tenant-specific endpoint."
        : "The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.",
  },
  1002012: {
    status: 400,
    error: "invalid_scope",
    text: (v) =>
      `The provided value for scope ${v.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  },
  900144: {
    status: 400,
    error: "invalid_request",
    text: (v) => `The request body must contain the following parameter: '${v.field}'.`,
  },
  70003: {
    status: 400,
    error: "unsupported_grant_type",
    text: (v) => `The app requested an unsupported grant type '${v.grantType}'.`,
  },
  500011: {
    status: 400,
    error: "invalid_resource",
    text: (v) =>
      `The resource principal named ${v.resource} was not found in the tenant named ${v.tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  },
  700027: {
    status: 401,
    error: "invalid_client",
    text: (v) =>
      v.thumbprint
        ? `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${v.thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${v.clientId}'.]`
        : "Client assertion failed signature validation.",
  },
  700024: {
    status: 400,
    error: "invalid_client",
    text: () => "Client assertion is not within its valid time range.",
  },
  700023: {
    status: 400,
    error: "invalid_client",
    text: () => "Client assertion audience claim does not match Realm issuer.",
  },
  700021: {
    status: 400,
    error: "invalid_client",
    text: () => "Client assertion application identifier doesn't match 'client_id' parameter.",
  },
} satisfies Record<number, ErrorKind>;

export type EntraErrorCode = keyof typeof ERRORS;

/** Entra's timestamp format: `2026-11-27 07:01:02Z`. */
const entraTime = (date: Date) => `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;

/** The error `code` as Entra answers it, `values` filling its text; `authority` is where the error page is linked. */
export function entraError(code: EntraErrorCode, values: Record<string, string>, authority: string): EntraError {
  const kind: ErrorKind = ERRORS[code];
  const traceId = randomUUID();
  const correlationId = values.correlationId ?? randomUUID();
  const timestamp = entraTime(new Date());
  return {
    status: kind.status,
    code,
    body: {
      error: kind.error,
      error_description: `AADSTS${code}: ${kind.text(values)}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${authority}/error?code=${code}`,
    },
  };
}
