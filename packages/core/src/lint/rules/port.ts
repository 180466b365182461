import { CLOUDS, cloudsOfHost, hostOf } from "../../clouds.js";
import { displayPath } from "../../config/data-path.js";
import { endpointOverride } from "../../config/endpoint-override.js";
import type { LintableConfig, LintableTenant } from "../../config/lintable.js";
import { endpointsPort, omadaPort, portPaths, type SmtpPort } from "../../config/smtp-port.js";
import { itemsOf, type Located, tenantsOf } from "../../config/walk.js";
import { attribute } from "../../xml/document.js";
import { portNumber, quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";

const DOCUMENTED = "Exchange Online documents port 587 (with StartTls) for SMTP AUTH client submission";

/** Why a port other than 587 is worse, where there is more to say than that it is not documented. */
const WHY: Record<number, string> = {
  25: "port 25 is meant for mail between servers and is blocked outbound by many networks and cloud providers",
  465: "port 465 (TLS from the first byte) is not documented for Exchange Online client submission",
};

/** Whether a host is known to be no cloud's: a relay or a test server listens where it likes (host-known says that it is not Exchange Online). */
function relay(host: string): boolean {
  const hostname = hostOf(host.trim());
  return hostname !== undefined && cloudsOfHost(hostname).length === 0;
}

/** The SMTP host a tenant's clients connect to: its endpoints' smtpHost, the top-level one, or its cloud's. */
function smtpHostOf(config: LintableConfig, tenant: LintableTenant): string {
  return endpointOverride(config, tenant, "smtpHost")?.value ?? CLOUDS[tenant.cloud ?? "global"].smtpHost;
}

/** Why a port other than 587 is worse than 587, for a finding. */
const why = (number: number) => WHY[number] ?? `port ${number} is not where Exchange Online takes client submission`;

export const port: Rule = {
  meta: {
    id: "port",
    description: "A port other than 587, the one Exchange Online documents for client submission, or no port number at all",
    defaultSeverity: "warning",
    fixable: false,
  },
  checkConfig(context) {
    const { config } = context;
    // Each port as written, once: a top-level smtpPort serves every tenant, and verify and the Omada entries alike.
    const written = new Map<string, Required<SmtpPort>>();
    const consider = (tenant: Located<LintableTenant>, { port, path }: SmtpPort) => {
      if (path !== undefined && port !== 587 && !relay(smtpHostOf(config, tenant.value))) written.set(displayPath(path), { port, path });
    };
    for (const tenant of tenantsOf(config)) {
      if (!context.rejected([...tenant.path, "endpoints", "smtpPort"])) consider(tenant, endpointsPort(config, tenant));
    }
    for (const omada of itemsOf(config, "omada")) {
      if (!portPaths(omada).some((path) => context.rejected(path))) consider(omada.tenant, omadaPort(config, omada));
    }
    for (const { port, path } of written.values()) {
      context.report({ path, message: `${port}: ${why(port)}. ${DOCUMENTED}; use 587` });
    }
  },
  checkXml(context) {
    for (const network of settingsElements(context.document).networks) {
      const written = attribute(network, "port");
      if (!written) continue;
      const span = written.valueSpan;
      const number = portNumber(written.value);
      if (number === undefined) {
        const subject =
          written.value.trim() === "" ? "port is empty" : `port ${quoteValue(written.value)} is not a port number (1 to 65535)`;
        context.report({ ...span, severity: "error", message: `${subject}, so Omada cannot connect. ${DOCUMENTED}` });
        continue;
      }
      if (number === 587) continue;
      const host = attribute(network, "host")?.value;
      if (host !== undefined && relay(host)) continue;
      context.report({ ...span, message: `port ${quoteValue(written.value)}: ${why(number)}. ${DOCUMENTED}; use port="587"` });
    }
  },
};
