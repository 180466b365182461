import { MULTI_TENANT_ALIASES } from "../../clouds.js";
import { tenantsOf } from "../../config/walk.js";
import { isDomain, isGuid } from "../../text/identifiers.js";
import { isPlaceholder } from "../../text/placeholder.js";
import { attribute } from "../../xml/document.js";
import { quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";

/** The tenant in an authority or token URL pasted as the tenant id (https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token). */
function urlTenant(url: string): string | undefined {
  try {
    const first = new URL(url).pathname.split("/").find((segment) => segment !== "");
    return first !== undefined && (isGuid(first) || isDomain(first)) && !MULTI_TENANT_ALIASES.has(first.toLowerCase()) ? first : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What is wrong with a tenant id: `shape` when it is simply neither a GUID nor a domain (in XML,
 * guid-format reports that, with clientId), the other kinds are mistakes of meaning.
 */
export interface TenantIdProblem {
  kind: "alias" | "placeholder" | "url" | "shape";
  message: string;
}

/**
 * Why a tenant id cannot work with client credentials, or undefined when it can. Shared by the
 * config and XML checks; `authority` names where a non-default authority belongs in that file.
 */
export function tenantIdProblem(value: string, authority = "endpoints.authority"): TenantIdProblem | undefined {
  // What nearly every tenant id is, asked first: a GUID is no alias, placeholder or URL.
  if (isGuid(value)) return undefined;
  const trimmed = value.trim();
  if (trimmed === "") {
    return { kind: "shape", message: "is empty (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview" };
  }
  if (MULTI_TENANT_ALIASES.has(trimmed.toLowerCase())) {
    return {
      kind: "alias",
      message: `is a multi-tenant alias: client credentials need the tenant's own id (Entra answers AADSTS9001023 or AADSTS50194). Use the Directory (tenant) ID from Entra ID › Overview`,
    };
  }
  if (isPlaceholder(trimmed)) {
    return {
      kind: "placeholder",
      message: `is a placeholder, not a tenant (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview`,
    };
  }
  if (/^https?:\/\//i.test(trimmed)) {
    const tenant = urlTenant(trimmed);
    const hint = tenant === undefined ? "" : `; did you mean ${JSON.stringify(tenant)}?`;
    return {
      kind: "url",
      message: `is a URL, not a tenant id: write only the Directory (tenant) ID or a verified domain here, and a non-default authority in ${authority}${hint}`,
    };
  }
  // `{2487…}`, as some tools copy a GUID.
  const unbraced = /^\{\s*([^{}]*?)\s*\}$/.exec(trimmed)?.[1];
  if (unbraced !== undefined && isGuid(unbraced)) {
    return {
      kind: "shape",
      message: "has braces around the GUID: Entra takes the value as written and does not recognise it. Write only the GUID",
    };
  }
  if (!isGuid(trimmed) && !isDomain(trimmed)) {
    return {
      kind: "shape",
      message: `is neither a GUID nor a domain name (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview, or a verified domain such as contoso.onmicrosoft.com`,
    };
  }
  // The value is used as written: in the token request, and in the scripts generate writes.
  if (trimmed !== value) {
    return {
      kind: "shape",
      message:
        "has spaces or line breaks around it: Entra takes the value as written and does not recognise it. Write only the GUID or the domain",
    };
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
      const { tenantId } = tenant;
      const problem = tenantId === undefined ? undefined : tenantIdProblem(tenantId);
      if (tenantId !== undefined && problem)
        context.report({ path: [...path, "tenantId"], message: `${quoteValue(tenantId)} ${problem.message}` });
    }
  },
  checkXml(context) {
    for (const credentials of settingsElements(context.document).credentials) {
      const tenantId = attribute(credentials, "tenantId");
      const problem = tenantId === undefined ? undefined : tenantIdProblem(tenantId.value, "instance");
      // A value that is simply neither a GUID nor a domain is guid-format's, next to clientId's.
      if (!tenantId || !problem || problem.kind === "shape") continue;
      context.report({ ...tenantId.valueSpan, message: `tenantId ${quoteValue(tenantId.value)} ${problem.message}` });
    }
  },
};
