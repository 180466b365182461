import { CLOUDS, type CloudName, cloudsOfHost } from "../../clouds.js";
import { type DataPath, displayPath } from "../../config/data-path.js";
import { endpointOverride } from "../../config/endpoint-override.js";
import { tenantsOf } from "../../config/walk.js";
import { didYouMean } from "../../text/did-you-mean.js";
import { listOr, quote } from "../../text/quote.js";
import { attribute } from "../../xml/document.js";
import { cloudsOfSetup, credentialsOf, quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";

/**
 * The SMTP submission hosts of a cloud: its own, and where Microsoft gives none, the others that
 * third-party sources name (they disagree, so none of them is reported). Which cloud a host
 * belongs to is cloud-consistency's to judge.
 */
function submissionHosts(cloud: CloudName): string[] {
  const { smtpHost, alternateHosts, verified } = CLOUDS[cloud];
  return verified.smtpHost ? [smtpHost] : [smtpHost, ...alternateHosts];
}

const KNOWN = new Set((Object.keys(CLOUDS) as CloudName[]).flatMap(submissionHosts));

/** Hosts people write that are Microsoft's but not for this, and what they are for. */
const EXPLAINED: { matches(host: string): boolean; what: string }[] = [
  {
    matches: (host) => host === "smtp-mail.outlook.com",
    what: "is the SMTP host for consumer Outlook.com and Hotmail accounts, not for Exchange Online work mailboxes",
  },
  {
    matches: (host) => host === "smtp-legacy.office365.com",
    what: "is Exchange Online's legacy endpoint, kept for old clients that cannot use TLS 1.2; Omada's mail client can, and new setups belong on the documented host",
  },
  {
    matches: (host) => host === "outlook.office365.com" || host === "outlook.office.com",
    what: "is the Outlook web, IMAP and POP host (and the resource the token is for), not the host Microsoft documents for SMTP submission",
  },
  {
    matches: (host) => host.endsWith(".mail.protection.outlook.com"),
    what: "is the tenant's MX endpoint, for direct send and connector relay on port 25: it takes no SMTP AUTH, so the OAuth token is never used",
  },
  {
    matches: (host) => cloudsOfHost(host).length > 0 && host.startsWith("login."),
    what: "is the token authority (login) host, not an SMTP host: it belongs in instance",
  },
];

/** The documented host for the clouds the authority points to, or the global one when it points nowhere known. */
function expectedHost(clouds: CloudName[] | undefined): string {
  if (clouds === undefined || clouds.length === 0) return `${CLOUDS.global.smtpHost} (in the global cloud)`;
  const byHost = new Map<string, CloudName>();
  for (const cloud of clouds) if (!byHost.has(CLOUDS[cloud].smtpHost)) byHost.set(CLOUDS[cloud].smtpHost, cloud);
  if (byHost.size === 1) return [...byHost.keys()][0] as string;
  return listOr([...byHost].map(([host, cloud]) => `${host} (${cloud})`));
}

/** What a host that is Microsoft's but not for SMTP submission is for, or undefined. */
function explained(host: string): string | undefined {
  return EXPLAINED.find((candidate) => candidate.matches(host))?.what;
}

/** A host as compared: trimmed, lower-case, without a final dot. */
const comparable = (host: string) => host.trim().toLowerCase().replace(/\.$/, "");

export const hostKnown: Rule = {
  meta: {
    id: "host-known",
    description: "An SMTP host that is not a known Exchange Online submission host, such as consumer Outlook.com or the legacy endpoint",
    defaultSeverity: "warning",
    fixable: false,
  },
  checkConfig(context) {
    // endpoints.smtpHost is there for the emulator and relays, which any host may be: only Microsoft's hosts for something else are reported.
    // Each host as written, with the clouds of the tenants that send to it: a top-level one serves every tenant without its own.
    const written = new Map<string, { path: DataPath; host: string; clouds: CloudName[] }>();
    for (const { value: tenant, path } of tenantsOf(context.config)) {
      const given = endpointOverride(context.config, tenant, "smtpHost");
      if (given === undefined) continue;
      const where: DataPath = given.own ? [...path, "endpoints", "smtpHost"] : ["endpoints", "smtpHost"];
      const entry = written.get(displayPath(where)) ?? { path: where, host: given.value, clouds: [] };
      entry.clouds.push(tenant.cloud ?? "global");
      written.set(displayPath(where), entry);
    }
    for (const { host, path, clouds } of written.values()) {
      const what = explained(comparable(host));
      if (what === undefined) continue;
      context.report({
        path,
        message: `${quote(host)} ${what}. Exchange Online takes SMTP AUTH submission on ${expectedHost([...new Set(clouds)])}`,
      });
    }
  },
  checkXml(context) {
    for (const network of settingsElements(context.document).networks) {
      const host = attribute(network, "host");
      // A missing host is required-attribute's.
      if (!host) continue;
      const written = comparable(host.value);
      if (KNOWN.has(written)) continue;
      const expected = `Exchange Online takes SMTP AUTH submission on ${expectedHost(cloudsOfSetup(credentialsOf(network), undefined))}`;
      const subject = `host ${quoteValue(host.value)}`;
      if (written === "") {
        context.report({ ...host.valueSpan, severity: "error", message: `host is empty, so Omada has nowhere to send mail. ${expected}` });
        continue;
      }
      let message: string;
      if (/[/:]/.test(written)) {
        message = `${subject} is not a bare host name: write the port in port and only the host name here. ${expected}`;
      } else {
        const what = explained(written);
        message = what
          ? `${subject} ${what}. ${expected}`
          : `${subject} is not a known Exchange Online submission host${didYouMean(written, KNOWN) || "."} ${expected}; if this is a relay or a test server on purpose, suppress this finding`;
      }
      context.report({ ...host.valueSpan, message });
    }
  },
};
