import type { App, Mailbox, SmtpcfgConfiguration, Tenant } from "../config/model.js";
import { InputError, UsageError } from "../errors.js";
import { didYouMean } from "../text/did-you-mean.js";
import { type EndpointsOverride, type VerifyEndpoints, verifyEndpoints } from "./endpoints.js";

/** One mailbox to verify, with its tenant, app and endpoints. */
export interface VerifyTarget {
  tenant: Tenant;
  app: App;
  mailbox: Mailbox;
  endpoints: VerifyEndpoints;
}

export interface TargetSelection {
  /** Only these tenants, by name (all when absent). */
  tenants?: readonly string[];
  /** Only these mailboxes, by address, case-insensitively (all when absent). */
  mailboxes?: readonly string[];
  configDir: string;
  endpoints?: EndpointsOverride;
}

/** The mailboxes to verify, in config order. A name that matches nothing is a UsageError. */
export function verifyTargets(config: SmtpcfgConfiguration, selection: TargetSelection): VerifyTarget[] {
  const tenantNames = config.tenants.map((tenant) => tenant.name);
  for (const name of selection.tenants ?? [])
    if (!tenantNames.includes(name))
      throw new UsageError(`--tenant ${name}: no such tenant (the config has ${tenantNames.join(", ")})${didYouMean(name, tenantNames)}`);
  const tenants = config.tenants.filter((tenant) => !selection.tenants || selection.tenants.includes(tenant.name));
  const wanted = selection.mailboxes?.map((address) => address.toLowerCase());
  const addresses = tenants.flatMap((tenant) => (tenant.mailboxes ?? []).map((mailbox) => mailbox.address));
  for (const address of selection.mailboxes ?? [])
    if (!addresses.some((known) => known.toLowerCase() === address.toLowerCase()))
      throw new UsageError(
        `--mailbox ${address}: no such mailbox${selection.tenants ? " in the tenants chosen" : ""}${didYouMean(address, addresses)}`,
      );
  const targets: VerifyTarget[] = [];
  for (const tenant of tenants) {
    const endpoints = verifyEndpoints(config, tenant, selection.configDir, selection.endpoints);
    for (const mailbox of tenant.mailboxes ?? []) {
      if (wanted && !wanted.includes(mailbox.address.toLowerCase())) continue;
      const app = tenant.apps?.find((candidate) => candidate.name === mailbox.app);
      if (!app) throw new InputError(`mailbox ${mailbox.address} names app ${mailbox.app}, which tenant ${tenant.name} does not define`);
      targets.push({ tenant, app, mailbox, endpoints });
    }
  }
  if (targets.length === 0) throw new UsageError("no mailbox to verify: the config defines none for the tenants chosen");
  return targets;
}
