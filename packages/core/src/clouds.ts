/**
 * The Microsoft clouds and their endpoints (KNOWLEDGE.md §3). Values marked unverified come only
 * from third-party sources: they are defaults a user can override in `endpoints`, never truths
 * the tool enforces with an error.
 */
/** Office 365 Exchange Online's appId, the same in every cloud (verified, KNOWLEDGE.md §2): a token's `aud` may name the resource by it. */
export const EXCHANGE_ONLINE_APP_ID = "00000002-0000-0ff1-ce00-000000000000";

/** The tenant names of Entra's multi-tenant endpoints (lower case): client credentials need the tenant itself. */
export const MULTI_TENANT_ALIASES: ReadonlySet<string> = new Set(["common", "organizations", "consumers"]);

export type CloudName = "global" | "gcc" | "gcc-high" | "dod" | "china";

export interface Cloud {
  name: CloudName;
  authorityHost: string;
  /** Other authority hosts of the same cloud. */
  alternateAuthorityHosts: readonly string[];
  smtpHost: string;
  /** The Outlook resource; the client-credentials scope is this + "/.default". */
  outlookResource: string;
  /** Other hosts seen for this cloud's SMTP submission or Outlook resource: never verified (third-party sources only). */
  alternateHosts: readonly string[];
  exchangeEnvironmentName: string;
  graphEnvironment: string;
  /** Whether a Microsoft source gives the value (KNOWLEDGE.md §3); the alternate authority hosts share authorityHost's. */
  verified: { authorityHost: boolean; smtpHost: boolean; outlookResource: boolean };
}

const commercial = {
  authorityHost: "login.microsoftonline.com",
  alternateAuthorityHosts: [],
  smtpHost: "smtp.office365.com",
  outlookResource: "https://outlook.office365.com",
  alternateHosts: ["outlook.office.com", "smtp-legacy.office365.com"],
  exchangeEnvironmentName: "O365Default",
  graphEnvironment: "Global",
  verified: { authorityHost: true, smtpHost: true, outlookResource: true },
} as const;

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = {
  global: { name: "global", ...commercial },
  gcc: { name: "gcc", ...commercial },
  "gcc-high": {
    name: "gcc-high",
    authorityHost: "login.microsoftonline.us",
    alternateAuthorityHosts: [],
    smtpHost: "smtp.office365.us",
    outlookResource: "https://outlook.office365.us",
    alternateHosts: [],
    exchangeEnvironmentName: "O365USGovGCCHigh",
    graphEnvironment: "USGov",
    verified: { authorityHost: true, smtpHost: false, outlookResource: false },
  },
  dod: {
    name: "dod",
    authorityHost: "login.microsoftonline.us",
    alternateAuthorityHosts: [],
    smtpHost: "outlook-dod.office365.us",
    outlookResource: "https://outlook-dod.office365.us",
    alternateHosts: ["smtp.office365.us", "outlook.office365.us"],
    exchangeEnvironmentName: "O365USGovDoD",
    graphEnvironment: "USGovDoD",
    verified: { authorityHost: true, smtpHost: false, outlookResource: false },
  },
  china: {
    name: "china",
    authorityHost: "login.chinacloudapi.cn",
    alternateAuthorityHosts: ["login.partner.microsoftonline.cn"],
    smtpHost: "smtp.partner.outlook.cn",
    outlookResource: "https://partner.outlook.cn",
    alternateHosts: [],
    exchangeEnvironmentName: "O365China",
    graphEnvironment: "China",
    verified: { authorityHost: true, smtpHost: false, outlookResource: false },
  },
};

/** A cloud a host belongs to, and whether a Microsoft source says so. */
export interface HostPlacement {
  cloud: CloudName;
  verified: boolean;
}

/** Every host of a known cloud, with the clouds it belongs to in the order of CLOUDS. */
function hostPlacements(): Map<string, HostPlacement[]> {
  const table = new Map<string, HostPlacement[]>();
  for (const cloud of Object.values(CLOUDS)) {
    const hosts: [string, boolean][] = [
      [cloud.authorityHost, cloud.verified.authorityHost],
      ...cloud.alternateAuthorityHosts.map((alternate): [string, boolean] => [alternate, cloud.verified.authorityHost]),
      [cloud.smtpHost, cloud.verified.smtpHost],
      [new URL(cloud.outlookResource).host, cloud.verified.outlookResource],
      ...cloud.alternateHosts.map((alternate): [string, boolean] => [alternate, false]),
    ];
    for (const [host, verified] of hosts) {
      const placements = table.get(host) ?? [];
      const placed = placements.find((placement) => placement.cloud === cloud.name);
      if (placed) placed.verified ||= verified;
      else placements.push({ cloud: cloud.name, verified });
      table.set(host, placements);
    }
  }
  return table;
}

// Built on first use: rules ask about hosts several times per file, and parsing the resource URLs each time was a measured cost.
let placementTable: Map<string, HostPlacement[]> | undefined;

/** The clouds a host belongs to, once each; empty for hosts of no known cloud (a proxy, the emulator). */
export function placementsOfHost(host: string): HostPlacement[] {
  placementTable ??= hostPlacements();
  return (placementTable.get(host.toLowerCase()) ?? []).map((placement) => ({ ...placement }));
}

/** The clouds a host belongs to; empty for hosts of no known cloud (a proxy, the emulator). */
export function cloudsOfHost(host: string): CloudName[] {
  return placementsOfHost(host).map((placement) => placement.cloud);
}

const HOSTS = new Map<string, string | null>();
const HOSTS_KEPT = 256;

/** The host part of a URL or of a bare host name; undefined when it is neither. */
export function hostOf(value: string): string | undefined {
  // Parsing a URL is the costly part of several rules, and a folder of files repeats the same few
  // values: the answer depends on the value alone, so it is kept for a bounded number of values.
  const known = HOSTS.get(value);
  if (known !== undefined) return known ?? undefined;
  let host: string | undefined;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`).hostname || undefined;
  } catch {
    host = undefined;
  }
  if (HOSTS.size >= HOSTS_KEPT) HOSTS.clear();
  HOSTS.set(value, host ?? null);
  return host;
}
