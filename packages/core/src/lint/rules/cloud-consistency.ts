import { type CloudName, cloudsOfHost, hostOf } from "../../clouds.js";
import { type DataPath, displayPath } from "../../config/data-path.js";
import { tenantsOf } from "../../config/walk.js";
import { listAnd, listOr, quote } from "../../text/quote.js";
import type { Rule } from "../rule.js";

const ENDPOINT_KEYS = ["authority", "smtpHost", "scope"] as const;
const WHY = "a token from one cloud is refused by the other (AADSTS90002, AADSTS90038, or 535 5.7.3)";

/** An endpoint whose host belongs only to clouds other than the tenant's. */
interface Mismatch {
  key: (typeof ENDPOINT_KEYS)[number];
  value: string;
  path: DataPath;
  clouds: CloudName[];
}

export const cloudConsistency: Rule = {
  meta: {
    id: "cloud-consistency",
    description: "Authority, SMTP host and token scope that belong to different clouds",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    const topLevel = new Map<Mismatch["key"], { mismatch: Mismatch; tenants: string[] }>();
    const report = (mismatch: Mismatch, tenants: string[]) =>
      context.report({
        path: mismatch.path,
        message: `${quote(mismatch.value)} belongs to the ${listOr(mismatch.clouds)} cloud, but ${listAnd(tenants)}: ${WHY}. Fix the cloud or the endpoint`,
      });
    for (const { value: tenant, path } of tenantsOf(context.config)) {
      // A cloud the schema rejected (a typo such as GCC-High) is reported there; guessing global here would only add noise.
      if (context.rejected([...path, "cloud"])) continue;
      const cloud: CloudName = tenant.cloud ?? "global";
      const mismatches: Mismatch[] = [];
      for (const key of ENDPOINT_KEYS) {
        if (context.rejected([...path, "endpoints", key])) continue;
        const own = tenant.endpoints?.[key];
        const value = own ?? context.config.endpoints?.[key];
        if (value === undefined) continue;
        const host = hostOf(value);
        const clouds = host === undefined ? [] : cloudsOfHost(host);
        if (clouds.length === 0 || clouds.includes(cloud)) continue;
        mismatches.push({ key, value, path: own === undefined ? ["endpoints", key] : [...path, "endpoints", key], clouds });
      }
      const name = tenant.name === undefined ? displayPath(path) : `tenant ${quote(tenant.name)}`;
      const tenantCloud =
        tenant.cloud === undefined
          ? `${name} is in the ${cloud} cloud (the default, as it sets no cloud)`
          : `${name} is in the ${cloud} cloud (line ${context.lineOf([...path, "cloud"])})`;
      const common = mismatches.reduce<CloudName[]>((shared, m) => shared.filter((c) => m.clouds.includes(c)), mismatches[0]?.clouds ?? []);
      if (mismatches.length >= 2 && common.length > 0) {
        // Several endpoints of one other cloud: the cloud is the likelier mistake, and it is one mistake, so one finding.
        const byLine = mismatches.map((m) => ({ key: m.key, line: context.lineOf(m.path) })).sort((a, b) => a.line - b.line);
        const lines = byLine.map((m) => m.line);
        const endpoints = `${listAnd(byLine.map((m) => m.key))} belong to the ${listOr(common)} cloud (lines ${lines.join(", ")})`;
        context.report(
          tenant.cloud === undefined
            ? {
                path,
                message: `sets no cloud, so it is in the global cloud, but its ${endpoints}: ${WHY}. Add cloud: ${common[0]}, or fix the endpoints`,
              }
            : {
                path: [...path, "cloud"],
                message: `${quote(cloud)} does not match the tenant's endpoints: ${endpoints}; ${WHY}. Fix the cloud or the endpoints`,
              },
        );
        continue;
      }
      for (const mismatch of mismatches) {
        const shared = mismatch.path[0] === "endpoints" ? topLevel.get(mismatch.key) : undefined;
        if (shared) shared.tenants.push(tenantCloud);
        else if (mismatch.path[0] === "endpoints") topLevel.set(mismatch.key, { mismatch, tenants: [tenantCloud] });
        else report(mismatch, [tenantCloud]);
      }
    }
    // A top-level endpoint that fits several tenants badly is one value to fix: one finding that names them all.
    for (const { mismatch, tenants } of topLevel.values()) report(mismatch, tenants);
  },
};
