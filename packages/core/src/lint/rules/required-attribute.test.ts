import { testRule } from "../../../test/rule-tester.js";
import { CREDENTIALS, NS, settingsXml } from "../../../test/xml-samples.js";
import { requiredAttribute } from "./required-attribute.js";

const credentials = (...attributes: string[]) => settingsXml({ credentials: `<azureAdClientCredentials ${attributes.join(" ")} />` });
const without = (...names: string[]) =>
  credentials(...CREDENTIALS.filter((attribute) => !names.some((name) => attribute.startsWith(`${name}=`))));
const WHY = "the client credentials flow needs the app, its secret, the tenant and the scope to get a token, and the mailbox to send as";

testRule(requiredAttribute, {
  kind: "xml",
  valid: [
    settingsXml(),
    // instance is optional.
    without("instance"),
    // A misspelt attribute stands for the one it misspells: unknown-attribute reports it.
    credentials(...CREDENTIALS.map((attribute) => attribute.replace("clientId=", "clientID="))),
    // Attributes written as text after the tag count as written: attributes-as-text reports them.
    settingsXml({ credentials: `<azureAdClientCredentials>\n        ${CREDENTIALS.join("\n        ")}\n      />` }),
    // A network without client credentials (a relay) needs no credentials.
    `<notificationSettings xmlns="${NS}"><smtp><network host="relay.contoso.com" port="25"/></smtp></notificationSettings>`,
    // A start tag that breaks off is xml-syntax's.
    settingsXml({ network: 'host="smtp.office365.com" port=587' }),
  ],
  invalid: [
    {
      name: "a network without a port",
      config: settingsXml({ network: 'host="smtp.office365.com" secureSocketOptions="StartTls"' }),
      findings: [
        {
          line: 4,
          column: 6,
          message:
            '<network> lacks port: Omada needs both to reach the SMTP server; add it (port: the submission port, "587" for Exchange Online)',
        },
      ],
    },
    {
      name: "a network with neither",
      config: settingsXml({ network: 'secureSocketOptions="StartTls"' }),
      findings: [
        {
          line: 4,
          column: 6,
          message:
            /^<network> lacks host and port: Omada needs both to reach the SMTP server; add them \(host: the SMTP server, "smtp.office365.com" for Exchange Online; port: /,
        },
      ],
    },
    {
      name: "client credentials without a secret",
      config: without("clientSecret"),
      findings: [
        {
          line: 5,
          column: 8,
          message: `<azureAdClientCredentials> lacks clientSecret: ${WHY}; add it (clientSecret: the client secret's Value, shown once when the secret is created)`,
        },
      ],
    },
    {
      name: "client credentials with only an instance",
      config: credentials('instance="https://login.microsoftonline.com"'),
      findings: [
        { line: 5, column: 8, message: /^<azureAdClientCredentials> lacks clientId, clientSecret, tenantId, userName and scopes: / },
      ],
    },
  ],
});
