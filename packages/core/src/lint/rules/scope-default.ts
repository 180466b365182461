import { CLOUDS, type CloudName } from "../../clouds.js";
import { type DataPath, displayPath } from "../../config/data-path.js";
import { endpointOverride } from "../../config/endpoint-override.js";
import { tenantsOf } from "../../config/walk.js";
import { listOr } from "../../text/quote.js";
import { attribute } from "../../xml/document.js";
import { cloudsOfSetup, networkOf, quoteValue, resourceVerified, settingsElements } from "../../xml/notification-settings.js";
import type { Rule, SpanReport } from "../rule.js";

/** Entra's answer to a client-credentials request for a permission instead of a resource (KNOWLEDGE.md §5). */
const AADSTS1002012 =
  'Entra refuses the token request with AADSTS1002012 ("The provided value for scope … is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier")';

/** Exchange Online's resources: every cloud's Outlook resource, and outlook.office.com, the other audience Exchange Online accepts (KNOWLEDGE.md §2). */
const OUTLOOK_RESOURCE_HOSTS = new Set([
  ...Object.values(CLOUDS).map((cloud) => new URL(cloud.outlookResource).host),
  "outlook.office.com",
]);
/** Those resources + /.default as written: scopes that are certainly right, in any cloud. */
const OUTLOOK_DEFAULT_SCOPES = new Set([...OUTLOOK_RESOURCE_HOSTS].map((host) => `https://${host}/.default`));
const GRAPH_HOSTS = new Set(["graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn"]);
const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

const RESOURCE_HOSTS = new Map<string, string | null>();
const RESOURCE_HOSTS_KEPT = 256;

/** The resource a scope names (`https://host/Perm` → host), lower-cased; undefined for a bare permission name. */
function resourceHost(scope: string): string | undefined {
  if (!/^https?:\/\//i.test(scope)) return undefined;
  // Kept per scope (a bounded number): files repeat the same few scopes, and parsing a URL is not cheap.
  const known = RESOURCE_HOSTS.get(scope);
  if (known !== undefined) return known ?? undefined;
  let host: string | undefined;
  try {
    host = new URL(scope).host.toLowerCase();
  } catch {
    host = undefined;
  }
  if (RESOURCE_HOSTS.size >= RESOURCE_HOSTS_KEPT) RESOURCE_HOSTS.clear();
  RESOURCE_HOSTS.set(scope, host ?? null);
  return host;
}

const isGraph = (scope: string) => GRAPH_HOSTS.has(resourceHost(scope) ?? "") || scope.toLowerCase().startsWith(`${GRAPH_APP_ID}/`);

/**
 * The scope to ask for, as messages name it, and the value --fix writes: only when the clouds of
 * the file agree on one resource that a Microsoft source gives (a third-party value is named as such).
 */
function expectedScope(clouds: CloudName[] | undefined): { text: string; fix?: string } {
  if (clouds === undefined || clouds.length === 0) {
    return { text: `the Outlook resource of your cloud + /.default (${CLOUDS.global.outlookResource}/.default in the global cloud)` };
  }
  const byScope = new Map<string, CloudName[]>();
  for (const cloud of clouds) {
    const scope = `${CLOUDS[cloud].outlookResource}/.default`;
    byScope.set(scope, [...(byScope.get(scope) ?? []), cloud]);
  }
  const verified = resourceVerified(clouds);
  const unverified = verified ? "" : ` (unverified: from third-party sources for the ${listOr(clouds)} cloud)`;
  const [only] = byScope.keys();
  if (byScope.size === 1 && only !== undefined) return { text: `${JSON.stringify(only)}${unverified}`, ...(verified ? { fix: only } : {}) };
  return {
    text: `${listOr([...byScope].map(([scope, owners]) => `${JSON.stringify(scope)} (${listOr(owners)})`))}${verified ? "" : ", from third-party sources"}`,
  };
}

/** What is wrong with a scopes value, or undefined when it asks for an Exchange Online resource's /.default (or a resource of no known cloud, in a file of no known cloud). */
function scopesProblem(
  value: string,
  clouds: CloudName[] | undefined,
  name = "scopes",
): (Omit<SpanReport, "start" | "end" | "fix"> & { fixable: boolean }) | undefined {
  const scopes = value
    .trim()
    .split(/[\s,;]+/)
    .filter((scope) => scope !== "");
  // Only a finding needs it: most files ask for the right scope, and the message text is not cheap.
  const expected = () => expectedScope(clouds).text;
  const subject = () => `${name} ${quoteValue(value)}`.trimStart();
  if (scopes.length === 0) {
    return { fixable: true, message: `${name || "it"} is empty: ${AADSTS1002012}. Ask for ${expected()}` };
  }
  const permissions = scopes.filter((scope) => !/\/\.default$/i.test(scope));
  if (permissions.length > 0) {
    const graph = permissions.some(isGraph)
      ? "; and Microsoft Graph is the wrong resource anyway, as Exchange Online refuses a Graph token (535 5.7.3)"
      : "";
    const named =
      permissions.length === 1 && permissions[0] === value.trim()
        ? "is a permission"
        : `holds the permission ${quoteValue(permissions[0] as string)}`;
    return {
      fixable: true,
      message: `${subject()} ${named}, not a resource + /.default: ${AADSTS1002012}${graph}. SMTP.SendAsApp is granted to the app in Entra and arrives in the token's roles claim; the request asks for ${expected()}`,
    };
  }
  if (scopes.length > 1) {
    return {
      fixable: true,
      message: `${subject()} asks for ${scopes.length} resources at once: a client-credentials token is for one resource, and Entra refuses the request. Ask only for ${expected()}`,
    };
  }
  const scope = scopes[0] as string;
  if (isGraph(scope)) {
    return {
      fixable: true,
      message: `${subject()} asks for a Microsoft Graph token: Entra issues it, but its audience is Graph, so Exchange Online refuses it with 535 5.7.3 Authentication unsuccessful. SMTP needs a token for the Outlook resource: ${expected()}`,
    };
  }
  const host = resourceHost(scope);
  if ((host !== undefined && OUTLOOK_RESOURCE_HOSTS.has(host)) || clouds === undefined || clouds.length === 0) return undefined;
  return {
    fixable: false,
    severity: "warning",
    message: `${subject()} is not the Outlook resource of the ${listOr(clouds)} cloud: the token's audience would be that resource, and Exchange Online refuses a token for another one (535 5.7.3). Microsoft documents ${expected()}; if a relay in front of Exchange Online expects this scope, suppress this finding`,
  };
}

export const scopeDefault: Rule = {
  meta: {
    id: "scope-default",
    description: "A token scope that is not the Outlook resource + /.default: SMTP.SendAsApp, SMTP.Send or a Graph scope",
    defaultSeverity: "error",
    fixable: true,
  },
  checkConfig(context) {
    // Each scope as written, with the clouds of the tenants that ask for it: a top-level one serves every tenant without its own.
    const written = new Map<string, { path: DataPath; value: string; clouds: Set<CloudName> }>();
    for (const { value: tenant, path } of tenantsOf(context.config)) {
      const given = endpointOverride(context.config, tenant, "scope");
      if (given === undefined) continue;
      const where: DataPath = given.own ? [...path, "endpoints", "scope"] : ["endpoints", "scope"];
      const entry = written.get(displayPath(where)) ?? { path: where, value: given.value, clouds: new Set<CloudName>() };
      // A cloud the schema rejected says nothing; cloud-consistency compares a scope with its tenant's cloud.
      if (!context.rejected([...path, "cloud"])) entry.clouds.add(tenant.cloud ?? "global");
      written.set(displayPath(where), entry);
    }
    for (const { path, value, clouds } of written.values()) {
      if (OUTLOOK_DEFAULT_SCOPES.has(value)) continue;
      // Named by its path, which the finding begins with.
      const problem = scopesProblem(value, [...clouds], "");
      if (problem) context.report({ path, message: problem.message, ...(problem.severity ? { severity: problem.severity } : {}) });
    }
  },
  checkXml(context) {
    for (const credentials of settingsElements(context.document).credentials) {
      const scopes = attribute(credentials, "scopes");
      // The scope nearly every file asks for needs no judging, nor the clouds of its setup.
      if (!scopes || OUTLOOK_DEFAULT_SCOPES.has(scopes.value)) continue;
      const clouds = cloudsOfSetup(credentials, networkOf(credentials));
      const problem = scopesProblem(scopes.value, clouds);
      if (!problem) continue;
      const { fixable, ...report } = problem;
      const { fix } = expectedScope(clouds);
      const { start, end } = scopes.valueSpan;
      context.report({
        start,
        end,
        ...report,
        ...(fixable && fix !== undefined ? { fix: { offset: start, length: end - start, text: fix } } : {}),
      });
    }
  },
};
