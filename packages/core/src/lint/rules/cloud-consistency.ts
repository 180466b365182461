import { CLOUDS, type Cloud, type CloudName, type HostPlacement, hostOf, placementsOfHost } from "../../clouds.js";
import { type DataPath, displayPath } from "../../config/data-path.js";
import { tenantsOf } from "../../config/walk.js";
import type { Severity } from "../../diagnostic.js";
import { listAnd, listOr, quote } from "../../text/quote.js";
import { attribute, type XmlAttribute, type XmlElement } from "../../xml/document.js";
import { networkOf, placementsOfValue, quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { ConfigReport, Rule } from "../rule.js";

const ENDPOINT_KEYS = ["authority", "smtpHost", "scope"] as const;
type EndpointKey = (typeof ENDPOINT_KEYS)[number];
const WHY = "a token from one cloud is refused by the other (AADSTS90002, AADSTS90038, or 535 5.7.3)";

/** The cloud's own value for each endpoint, what messages call it, and whether a Microsoft source gives it. */
const OWN: Record<EndpointKey, { label: string; value(cloud: Cloud): string; verified: keyof Cloud["verified"] }> = {
  authority: { label: "authority host", value: (cloud) => cloud.authorityHost, verified: "authorityHost" },
  smtpHost: { label: "SMTP host", value: (cloud) => cloud.smtpHost, verified: "smtpHost" },
  scope: { label: "token scope", value: (cloud) => `${cloud.outlookResource}/.default`, verified: "outlookResource" },
};

/** An endpoint whose host belongs only to clouds other than the tenant's. */
interface Mismatch {
  key: EndpointKey;
  value: string;
  host: string;
  path: DataPath;
  clouds: CloudName[];
  /** Whether a Microsoft source places the host in another cloud. */
  placementVerified: boolean;
}

/**
 * The values that only third-party sources give, among those a mismatch is judged by: the
 * tenant cloud's own value for the endpoint, and where the endpoint's host belongs. Empty when the
 * mismatch rests on verified values only.
 */
function unverifiedBasis(mismatches: readonly Mismatch[], clouds: readonly CloudName[]): string[] {
  const basis = new Set<string>();
  // Hosts placed in the same clouds are named together: "the placement of a and b in the dod cloud".
  const placed = new Map<string, Set<string>>();
  for (const mismatch of mismatches) {
    const own = OWN[mismatch.key];
    for (const cloud of clouds) {
      if (!CLOUDS[cloud].verified[own.verified]) basis.add(`the ${cloud} ${own.label} (${own.value(CLOUDS[cloud])})`);
    }
    if (mismatch.placementVerified) continue;
    const where = listOr(mismatch.clouds);
    placed.set(where, (placed.get(where) ?? new Set()).add(mismatch.host.toLowerCase()));
  }
  for (const [where, hosts] of placed) basis.add(`the placement of ${listAnd([...hosts])} in the ${where} cloud`);
  return [...basis];
}

/**
 * Severity and closing words of a finding: an error when verified values alone show a mismatch;
 * otherwise a warning that says which mapping is unverified and that endpoints overrides it
 * (KNOWLEDGE.md: unverified values are defaults a user can override, never enforced with an error).
 */
function certainty(mismatches: readonly Mismatch[], clouds: readonly CloudName[], tenants: number): { severity?: Severity; note: string } {
  const verified = mismatches.some(
    (mismatch) => mismatch.placementVerified && clouds.some((cloud) => CLOUDS[cloud].verified[OWN[mismatch.key].verified]),
  );
  const basis = unverifiedBasis(mismatches, clouds);
  if (verified || basis.length === 0) return { note: "" };
  const whose = tenants === 1 ? "this tenant" : "these tenants";
  const keep =
    mismatches.length === 1
      ? `If the value is right for ${whose}, keep it: endpoints.${mismatches[0]?.key} overrides the cloud's default`
      : `If the values are right for ${whose}, keep them: endpoints override the cloud's defaults`;
  return {
    severity: "warning",
    note: `. A warning, not an error, as the mapping is unverified: ${listAnd(basis)} ${basis.length === 1 ? "comes" : "come"} only from third-party sources. ${keep}`,
  };
}

/** One of the three endpoint values of a notificationSettings file, and the clouds its host belongs to. */
interface XmlEndpoint {
  name: "instance" | "host" | "scopes";
  attribute: XmlAttribute;
  placements: readonly HostPlacement[];
}

const cloudsIn = (endpoint: XmlEndpoint) => endpoint.placements.map((placement) => placement.cloud);

function shareACloud(a: XmlEndpoint, b: XmlEndpoint): boolean {
  for (const mine of a.placements) for (const theirs of b.placements) if (mine.cloud === theirs.cloud) return true;
  return false;
}

/** Adds the endpoint `name` of an element when its host belongs to a known cloud. */
function addEndpoint(endpoints: XmlEndpoint[], name: XmlEndpoint["name"], element: XmlElement | undefined): void {
  const found = element === undefined ? undefined : attribute(element, name);
  const placements = found === undefined ? undefined : placementsOfValue(found.value);
  if (found !== undefined && placements !== undefined && placements.length > 0) endpoints.push({ name, attribute: found, placements });
}

/** The endpoints of one client-credentials element (and its network) whose hosts belong to a known cloud. */
function xmlEndpoints(credentials: XmlElement, network: XmlElement | undefined): XmlEndpoint[] {
  const endpoints: XmlEndpoint[] = [];
  addEndpoint(endpoints, "instance", credentials);
  addEndpoint(endpoints, "host", network);
  addEndpoint(endpoints, "scopes", credentials);
  return endpoints;
}

/** Whether every two endpoints share a cloud: so nearly every file is, so it is asked first and cheaply. */
function everyPairShares(endpoints: readonly XmlEndpoint[]): boolean {
  for (let i = 0; i < endpoints.length; i++) {
    for (let j = i + 1; j < endpoints.length; j++) if (!shareACloud(endpoints[i] as XmlEndpoint, endpoints[j] as XmlEndpoint)) return false;
  }
  return true;
}

/**
 * The endpoints that do not fit the others, each with the ones it is judged against. With three,
 * the odd one out (two that agree outvote it); with two that disagree, or three that all do, the
 * later ones are judged against the first (instance, then host), as nothing says which is wrong.
 */
function oddOnesOut(endpoints: XmlEndpoint[]): { odd: XmlEndpoint; against: XmlEndpoint[] }[] {
  const [first, ...rest] = endpoints;
  if (first === undefined || everyPairShares(endpoints)) return [];
  if (endpoints.length === 3) {
    const odd = endpoints.find((endpoint) => {
      const others = endpoints.filter((other) => other !== endpoint);
      return others.every((other) => !shareACloud(endpoint, other)) && shareACloud(others[0] as XmlEndpoint, others[1] as XmlEndpoint);
    });
    if (odd) return [{ odd, against: endpoints.filter((other) => other !== odd) }];
  }
  return rest.filter((endpoint) => !shareACloud(endpoint, first)).map((odd) => ({ odd, against: [first] }));
}

/** What an endpoint's value is, in a message: the attribute and its value, and the clouds its host belongs to. */
const named = (endpoint: XmlEndpoint) => `${endpoint.name} ${quoteValue(endpoint.attribute.value)}`;

export const cloudConsistency: Rule = {
  meta: {
    id: "cloud-consistency",
    description: "Authority, SMTP host and token scope that belong to different clouds",
    defaultSeverity: "error",
    fixable: false,
  },
  checkConfig(context) {
    const topLevel = new Map<EndpointKey, { mismatch: Mismatch; tenants: string[]; clouds: CloudName[] }>();
    const report = (mismatch: Mismatch, tenants: string[], clouds: CloudName[]) => {
      const { severity, note } = certainty([mismatch], clouds, tenants.length);
      context.report({
        path: mismatch.path,
        message: `${quote(mismatch.value)} belongs to the ${listOr(mismatch.clouds)} cloud, but ${listAnd(tenants)}: ${WHY}. Fix the cloud or the endpoint${note}`,
        ...(severity ? { severity } : {}),
      });
    };
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
        const placements = host === undefined ? [] : placementsOfHost(host);
        const clouds = placements.map((placement) => placement.cloud);
        if (host === undefined || clouds.length === 0 || clouds.includes(cloud)) continue;
        mismatches.push({
          key,
          value,
          host,
          path: own === undefined ? ["endpoints", key] : [...path, "endpoints", key],
          clouds,
          placementVerified: placements.some((placement) => placement.verified),
        });
      }
      const name = tenant.name === undefined ? displayPath(path) : `tenant ${quote(tenant.name)}`;
      const tenantCloud =
        tenant.cloud === undefined
          ? `${name} is in the ${cloud} cloud (the default, as it sets no cloud)`
          : `${name} is in the ${cloud} cloud (line ${context.lineOf([...path, "cloud"])})`;
      const common = mismatches.reduce<CloudName[]>((shared, m) => shared.filter((c) => m.clouds.includes(c)), mismatches[0]?.clouds ?? []);
      if (mismatches.length >= 2 && common.length > 0) {
        // Several endpoints of one other cloud: the cloud is the likelier mistake, and it is one mistake, so one finding.
        const byLine = mismatches.map((m) => ({ ...m, line: context.lineOf(m.path) })).sort((a, b) => a.line - b.line);
        const lines = byLine.map((m) => m.line);
        const endpoints = `${listAnd(byLine.map((m) => m.key))} belong to the ${listOr(common)} cloud (lines ${lines.join(", ")})`;
        const { severity, note } = certainty(byLine, [cloud], 1);
        const finding: ConfigReport =
          tenant.cloud === undefined
            ? {
                path,
                message: `sets no cloud, so it is in the global cloud, but its ${endpoints}: ${WHY}. Add cloud: ${common[0]}, or fix the endpoints${note}`,
              }
            : {
                path: [...path, "cloud"],
                message: `${quote(cloud)} does not match the tenant's endpoints: ${endpoints}; ${WHY}. Fix the cloud or the endpoints${note}`,
              };
        context.report(severity ? { ...finding, severity } : finding);
        continue;
      }
      for (const mismatch of mismatches) {
        const shared = mismatch.path[0] === "endpoints" ? topLevel.get(mismatch.key) : undefined;
        if (shared) {
          shared.tenants.push(tenantCloud);
          if (!shared.clouds.includes(cloud)) shared.clouds.push(cloud);
        } else if (mismatch.path[0] === "endpoints") topLevel.set(mismatch.key, { mismatch, tenants: [tenantCloud], clouds: [cloud] });
        else report(mismatch, [tenantCloud], [cloud]);
      }
    }
    // A top-level endpoint that fits several tenants badly is one value to fix: one finding that names them all.
    for (const { mismatch, tenants, clouds } of topLevel.values()) report(mismatch, tenants, clouds);
  },
  checkXml(context) {
    for (const credentials of settingsElements(context.document).credentials) {
      for (const { odd, against } of oddOnesOut(xmlEndpoints(credentials, networkOf(credentials)))) {
        const theirs = against.reduce<CloudName[]>(
          (shared, other) => shared.filter((cloud) => cloudsIn(other).includes(cloud)),
          cloudsIn(against[0] as XmlEndpoint),
        );
        const others = `${listAnd(against.map(named))} ${against.length === 1 ? "belongs" : "belong"} to the ${listOr(theirs.length > 0 ? theirs : cloudsIn(against[0] as XmlEndpoint))} cloud`;
        // An error only when Microsoft sources place both sides; otherwise the mapping may be what is wrong.
        const unverified = [odd, ...against].filter((endpoint) => !endpoint.placements.some((placement) => placement.verified));
        const hosts = [...new Set(unverified.flatMap((endpoint) => hostOf(endpoint.attribute.value.trim())?.toLowerCase() ?? []))];
        const note =
          unverified.length === 0
            ? ""
            : `. A warning, not an error, as the mapping is unverified: the placement of ${listAnd(hosts)} ${hosts.length === 1 ? "comes" : "come"} only from third-party sources. If the values are right, keep them and suppress this finding`;
        context.report({
          ...odd.attribute.valueSpan,
          message: `${named(odd)} belongs to the ${listOr(cloudsIn(odd))} cloud, but ${others}: ${WHY}. Use the instance, host and scopes of one cloud${note}`,
          ...(unverified.length === 0 ? {} : { severity: "warning" as const }),
        });
      }
    }
  },
};
