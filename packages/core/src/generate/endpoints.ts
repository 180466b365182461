import { CLOUDS, type Cloud } from "../clouds.js";
import { endpointOverride } from "../config/endpoint-override.js";
import type { SmtpcfgConfiguration, Tenant } from "../config/model.js";

/** What a tenant's clients talk to: its cloud's defaults, overridden key by key by its own endpoints, then the top-level ones. */
export interface TenantEndpoints {
  cloud: Cloud;
  /** Base URL of the token authority, as Omada's `instance` takes it. */
  authority: string;
  scope: string;
  smtpHost: string;
  /** Set only when an endpoints block names one. */
  smtpPort?: number;
}

export function tenantEndpoints(config: SmtpcfgConfiguration, tenant: Tenant): TenantEndpoints {
  const cloud = CLOUDS[tenant.cloud ?? "global"];
  const given = <K extends "authority" | "scope" | "smtpHost" | "smtpPort">(key: K) => endpointOverride(config, tenant, key)?.value;
  const smtpPort = given("smtpPort");
  return {
    cloud,
    authority: given("authority") ?? `https://${cloud.authorityHost}`,
    scope: given("scope") ?? `${cloud.outlookResource}/.default`,
    smtpHost: given("smtpHost") ?? cloud.smtpHost,
    ...(smtpPort === undefined ? {} : { smtpPort }),
  };
}
