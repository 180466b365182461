import { type DataPath, displayPath } from "../config/data-path.js";
import type { App, Mailbox, Omada, SmtpcfgConfiguration, Tenant } from "../config/model.js";

/** Something the config asks for that generate cannot produce; the CLI reports it with the path and exits 2. */
export interface GenerateProblem {
  path: DataPath;
  message: string;
}

/** A problem as a sentence: `tenants[0].omada[1].secret is env, but …`. */
export function describeProblem(problem: GenerateProblem): string {
  return `${displayPath(problem.path)} ${problem.message}`;
}

export interface Located<T> {
  value: T;
  path: DataPath;
}

/** A tenant with its items located, and the references between them resolved. */
export interface TenantTargets {
  tenant: Located<Tenant>;
  apps: Located<App>[];
  mailboxes: (Located<Mailbox> & { app?: Located<App> })[];
  omada: OmadaTarget[];
}

/** One Omada entry with the mailbox it sends as and the app that mailbox authenticates with. */
export interface OmadaTarget {
  tenant: Located<Tenant>;
  omada: Located<Omada>;
  mailbox?: Located<Mailbox>;
  app?: Located<App>;
}

// Addresses are compared case-insensitively, names exactly: as unknown-reference and duplicate-name do.
const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function tenantTargets(tenant: Tenant, index: number): TenantTargets {
  const tenantPath: DataPath = ["tenants", index];
  const located = { value: tenant, path: tenantPath };
  const apps = (tenant.apps ?? []).map((value, i) => ({ value, path: [...tenantPath, "apps", i] }));
  const appNamed = (name: string) => apps.find((app) => app.value.name === name);
  const mailboxes = (tenant.mailboxes ?? []).map((value, i) => {
    const app = appNamed(value.app);
    return { value, path: [...tenantPath, "mailboxes", i], ...(app ? { app } : {}) };
  });
  const omada = (tenant.omada ?? []).map((value, i): OmadaTarget => {
    const mailbox = mailboxes.find((candidate) => sameAddress(candidate.value.address, value.mailbox));
    return {
      tenant: located,
      omada: { value, path: [...tenantPath, "omada", i] },
      ...(mailbox ? { mailbox: { value: mailbox.value, path: mailbox.path } } : {}),
      ...(mailbox?.app ? { app: mailbox.app } : {}),
    };
  });
  return { tenant: located, apps, mailboxes, omada };
}

/** Every Omada entry of every tenant, in config order: what config-drift matches a notificationSettings file against. */
export function omadaTargets(config: SmtpcfgConfiguration): OmadaTarget[] {
  return config.tenants.flatMap((tenant, index) => tenantTargets(tenant, index).omada);
}
