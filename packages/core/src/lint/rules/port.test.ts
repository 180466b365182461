import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { entryAt, omadaConfig } from "../../../test/omada-config.js";
import { testRule } from "../../../test/rule-tester.js";
import { port } from "./port.js";

const DOCUMENTED = "Exchange Online documents port 587 (with StartTls) for SMTP AUTH client submission";

const portCase = (value: string, message: string | RegExp, others: Parameters<typeof xml>[0] = {}, severity?: "error") => {
  const text = xml({ ...others, port: value });
  return { config: text, findings: [{ ...valueAt(text, "port", value), message, ...(severity ? { severity } : {}) }] };
};

testRule(port, {
  kind: "xml",
  valid: [
    xml(),
    xml({ port: " 587 " }),
    xml({ instance: "https://login.microsoftonline.us", host: "smtp.office365.us", scopes: "https://outlook.office365.us/.default" }),
    // A relay or test server listens where it likes; host-known says it is not Exchange Online.
    xml({ host: "127.0.0.1", port: "2525" }),
    xml({ host: "relay.contoso.com", port: "25" }),
    // A missing port is required-attribute's.
    xml({ port: null }),
  ],
  invalid: [
    {
      name: "port 25",
      ...portCase(
        "25",
        `port "25": port 25 is meant for mail between servers and is blocked outbound by many networks and cloud providers. ${DOCUMENTED}; use port="587"`,
        { secureSocketOptions: "StartTls" },
      ),
    },
    {
      name: "port 465",
      ...portCase(
        "465",
        `port "465": port 465 (TLS from the first byte) is not documented for Exchange Online client submission. ${DOCUMENTED}; use port="587"`,
        { secureSocketOptions: "SslOnConnect" },
      ),
    },
    {
      name: "another port, with no host written",
      ...portCase("2587", `port "2587": port 2587 is not where Exchange Online takes client submission. ${DOCUMENTED}; use port="587"`, {
        host: null,
      }),
    },
    {
      name: "a port that is no number, as an error",
      ...portCase("587a", `port "587a" is not a port number (1 to 65535), so Omada cannot connect. ${DOCUMENTED}`, {}, "error"),
    },
    {
      name: "a port out of range, as an error",
      ...portCase("65536", /^port "65536" is not a port number \(1 to 65535\)/, { host: "relay.contoso.com" }, "error"),
    },
    {
      name: "an empty port, as an error",
      ...portCase("", `port is empty, so Omada cannot connect. ${DOCUMENTED}`, {}, "error"),
    },
  ],
});

// The config: the ports generate writes into notificationSettings and verify connects to.
const DOCUMENTED_YAML = "Exchange Online documents port 587 (with StartTls) for SMTP AUTH client submission; use 587";
testRule(port, {
  valid: [
    omadaConfig(["", "port: 587"]),
    // A relay or the emulator listens where it likes.
    omadaConfig(["port: 2587"], { endpoints: "{ smtpHost: 127.0.0.1 }" }),
    omadaConfig([""], { top: "{ smtpHost: relay.contoso.com, smtpPort: 25 }" }),
  ],
  invalid: [
    {
      name: "an Omada entry's port 25",
      config: omadaConfig(["port: 25"]),
      findings: [
        {
          ...entryAt(0, "port: 25", "port"),
          severity: "warning",
          message: `tenants[0].omada[0].port 25: port 25 is meant for mail between servers and is blocked outbound by many networks and cloud providers. ${DOCUMENTED_YAML}`,
        },
      ],
    },
    {
      name: "a top-level smtpPort that every tenant's clients use: one finding",
      config: omadaConfig(["", "secureSocketOptions: SslOnConnect"], { top: "{ smtpPort: 465 }" }),
      findings: [
        {
          line: 2,
          column: 24,
          severity: "warning",
          message: `endpoints.smtpPort 465: port 465 (TLS from the first byte) is not documented for Exchange Online client submission. ${DOCUMENTED_YAML}`,
        },
      ],
    },
  ],
});
