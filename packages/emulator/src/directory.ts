import type { Config } from "@smtpcfg/core";
import { CLOUDS, type Cloud } from "@smtpcfg/core/clouds";
import { type CredentialSources, readCertificate, resolveSecret, type ValidCertificate, type ValidSecret } from "./credentials.js";
import { FaultError, hasFault } from "./faults.js";
import { deterministicGuid, isGuid } from "./guid.js";
import type { Fault } from "./types.js";

/**
 * The tenants as they are after the generated scripts ran, with the faults applied: what the token
 * endpoint and the SMTP server decide by.
 */
export interface Directory {
  /** By tenantId (GUID or domain, lower case) and by tid. */
  tenants: ReadonlyMap<string, DirectoryTenant>;
  /** What a client will be refused for whatever it sends (a secret whose env variable is unset…), one line each. */
  warnings: readonly string[];
}

export interface DirectoryTenant {
  name: string;
  /** As configured: a GUID or a domain. */
  tenantId: string;
  /** The tenant's GUID (the `tid` claim): the tenantId itself, or a stable GUID made from the domain. */
  tid: string;
  cloud: Cloud;
  /** By client id, lower case. */
  apps: ReadonlyMap<string, DirectoryApp>;
  /** By address, lower case. */
  mailboxes: ReadonlyMap<string, DirectoryMailbox>;
}

export interface DirectoryApp {
  tenant: DirectoryTenant;
  name: string;
  clientId: string;
  /** Admin consent for SMTP.SendAsApp: the token has it in `roles`. */
  consented: boolean;
  /** The object id of the app's service principal in Entra: the token's `oid`. */
  servicePrincipalObjectId: string;
  /** The object id New-ServicePrincipal registered in Exchange for this app; undefined when none was. */
  exchangeServicePrincipalId: string | undefined;
  secret: ValidSecret;
  secretExpired: boolean;
  certificate: ValidCertificate;
  /** The names faults may target it by (with its tenant's). */
  names: readonly string[];
}

export interface DirectoryMailbox {
  address: string;
  /** The app granted access to it; undefined when the config names no app of the tenant. */
  app: DirectoryApp | undefined;
  fullAccess: boolean;
  sendAs: boolean;
  /** Who turned SMTP AUTH off for this mailbox (the mailbox's own setting wins over the organisation's); undefined when it is on. */
  smtpAuthDisabledFor: "Mailbox" | "Tenant" | undefined;
  names: readonly string[];
}

/** The `tid` of a configured tenantId. */
export const tenantGuid = (tenantId: string): string =>
  isGuid(tenantId) ? tenantId.toLowerCase() : deterministicGuid(`tenant:${tenantId.toLowerCase()}`);

export function buildDirectory(config: Config, faults: readonly Fault[], sources: CredentialSources): Directory {
  const tenants = new Map<string, DirectoryTenant>();
  const warnings: string[] = [];
  const known = new Set<string>();
  for (const configured of config.tenants) {
    const apps = new Map<string, DirectoryApp>();
    const mailboxes = new Map<string, DirectoryMailbox>();
    const tid = tenantGuid(configured.tenantId);
    const tenant: DirectoryTenant = {
      name: configured.name,
      tenantId: configured.tenantId,
      tid,
      cloud: CLOUDS[configured.cloud ?? "global"],
      apps,
      mailboxes,
    };
    const tenantNames = [configured.name, configured.tenantId, tid];
    for (const app of configured.apps ?? []) {
      const names = [...tenantNames, app.name, app.clientId];
      const registered = app.servicePrincipalObjectId ?? deterministicGuid(`service-principal:${tid}:${app.clientId.toLowerCase()}`);
      const fault = (kind: Fault["kind"]) => hasFault(faults, kind, names);
      const entry: DirectoryApp = {
        tenant,
        name: app.name,
        clientId: app.clientId,
        consented: !fault("consent-missing"),
        servicePrincipalObjectId: fault("wrong-sp-object-id") ? deterministicGuid(`enterprise-application:${registered}`) : registered,
        exchangeServicePrincipalId: fault("sp-not-registered") ? undefined : registered,
        secret: resolveSecret(app.credential, sources),
        secretExpired: fault("secret-expired"),
        certificate: readCertificate(app.credential, sources),
        names,
      };
      for (const credential of [entry.secret, entry.certificate])
        if (credential && "problem" in credential)
          warnings.push(`app ${app.name} (${app.clientId}): ${credential.problem}: every credential is refused`);
      apps.set(app.clientId.toLowerCase(), entry);
      for (const name of names) known.add(name.toLowerCase());
    }
    for (const mailbox of configured.mailboxes ?? []) {
      const app = [...apps.values()].find((candidate) => candidate.name === mailbox.app);
      const names = [...(app?.names ?? tenantNames), mailbox.address];
      const access = mailbox.access ?? ["FullAccess"];
      const disabledFor = hasFault(faults, "smtp-auth-disabled-mailbox", names)
        ? "Mailbox"
        : mailbox.smtpClientAuth === "inherit" && hasFault(faults, "smtp-auth-disabled-tenant", names)
          ? "Tenant"
          : undefined;
      mailboxes.set(mailbox.address.toLowerCase(), {
        address: mailbox.address,
        app,
        fullAccess: access.includes("FullAccess") && !hasFault(faults, "no-mailbox-permission", names),
        sendAs: access.includes("SendAs") && !hasFault(faults, "sendas-missing", names),
        smtpAuthDisabledFor: disabledFor,
        names,
      });
      for (const name of names) known.add(name.toLowerCase());
    }
    for (const name of tenantNames) known.add(name.toLowerCase());
    tenants.set(configured.tenantId.toLowerCase(), tenant);
    tenants.set(tid, tenant);
  }
  for (const fault of faults) {
    if (fault.target !== undefined && !known.has(fault.target.toLowerCase()))
      throw new FaultError(`fault ${fault.kind}:${fault.target}: the config has no tenant, app or mailbox named ${fault.target}`);
  }
  return { tenants, warnings };
}
