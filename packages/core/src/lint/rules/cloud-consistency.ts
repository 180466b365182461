import { type CloudName, cloudsOfHost, hostOf } from "../../clouds.js";
import { tenantsOf } from "../../config/walk.js";
import { listOr, quote } from "../../text/quote.js";
import type { Rule } from "../rule.js";

const ENDPOINT_KEYS = ["authority", "smtpHost", "scope"] as const;

export const cloudConsistency: Rule = {
  meta: {
    id: "cloud-consistency",
    description: "Authority, SMTP host and token scope that belong to different clouds",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    for (const { value: tenant, path } of tenantsOf(context.config)) {
      const cloud: CloudName = tenant.cloud ?? "global";
      for (const key of ENDPOINT_KEYS) {
        const own = tenant.endpoints?.[key];
        const value = own ?? context.config.endpoints?.[key];
        if (value === undefined) continue;
        const host = hostOf(value);
        const clouds = host === undefined ? [] : cloudsOfHost(host);
        if (clouds.length === 0 || clouds.includes(cloud)) continue;
        const valuePath = own === undefined ? ["endpoints", key] : [...path, "endpoints", key];
        context.report({
          path: valuePath,
          message: `${quote(value)} belongs to the ${listOr(clouds)} cloud, but tenant ${quote(tenant.name ?? "?")} is in the ${cloud} cloud (line ${context.lineOf(tenant.cloud === undefined ? path : [...path, "cloud"])}): a token from one cloud is refused by the other (AADSTS90002, AADSTS90038, or 535 5.7.3). Fix the cloud or the endpoint`,
        });
      }
    }
  },
};
