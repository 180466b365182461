import type { Config } from "@smtpcfg/core";
import { CLOUDS, type Cloud } from "@smtpcfg/core/clouds";
import { isGuid } from "@smtpcfg/core/identifiers";
import { type CredentialSources, readCertificate, resolveSecret, type ValidCertificate, type ValidSecret } from "./credentials.js";
import { FaultError, latencyProblem, reaches } from "./faults.js";
import { deterministicGuid } from "./guid.js";
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
  /**
   * The Outlook resources Entra issues Exchange Online tokens for in this cloud, each the `aud` of
   * its tokens: the cloud's Outlook resource first, then outlook.office.com in the commercial cloud
   * (KNOWLEDGE.md §2: both are audiences Exchange Online accepts).
   */
  outlookResources: readonly string[];
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

/** A cloud's Outlook resource, and the other Outlook hosts of the cloud (outlook.office.com), as resources. */
const outlookResources = (cloud: Cloud): string[] => [
  cloud.outlookResource,
  ...cloud.alternateHosts.filter((host) => host.startsWith("outlook.")).map((host) => `https://${host}`),
];

const faultLabel = (fault: Fault) =>
  [fault.kind, ...(fault.ms === undefined ? [] : [fault.ms]), ...(fault.target === undefined ? [] : [fault.target])].join(":");

/** Why a fault that reaches nothing it could change has no effect, for the kinds that act on a setting the config may already have. */
const NO_EFFECT: Partial<Record<Fault["kind"], string>> = {
  "smtp-auth-disabled-tenant":
    "no mailbox it reaches has smtpClientAuth: inherit (a mailbox with SMTP AUTH enabled itself ignores the organisation setting)",
  "no-mailbox-permission": "no mailbox it reaches grants the app FullAccess",
  "sendas-missing": "no mailbox it reaches grants the app SendAs",
  "secret-expired": "no app it reaches has a client secret",
};

/** The faults that act on an app (its tokens, its registration): a mailbox's address is no target of theirs. */
const APP_FAULTS: ReadonlySet<Fault["kind"]> = new Set([
  "consent-missing",
  "sp-not-registered",
  "wrong-sp-object-id",
  "secret-expired",
  "token-endpoint-down",
]);

/** Why a fault reaches nothing: the generic reason for its kind, unless its target is a mailbox and the fault acts on apps. */
function noEffectReason(fault: Fault, mailboxApps: ReadonlyMap<string, string | undefined>): string {
  const target = fault.target?.toLowerCase();
  if (target !== undefined && mailboxApps.has(target) && APP_FAULTS.has(fault.kind)) {
    const app = mailboxApps.get(target);
    return `${fault.target} is a mailbox, and ${fault.kind} acts on apps: target ${app ? `its app ${app}` : "an app"} (or the tenant)`;
  }
  return NO_EFFECT[fault.kind] ?? "it reaches no app or mailbox it acts on";
}

export function buildDirectory(config: Config, faults: readonly Fault[], sources: CredentialSources): Directory {
  const tenants = new Map<string, DirectoryTenant>();
  const warnings: string[] = [];
  const known = new Set<string>();
  /** Each mailbox's address (lower case), with the name of its app. */
  const mailboxApps = new Map<string, string | undefined>();
  const used = new Set<Fault>();
  /** Whether a fault of `kind` reaches something known by `names`; it counts as having an effect only `when` it changes that something. */
  const hasFault = (kind: Fault["kind"], names: readonly string[], when = true): boolean => {
    const found = faults.filter((fault) => fault.kind === kind && reaches(fault, names));
    if (when) for (const fault of found) used.add(fault);
    return found.length > 0;
  };
  for (const configured of config.tenants) {
    const apps = new Map<string, DirectoryApp>();
    const mailboxes = new Map<string, DirectoryMailbox>();
    const tid = tenantGuid(configured.tenantId);
    const cloud = CLOUDS[configured.cloud ?? "global"];
    const tenant: DirectoryTenant = {
      name: configured.name,
      tenantId: configured.tenantId,
      tid,
      cloud,
      outlookResources: outlookResources(cloud),
      apps,
      mailboxes,
    };
    const tenantNames = [configured.name, configured.tenantId, tid];
    for (const app of configured.apps ?? []) {
      const names = [...tenantNames, app.name, app.clientId];
      const registered = app.servicePrincipalObjectId ?? deterministicGuid(`service-principal:${tid}:${app.clientId.toLowerCase()}`);
      const fault = (kind: Fault["kind"], when = true) => hasFault(kind, names, when);
      // Faults that act per request: they have an effect on whatever they reach.
      fault("token-endpoint-down");
      fault("latency");
      const entry: DirectoryApp = {
        tenant,
        name: app.name,
        clientId: app.clientId,
        consented: !fault("consent-missing"),
        servicePrincipalObjectId: fault("wrong-sp-object-id") ? deterministicGuid(`enterprise-application:${registered}`) : registered,
        exchangeServicePrincipalId: fault("sp-not-registered") ? undefined : registered,
        secret: resolveSecret(app.credential, sources),
        secretExpired: fault("secret-expired", app.credential.clientSecret !== undefined),
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
      const inherits = mailbox.smtpClientAuth === "inherit";
      hasFault("latency", names);
      const disabledFor = hasFault("smtp-auth-disabled-mailbox", names)
        ? "Mailbox"
        : hasFault("smtp-auth-disabled-tenant", names, inherits) && inherits
          ? "Tenant"
          : undefined;
      mailboxes.set(mailbox.address.toLowerCase(), {
        address: mailbox.address,
        app,
        fullAccess: access.includes("FullAccess") && !hasFault("no-mailbox-permission", names, access.includes("FullAccess")),
        sendAs: access.includes("SendAs") && !hasFault("sendas-missing", names, access.includes("SendAs")),
        smtpAuthDisabledFor: disabledFor,
        names,
      });
      for (const name of names) known.add(name.toLowerCase());
      mailboxApps.set(mailbox.address.toLowerCase(), app?.name);
    }
    for (const name of tenantNames) known.add(name.toLowerCase());
    tenants.set(configured.tenantId.toLowerCase(), tenant);
    tenants.set(tid, tenant);
  }
  for (const fault of faults) {
    const problem = fault.kind === "latency" ? latencyProblem(fault.ms) : undefined;
    if (problem) throw new FaultError(`fault ${faultLabel(fault)}: ${problem}`);
    if (fault.target !== undefined && !known.has(fault.target.toLowerCase()))
      throw new FaultError(`fault ${fault.kind}:${fault.target}: the config has no tenant, app or mailbox named ${fault.target}`);
  }
  for (const fault of faults)
    if (!used.has(fault) && fault.kind !== "no-starttls")
      warnings.push(`fault ${faultLabel(fault)} has no effect: ${noEffectReason(fault, mailboxApps)}`);
  return { tenants, warnings };
}
