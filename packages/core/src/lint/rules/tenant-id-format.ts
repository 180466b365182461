import { tenantsOf } from "../../config/walk.js";
import { isDomain, isGuid } from "../../text/identifiers.js";
import type { Rule } from "../rule.js";

const MULTI_TENANT_ALIASES = new Set(["common", "organizations", "consumers"]);
const PLACEHOLDER = /\{\{.*\}\}|<[^>]*>|\$\{[^}]*\}|^(undefined|null|none|tbd|todo|xxx+|your[-_ ]?tenant[-_ ]?id)$/i;

/** The tenant in an authority or token URL pasted as the tenant id (https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token). */
function urlTenant(url: string): string | undefined {
  try {
    const first = new URL(url).pathname.split("/").find((segment) => segment !== "");
    return first !== undefined && (isGuid(first) || isDomain(first)) && !MULTI_TENANT_ALIASES.has(first.toLowerCase()) ? first : undefined;
  } catch {
    return undefined;
  }
}

/** Why a tenant id cannot work with client credentials, or undefined when it can. Shared with the XML rule. */
export function tenantIdProblem(value: string): string | undefined {
  const trimmed = value.trim();
  if (MULTI_TENANT_ALIASES.has(trimmed.toLowerCase())) {
    return `is a multi-tenant alias: client credentials need the tenant's own id (Entra answers AADSTS9001023 or AADSTS50194). Use the Directory (tenant) ID from Entra ID › Overview`;
  }
  if (PLACEHOLDER.test(trimmed)) {
    return `is a placeholder, not a tenant (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview`;
  }
  if (/^https?:\/\//i.test(trimmed)) {
    const tenant = urlTenant(trimmed);
    const hint = tenant === undefined ? "" : `; did you mean ${JSON.stringify(tenant)}?`;
    return `is a URL, not a tenant id: write only the Directory (tenant) ID or a verified domain here, and a non-default authority in endpoints.authority${hint}`;
  }
  if (!isGuid(trimmed) && !isDomain(trimmed)) {
    return `is neither a GUID nor a domain name (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview, or a verified domain such as contoso.onmicrosoft.com`;
  }
  return undefined;
}

export const tenantIdFormat: Rule = {
  meta: {
    id: "tenant-id-format",
    description:
      "A tenantId that is a multi-tenant alias (common, organizations, consumers), a placeholder, or neither a GUID nor a domain",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    for (const { value: tenant, path } of tenantsOf(context.config)) {
      const problem = tenant.tenantId === undefined ? undefined : tenantIdProblem(tenant.tenantId);
      if (problem) context.report({ path: [...path, "tenantId"], message: `${JSON.stringify(tenant.tenantId)} ${problem}` });
    }
  },
};
