import { at, valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { entryAt, omadaConfig } from "../../../test/omada-config.js";
import { testRule } from "../../../test/rule-tester.js";
import { tlsMode } from "./tls-mode.js";

const STRIPPING =
  "an attacker on the network path who removes STARTTLS from the server's reply makes the client go on in plain text and send the OAuth bearer token in clear, and whoever captures the token can send mail as the mailbox until it expires";
const USE = 'Use secureSocketOptions="StartTls", which refuses to go on without TLS';
const MISSING = `network has no secureSocketOptions, so Omada uses StartTlsWhenAvailable: ${STRIPPING}. ${USE}`;

/** A file with only a network element, as for a relay that needs no sign-in. */
const relay = (attributes: string) => `<?xml version="1.0" encoding="utf-8"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML">
  <smtp>
    <network ${attributes} />
  </smtp>
</notificationSettings>
`;

/** The seed's layout: every attribute of network on a line of its own. */
const seedLayout = (extra = "") => `<?xml version="1.0" encoding="utf-8"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML">
<smtp>
<network
host="smtp.office365.com"
port="587"${extra}>
<azureAdClientCredentials instance="https://login.microsoftonline.com" clientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04" clientSecret="{{CLIENT_SECRET}}" tenantId="2487abfa-47fc-4f60-8af4-2b857b17432c" userName="omada-notify@contoso.com" scopes="https://outlook.office365.com/.default"/>
</network>
</smtp>
</notificationSettings>
`;

const mode = (value: string, message: string | RegExp, options: { port?: string; fixed?: string; severity?: "warning" } = {}) => {
  const text = xml({ secureSocketOptions: value, ...(options.port ? { port: options.port } : {}) });
  return {
    config: text,
    findings: [{ ...valueAt(text, "secureSocketOptions", value), message, ...(options.severity ? { severity: options.severity } : {}) }],
    ...(options.fixed === undefined
      ? {}
      : { output: xml({ secureSocketOptions: options.fixed, ...(options.port ? { port: options.port } : {}) }) }),
  };
};

testRule(tlsMode, {
  kind: "xml",
  valid: [
    xml(),
    xml({ port: "465", secureSocketOptions: "SslOnConnect" }),
    // Auto is SslOnConnect on port 465.
    xml({ port: "465", secureSocketOptions: "Auto" }),
    // Without client credentials there is no token to expose: a relay on port 25 may need no TLS.
    relay('host="relay.contoso.com" port="25" secureSocketOptions="None"'),
    relay('host="relay.contoso.com" port="25"'),
    // A misspelt attribute is unknown-attribute's, with its did-you-mean; it is not missing.
    xml({ secureSocketOptions: null }).replace('port="587"', 'port="587" secureSocketOption="StartTls"'),
    // A start tag that breaks off (here at an attribute without a value) is xml-syntax's: what follows the break is unread.
    xml({ secureSocketOptions: null }).replace('port="587"', 'port="587" enableSsl'),
  ],
  invalid: [
    {
      name: "no secureSocketOptions on port 587, repaired by --fix",
      config: xml({ secureSocketOptions: null }),
      findings: [{ ...at(xml(), "<network", 1), severity: "warning", message: MISSING }],
      output: xml(),
    },
    {
      name: "no secureSocketOptions in the seed's layout, added on a line of its own",
      config: seedLayout(),
      findings: [{ line: 4, column: 2, severity: "warning", message: MISSING }],
      output: seedLayout('\nsecureSocketOptions="StartTls"'),
    },
    {
      name: "no secureSocketOptions on another port: reported, but --fix cannot know the mode",
      config: xml({ secureSocketOptions: null, port: "2525" }),
      findings: [{ ...at(xml(), "<network", 1), severity: "warning", message: MISSING }],
    },
    {
      name: "StartTlsWhenAvailable, repaired by --fix",
      ...mode(
        "StartTlsWhenAvailable",
        `secureSocketOptions "StartTlsWhenAvailable" goes on in plain text when the server does not offer STARTTLS: ${STRIPPING}. ${USE}`,
        { fixed: "StartTls", severity: "warning" },
      ),
    },
    {
      name: "Auto on port 587, which is StartTlsWhenAvailable",
      ...mode("Auto", /^secureSocketOptions "Auto" means StartTlsWhenAvailable on port 587, which goes on in plain text/, {
        fixed: "StartTls",
        severity: "warning",
      }),
    },
    {
      name: "None with OAuth",
      ...mode(
        "None",
        'secureSocketOptions "None" sends the OAuth bearer token in clear: anyone on the network path can capture it and send mail as the mailbox until it expires (and Exchange Online answers 530 5.7.57 to AUTH without TLS). Use StartTls on port 587',
      ),
    },
    {
      name: "SslOnConnect on port 587, repaired by --fix",
      ...mode(
        "SslOnConnect",
        'secureSocketOptions "SslOnConnect" starts TLS as soon as it connects, but port 587 speaks plain text first and upgrades with STARTTLS: the TLS handshake fails. Use StartTls on port 587 (SslOnConnect belongs to port 465)',
        { fixed: "StartTls" },
      ),
    },
    {
      name: "StartTls on port 465",
      ...mode(
        "StartTls",
        'secureSocketOptions "StartTls" waits for a plain-text greeting, but port 465 expects TLS from the first byte: the connection hangs until it times out. Use SslOnConnect on port 465, or better port 587 with StartTls',
        { port: "465" },
      ),
    },
    {
      name: "StartTlsWhenAvailable on port 465: the port mismatch, not the fallback",
      ...mode("StartTlsWhenAvailable", /^secureSocketOptions "StartTlsWhenAvailable" waits for a plain-text greeting, but port 465/, {
        port: "465",
      }),
    },
    {
      name: "a mode in the wrong case, repaired by --fix",
      ...mode(
        "StartTLS",
        'secureSocketOptions "StartTLS" is not one of None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit\'s SecureSocketOptions, written exactly so), so Omada cannot read it; did you mean "StartTls"?',
        { fixed: "StartTls" },
      ),
    },
    {
      name: "a misspelt mode, with a did-you-mean",
      ...mode("StartTlsWhenAvaliable", /so Omada cannot read it; did you mean "StartTlsWhenAvailable"\?$/),
    },
    {
      name: "a mode that is no mode at all",
      ...mode(
        "true",
        /^secureSocketOptions "true" is not one of None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable \(MailKit's SecureSocketOptions, written exactly so\), so Omada cannot read it$/,
      ),
    },
    {
      name: "SslOnConnect on port 587 without OAuth: the port still decides",
      config: relay('host="relay.contoso.com" port="587" secureSocketOptions="SslOnConnect"'),
      findings: [{ line: 4, column: 71, message: /^secureSocketOptions "SslOnConnect" starts TLS as soon as it connects/ }],
      output: relay('host="relay.contoso.com" port="587" secureSocketOptions="StartTls"'),
    },
  ],
});

// The config's Omada entries: generate writes their secureSocketOptions (StartTls by default) and port (587) as they are.
const CLEAR = "Use StartTls on port 587";
testRule(tlsMode, {
  valid: [
    omadaConfig([""]),
    omadaConfig([
      "secureSocketOptions: StartTls",
      "secureSocketOptions: StartTls, port: 587",
      "secureSocketOptions: SslOnConnect, port: 465",
    ]),
    omadaConfig(["secureSocketOptions: Auto, port: 465"]),
    // Ports that are not 465 or 587 are port's to judge; StartTls refuses to go on without TLS on any of them.
    omadaConfig(["port: 2587"], { endpoints: "{ smtpHost: 127.0.0.1 }" }),
    // A port the schema rejects is the schema's: the default port is not judged in its place.
    omadaConfig(["secureSocketOptions: SslOnConnect, port: 0"]),
  ],
  invalid: [
    {
      name: "None sends the token in clear",
      config: omadaConfig(["secureSocketOptions: None"]),
      findings: [
        {
          ...entryAt(0, "secureSocketOptions: None", "secureSocketOptions"),
          message: new RegExp(
            `^tenants\\[0\\]\\.omada\\[0\\]\\.secureSocketOptions "None" sends the OAuth bearer token in clear: .*${CLEAR}$`,
          ),
        },
      ],
    },
    {
      name: "SslOnConnect on the default port, 587",
      config: omadaConfig(["secureSocketOptions: SslOnConnect"]),
      findings: [
        {
          ...entryAt(0, "secureSocketOptions: SslOnConnect", "secureSocketOptions"),
          message:
            /^tenants\[0\]\.omada\[0\]\.secureSocketOptions "SslOnConnect" starts TLS as soon as it connects, but port 587 speaks plain text first/,
        },
      ],
    },
    {
      name: "the default StartTls on port 465: the port is reported",
      config: omadaConfig(["port: 465"]),
      findings: [
        {
          ...entryAt(0, "port: 465", "port"),
          message:
            /^tenants\[0\]\.omada\[0\]\.port 465 with the default secureSocketOptions "StartTls" waits for a plain-text greeting, but port 465 expects TLS/,
        },
      ],
    },
    {
      name: "StartTls on port 465 from the tenant's endpoints: the mode is reported",
      config: omadaConfig(["secureSocketOptions: StartTls"], { endpoints: "{ smtpPort: 465 }" }),
      findings: [
        { ...entryAt(0, "secureSocketOptions: StartTls", "secureSocketOptions"), message: /"StartTls" waits for a plain-text greeting/ },
      ],
    },
    {
      name: "StartTlsWhenAvailable, and Auto on a port other than 465: warnings, in the config's own syntax",
      config: omadaConfig(["secureSocketOptions: StartTlsWhenAvailable", "secureSocketOptions: Auto"]),
      findings: [
        {
          ...entryAt(0, "secureSocketOptions: StartTlsWhenAvailable", "secureSocketOptions"),
          severity: "warning",
          message: `tenants[0].omada[0].secureSocketOptions "StartTlsWhenAvailable" goes on in plain text when the server does not offer STARTTLS: ${STRIPPING}. Use secureSocketOptions: StartTls, which refuses to go on without TLS`,
        },
        {
          ...entryAt(1, "secureSocketOptions: Auto", "secureSocketOptions"),
          severity: "warning",
          message:
            /^tenants\[0\]\.omada\[1\]\.secureSocketOptions "Auto" means StartTlsWhenAvailable on port 587, which goes on in plain text/,
        },
      ],
    },
  ],
});
