import { type DataPath, displayPath } from "../../config/data-path.js";
import type { LintableConfig } from "../../config/lintable.js";
import type { SmtpcfgConfiguration, Tenant } from "../../config/model.js";
import { tenantEndpoints } from "../../generate/endpoints.js";
import { isGeneratedText } from "../../generate/header.js";
import { xmlAttribute } from "../../generate/literal.js";
import { type NotificationSettingsAttributes, notificationSettingsAttributes } from "../../generate/notification-settings.js";
import { type OmadaTarget, tenantTargets } from "../../generate/targets.js";
import validate from "../../generated/validate-config.js";
import { sameId } from "../../text/identifiers.js";
import { attribute, type XmlAttribute, type XmlElement } from "../../xml/document.js";
import { networkOf, portNumber, quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { Rule, XmlRuleContext } from "../rule.js";

type NetworkName = "host" | "port" | "secureSocketOptions";
type CredentialName = "instance" | "clientId" | "clientSecret" | "tenantId" | "userName" | "scopes";

/** One attribute as generate would write it for an Omada entry, and where in the config the value comes from. */
interface Expected {
  element: "network" | "credentials";
  name: NetworkName | CredentialName;
  value: string;
  from: string;
}

interface Candidate {
  target: OmadaTarget;
  expected: Expected[];
}

interface Drift {
  expected: Expected;
  actual: XmlAttribute;
}

const lower = (value: string) => value.trim().toLowerCase();
/** An authority URL without the trailing slash people often write. */
const authority = (value: string) => lower(value).replace(/\/+$/, "");

/** How Omada reads each value: ids, hosts and addresses without regard to case, ports as numbers. */
const SAME: Record<Expected["name"], (actual: string, expected: string) => boolean> = {
  host: (a, b) => lower(a) === lower(b),
  port: (a, b) => portNumber(a) !== undefined && portNumber(a) === portNumber(b),
  // A spelling Omada cannot read (starttls) is tls-mode's finding, with its fix.
  secureSocketOptions: (a, b) => lower(a) === lower(b),
  instance: (a, b) => authority(a) === authority(b),
  clientId: (a, b) => sameId(a.trim(), b),
  clientSecret: (a, b) => a === b,
  tenantId: (a, b) => lower(a) === lower(b),
  userName: (a, b) => lower(a) === lower(b),
  scopes: (a, b) => lower(a) === lower(b),
};

const isValid = (data: unknown) => validate(data) === true;

/**
 * The Omada entries of the config that generate could write, located as in the config. The
 * config may be only partly valid (a library caller's, or one lint refused): a tenant the schema
 * rejects is left out, and so are top-level endpoints it rejects.
 */
function usableTargets(config: LintableConfig): { config: SmtpcfgConfiguration; targets: OmadaTarget[] } {
  const tenants = Array.isArray(config.tenants) ? config.tenants : [];
  const probe = { name: "probe", tenantId: "probe" };
  const endpoints = config.endpoints !== undefined && isValid({ version: 1, tenants: [probe], endpoints: config.endpoints });
  const usable: SmtpcfgConfiguration = {
    version: 1,
    tenants: tenants as SmtpcfgConfiguration["tenants"],
    ...(endpoints ? { endpoints: config.endpoints as NonNullable<SmtpcfgConfiguration["endpoints"]> } : {}),
  };
  const targets = tenants.flatMap((tenant, index) =>
    isValid({ ...usable, tenants: [tenant] }) ? tenantTargets(tenant as Tenant, index).omada : [],
  );
  return { config: usable, targets };
}

/** Where the config takes an endpoint from: the tenant's endpoints, the top-level ones, or the cloud. */
function endpointSource(
  config: SmtpcfgConfiguration,
  target: OmadaTarget,
  key: "authority" | "scope" | "smtpHost" | "smtpPort",
): string | undefined {
  if (target.tenant.value.endpoints?.[key] !== undefined) return displayPath([...target.tenant.path, "endpoints", key]);
  if (config.endpoints?.[key] !== undefined) return displayPath(["endpoints", key]);
  return undefined;
}

function expectedAttributes(config: SmtpcfgConfiguration, target: OmadaTarget, attributes: NotificationSettingsAttributes): Expected[] {
  const { tenant, omada, app } = target;
  const cloud = `the ${tenantEndpoints(config, tenant.value).cloud.name} cloud's`;
  const at = (path: DataPath, ...keys: string[]) => displayPath([...path, ...keys]);
  const { network, azureAdClientCredentials: credentials } = attributes;
  const expected: Expected[] = [
    { element: "network", name: "host", value: network.host, from: endpointSource(config, target, "smtpHost") ?? `${cloud} SMTP host` },
    {
      element: "network",
      name: "port",
      value: network.port,
      from: omada.value.port !== undefined ? at(omada.path, "port") : (endpointSource(config, target, "smtpPort") ?? "the default"),
    },
    {
      element: "network",
      name: "secureSocketOptions",
      value: network.secureSocketOptions,
      from: omada.value.secureSocketOptions !== undefined ? at(omada.path, "secureSocketOptions") : "the default",
    },
    {
      element: "credentials",
      name: "instance",
      value: credentials.instance,
      from: endpointSource(config, target, "authority") ?? `${cloud} authority`,
    },
    { element: "credentials", name: "clientId", value: credentials.clientId, from: at(app?.path ?? [], "clientId") },
    { element: "credentials", name: "tenantId", value: credentials.tenantId, from: at(tenant.path, "tenantId") },
    { element: "credentials", name: "userName", value: credentials.userName, from: at(omada.path, "mailbox") },
    {
      element: "credentials",
      name: "scopes",
      value: credentials.scopes,
      from: endpointSource(config, target, "scope") ?? `${cloud} Outlook resource + /.default`,
    },
  ];
  // A placeholder stands for whatever is entered in Omada, and lint reads no secret from the
  // environment: only a literal the config holds (secret: inline) is compared.
  if (attributes.secret === "inline" && credentials.clientSecret !== undefined) {
    expected.push({
      element: "credentials",
      name: "clientSecret",
      value: credentials.clientSecret,
      from: at(app?.path ?? [], "credential", "clientSecret"),
    });
  }
  return expected;
}

function driftsOf(candidate: Candidate, network: XmlElement | undefined, credentials: XmlElement): Drift[] {
  return candidate.expected.flatMap((expected) => {
    const element = expected.element === "network" ? network : credentials;
    const actual = element && attribute(element, expected.name);
    // A missing attribute is required-attribute's or tls-mode's; Omada's default for a missing instance is not documented.
    return actual && !SAME[expected.name](actual.value, expected.value) ? [{ expected, actual }] : [];
  });
}

/** The Omada entries of a config, found by the keys a file is matched with. */
interface Index {
  all: Candidate[];
  byIdentity: Map<string, Candidate[]>;
  byClientId: Map<string, Candidate[]>;
}

const identityKey = (tenantId: string, userName: string) => `${lower(tenantId)}\n${lower(userName)}`;

function push(map: Map<string, Candidate[]>, key: string, candidate: Candidate): void {
  const list = map.get(key);
  if (list) list.push(candidate);
  else map.set(key, [candidate]);
}

function indexOf(candidates: Candidate[]): Index {
  const index: Index = { all: candidates, byIdentity: new Map(), byClientId: new Map() };
  for (const candidate of candidates) {
    const { tenant, omada, app } = candidate.target;
    push(index.byIdentity, identityKey(tenant.value.tenantId, omada.value.mailbox), candidate);
    if (app) push(index.byClientId, lower(app.value.clientId), candidate);
  }
  return index;
}

/** The Omada entries a client-credentials element is for: by tenantId and userName, else by clientId. */
function matching(index: Index, credentials: XmlElement): { candidates: Candidate[]; byClientId: boolean } {
  const value = (name: string) => attribute(credentials, name)?.value;
  const tenantId = value("tenantId");
  const userName = value("userName");
  const clientId = value("clientId");
  const byIdentity = tenantId !== undefined && userName !== undefined ? index.byIdentity.get(identityKey(tenantId, userName)) : undefined;
  if (byIdentity) return { candidates: byIdentity, byClientId: false };
  return { candidates: (clientId !== undefined && index.byClientId.get(lower(clientId))) || [], byClientId: true };
}

/** The attribute's new value, escaped for the quote it is written in. */
function replacement(text: string, actual: XmlAttribute, value: string): string {
  const escaped = xmlAttribute(value).slice(1, -1);
  return text[actual.valueSpan.start - 1] === "'" ? escaped.replace(/'/g, "&apos;") : escaped;
}

/**
 * Whether --fix may write the config's value. Never the secret, nor a value another rule's fix
 * would change again (tls-mode rewrites any mode but StartTls on port 587, scope-default any
 * scope without /.default), nor an attribute the attributes-as-text repair is about to move.
 */
function fixable(drift: Drift, all: Expected[]): boolean {
  const { expected, actual } = drift;
  if (actual.recovered || expected.name === "clientSecret") return false;
  if (expected.name === "secureSocketOptions") {
    const port = all.find((candidate) => candidate.name === "port")?.value;
    return !(port === "587" && ["SslOnConnect", "StartTlsWhenAvailable", "Auto"].includes(expected.value));
  }
  if (expected.name === "scopes") return expected.value.endsWith("/.default");
  return true;
}

function describe(target: OmadaTarget, byClientId: boolean): string {
  const how = byClientId ? ", matched by clientId" : "";
  return `Omada entry ${JSON.stringify(target.omada.value.name)} of tenant ${JSON.stringify(target.tenant.value.name)} (${displayPath(target.omada.path)}${how})`;
}

function report(context: XmlRuleContext, drift: Drift, chosen: Candidate, agreed: boolean, byClientId: boolean, advice: string): void {
  const { expected, actual } = drift;
  const entry = describe(chosen.target, byClientId);
  const message =
    expected.name === "clientSecret"
      ? `clientSecret differs from the literal client secret the config holds (${expected.from}), which generate writes for ${entry} with secret: inline; neither value is shown. ${advice}`
      : `${expected.name} ${quoteValue(actual.value)} differs from the config: generate writes ${quoteValue(expected.value)} (${expected.from}) for ${entry}. ${advice}`;
  const fix =
    agreed && !byClientId && fixable(drift, chosen.expected)
      ? {
          offset: actual.valueSpan.start,
          length: actual.valueSpan.end - actual.valueSpan.start,
          text: replacement(context.document.text, actual, expected.value),
        }
      : undefined;
  context.report({ start: actual.valueSpan.start, end: actual.valueSpan.end, message, ...(fix ? { fix } : {}) });
}

// One lint run compares every file with the same config: what generate would write is worked out once.
const CANDIDATES = new WeakMap<LintableConfig, Index>();

/** What generate would write for every Omada entry of the config it can write. */
function candidatesOf(lintable: LintableConfig): Index {
  const cached = CANDIDATES.get(lintable);
  if (cached) return cached;
  const { config, targets } = usableTargets(lintable);
  const candidates = targets.flatMap((target): Candidate[] => {
    const attributes = notificationSettingsAttributes(config, target);
    return attributes.ok ? [{ target, expected: expectedAttributes(config, target, attributes.value) }] : [];
  });
  const index = indexOf(candidates);
  CANDIDATES.set(lintable, index);
  return index;
}

export const configDrift: Rule = {
  meta: {
    id: "config-drift",
    description:
      "notificationSettings values that differ from what smtpcfg generate writes for the matching Omada entry of the config (needs --config)",
    defaultSeverity: "error",
    fixable: true,
  },
  checkXml(context) {
    if (!context.config) return;
    const candidates = candidatesOf(context.config);
    if (candidates.all.length === 0) return;
    const advice = isGeneratedText(context.document.text)
      ? "The file was generated from an earlier config: run smtpcfg generate"
      : "Correct the file, or the config if the file is right";
    for (const credentials of settingsElements(context.document).credentials) {
      const network = networkOf(credentials);
      const { candidates: matched, byClientId } = matching(candidates, credentials);
      if (matched.length === 0) {
        reportUnmatched(context, credentials);
        continue;
      }
      // Several entries may send as one mailbox (prod and test): the one the file is closest to is meant.
      const scored = matched.map((candidate) => ({ candidate, drifts: driftsOf(candidate, network, credentials) }));
      const best = scored.reduce((a, b) => (b.drifts.length < a.drifts.length ? b : a));
      for (const drift of best.drifts) {
        // --fix writes a value only when every matching entry gives the same one.
        const agreed = matched.every(({ expected }) =>
          expected.some((other) => other.name === drift.expected.name && other.value === drift.expected.value),
        );
        report(context, drift, best.candidate, agreed, byClientId, advice);
      }
    }
  },
};

function reportUnmatched(context: XmlRuleContext, credentials: XmlElement): void {
  const value = (name: string) => attribute(credentials, name)?.value;
  const [tenantId, userName, clientId] = [value("tenantId"), value("userName"), value("clientId")];
  const keys = [
    ...(tenantId !== undefined && userName !== undefined
      ? [`none sends as ${quoteValue(userName)} in tenant ${quoteValue(tenantId)}`]
      : []),
    ...(clientId !== undefined ? [`no app has clientId ${quoteValue(clientId)}`] : []),
  ];
  if (keys.length === 0) return;
  context.report({
    start: credentials.nameSpan.start,
    end: credentials.nameSpan.end,
    severity: "warning",
    message: `azureAdClientCredentials matches no Omada entry of the config (${keys.join(", and ")}), so nothing is compared. Lint the file with the config that describes it, or add it to that config (smtpcfg import prints the entries)`,
  });
}
