import { cloudsOfHost, hostOf } from "../../clouds.js";
import { attribute } from "../../xml/document.js";
import { portNumber, quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";

const DOCUMENTED = "Exchange Online documents port 587 (with StartTls) for SMTP AUTH client submission";

/** Why a port other than 587 is worse, where there is more to say than that it is not documented. */
const WHY: Record<number, string> = {
  25: "port 25 is meant for mail between servers and is blocked outbound by many networks and cloud providers",
  465: "port 465 (TLS from the first byte) is not documented for Exchange Online client submission",
};

export const port: Rule = {
  meta: {
    id: "port",
    description: "A port other than 587, the one Exchange Online documents for client submission, or no port number at all",
    defaultSeverity: "warning",
    fixable: false,
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
      // A relay or test server listens where it likes; host-known says that it is not Exchange Online.
      const host = attribute(network, "host")?.value;
      const hostname = host === undefined ? undefined : hostOf(host.trim());
      if (hostname !== undefined && cloudsOfHost(hostname).length === 0) continue;
      const why = WHY[number] ?? `port ${number} is not where Exchange Online takes client submission`;
      context.report({ ...span, message: `port ${quoteValue(written.value)}: ${why}. ${DOCUMENTED}; use port="587"` });
    }
  },
};
