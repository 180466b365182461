import { X509Certificate } from "node:crypto";
import { dirname, isAbsolute, resolve } from "node:path";
import type { Cloud } from "../clouds.js";
import { endpointOverride } from "../config/endpoint-override.js";
import type { Endpoints, SmtpcfgConfiguration, Tenant } from "../config/model.js";
import { InputError } from "../errors.js";
import { tenantEndpoints } from "../generate/endpoints.js";
import { readSecretFile } from "../secret-file.js";
import { httpsAuthority } from "./authority.js";

const SUBMISSION_PORT = 587;

/** Where verify gets a tenant's tokens and submits its mail. */
export interface VerifyEndpoints {
  cloud: Cloud;
  /** Base URL of the token authority, as httpsAuthority spells it; the tenant and /oauth2/v2.0/token are appended. */
  authority: string;
  scope: string;
  smtpHost: string;
  smtpPort: number;
  /** Absolute path of a PEM file with extra CA certificates to trust, for the authority and SMTP. */
  caFile?: string;
}

/** Endpoints given on the command line (`--endpoints FILE`, the emulator's connection file), applied to every tenant. */
export interface EndpointsOverride {
  endpoints: Endpoints;
  /** Absolute folder of the file: its caFile is relative to it. */
  dir: string;
}

/**
 * A tenant's endpoints: the cloud's defaults, the config's top-level `endpoints`, the tenant's own,
 * then the override, each key by key; a caFile is relative to the file that names it. An authority
 * that is not an https URL is an InputError (the schema lets through only malformed ones: port 99999).
 */
export function verifyEndpoints(
  config: SmtpcfgConfiguration,
  tenant: Tenant,
  configDir: string,
  override?: EndpointsOverride,
): VerifyEndpoints {
  const base = tenantEndpoints(config, tenant);
  const given = override?.endpoints ?? {};
  const configCa = endpointOverride(config, tenant, "caFile")?.value;
  const caFile = given.caFile !== undefined ? resolve(override?.dir ?? configDir, given.caFile) : configCa && resolve(configDir, configCa);
  return {
    cloud: base.cloud,
    authority: httpsAuthority(given.authority ?? base.authority, `tenant ${tenant.name}: endpoints.authority`),
    scope: given.scope ?? base.scope,
    smtpHost: given.smtpHost ?? base.smtpHost,
    smtpPort: given.smtpPort ?? base.smtpPort ?? SUBMISSION_PORT,
    ...(caFile ? { caFile } : {}),
  };
}

const FIELDS: Record<keyof Endpoints, "string" | "number"> = {
  authority: "string",
  scope: "string",
  smtpHost: "string",
  smtpPort: "number",
  caFile: "string",
};

/** Reads a connection file (`smtpcfg emulate` writes one): JSON with the fields of the config's `endpoints` block. */
export function readEndpointsFile(path: string, shown: string): EndpointsOverride {
  const read = readSecretFile(path, ".");
  if ("problem" in read) throw new InputError(`--endpoints ${shown}: ${read.problem}`);
  let data: unknown;
  try {
    data = JSON.parse(read.value);
  } catch {
    throw new InputError(`--endpoints ${shown}: is not JSON`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    throw new InputError(`--endpoints ${shown}: expected a JSON object with authority, smtpHost, smtpPort and caFile`);
  const endpoints: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const type = FIELDS[key as keyof Endpoints];
    if (type === undefined) continue;
    if (typeof value !== type || (type === "number" && !(Number.isInteger(value) && (value as number) > 0 && (value as number) < 65536)))
      throw new InputError(`--endpoints ${shown}: ${key} must be ${type === "number" ? "a port number" : "a string"}`);
    // A scope is sent to Entra and shown in the report: one with a user name could carry a password into both.
    if (key === "scope" && !/^[^\s@]+$/.test(value as string))
      throw new InputError(`--endpoints ${shown}: scope must be a scope URI, with no spaces and no user name`);
    endpoints[key] = key === "authority" ? httpsAuthority(value as string, `--endpoints ${shown}: authority`) : value;
  }
  if (Object.keys(endpoints).length === 0)
    throw new InputError(`--endpoints ${shown}: names none of authority, scope, smtpHost, smtpPort, caFile`);
  return { endpoints: endpoints as Endpoints, dir: dirname(isAbsolute(path) ? path : resolve(path)) };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * The certificates of a CA file as PEM, one after the other, or an InputError naming it. Each PEM
 * block must be a certificate: TLS would leave out one that is not without a word, and the
 * connection would fail later as untrusted. Blocks joined without a line break are read apart.
 */
export function readCaFile(path: string): string {
  const read = readSecretFile(path, ".");
  if ("problem" in read) throw new InputError(`CA file ${path} ${read.problem}`);
  const blocks = [...read.value.matchAll(PEM_CERTIFICATE)];
  if (blocks.length === 0) throw new InputError(`CA file ${path} holds no PEM certificate`);
  return blocks
    .map((block) => {
      try {
        return new X509Certificate(block[0]).toString();
      } catch {
        const line = read.value.slice(0, block.index).split("\n").length;
        const what = blocks.length === 1 ? "no usable certificate: its PEM block" : "a PEM block that is not a usable certificate: the one";
        throw new InputError(`CA file ${path} holds ${what} at line ${line} does not decode as an X.509 certificate`);
      }
    })
    .join("");
}
