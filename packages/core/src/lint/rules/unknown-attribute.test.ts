import { testRule } from "../../../test/rule-tester.js";
import { CREDENTIALS, NS, settingsXml } from "../../../test/xml-samples.js";
import { unknownAttribute } from "./unknown-attribute.js";

const credentials = (...replace: [string, string][]) => {
  let attributes = CREDENTIALS.join(" ");
  for (const [from, to] of replace) attributes = attributes.replace(from, to);
  return settingsXml({ credentials: `<azureAdClientCredentials ${attributes} />` });
};

testRule(unknownAttribute, {
  kind: "xml",
  valid: [
    settingsXml(),
    settingsXml({
      root: `notificationSettings xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${NS} NotificationSettingsML.xsd"`,
    }),
    settingsXml({ network: 'host="smtp.office365.com" port="587" xml:lang="en"' }),
    // A prefix of another namespace, even on a name Omada reads without one.
    settingsXml({
      root: `notificationSettings xmlns="${NS}" xmlns:x="urn:example"`,
      network: 'host="smtp.office365.com" port="587" x:port="25"',
    }),
    // Attributes of unknown elements are left to unknown-element.
    `<notificationSettings xmlns="${NS}"><smtp><retry count="3"/></smtp></notificationSettings>`,
  ],
  invalid: [
    {
      name: "clientID beside clientId: untidy, but nothing is lost",
      config: credentials(["clientId=", 'clientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04" clientID=']),
      findings: [
        {
          line: 5,
          column: 126,
          message:
            "attribute clientID on <azureAdClientCredentials> is not clientId: XML names are case-sensitive, so Omada does not read it; write clientId",
        },
      ],
    },
    {
      name: "clientID, in another case",
      config: credentials(["clientId=", "clientID="]),
      findings: [
        {
          line: 5,
          column: 78,
          message:
            "attribute clientID on <azureAdClientCredentials> is not clientId: XML names are case-sensitive, so Omada does not read it, and the element has no clientId; write clientId",
          severity: "error",
        },
      ],
    },
    {
      name: "tenantID and username, each",
      config: credentials(["tenantId=", "tenantID="], ["userName=", "username="]),
      findings: [
        { line: 5, column: 164, message: /^attribute tenantID on <azureAdClientCredentials> is not tenantId/, severity: "error" },
        { line: 5, column: 212, message: /^attribute username on <azureAdClientCredentials> is not userName/, severity: "error" },
      ],
    },
    {
      name: "a setting written with the prefix of Omada's namespace, which Omada does not read",
      config: settingsXml({
        root: `notificationSettings xmlns="${NS}" xmlns:o="${NS}"`,
        network: 'host="smtp.office365.com" o:port="587" secureSocketOptions="StartTls"',
      }),
      findings: [
        {
          line: 4,
          column: 40,
          message:
            "attribute o:port on <network> is not port: a prefix puts an attribute in the prefix's namespace, even Omada's, and Omada reads its settings from attributes without one, so it does not read this one, and the element has no port; write port",
          severity: "error",
        },
      ],
    },
    {
      name: "secureSocketOption, one letter short",
      config: settingsXml({ network: 'host="smtp.office365.com" port="587" secureSocketOption="StartTls"' }),
      findings: [
        {
          line: 4,
          column: 51,
          message:
            "attribute secureSocketOption is not one Omada is known to read on <network> (smtpcfg knows host, port and secureSocketOptions; the list is partial, as Omada's schema is not public); did you mean secureSocketOptions? Without it, <network> has no secureSocketOptions",
          severity: "error",
        },
      ],
    },
    {
      name: "an attribute of another element",
      config: settingsXml({
        network: 'host="smtp.office365.com" port="587" secureSocketOptions="StartTls" userName="omada-notify@contoso.com"',
      }),
      findings: [
        {
          line: 4,
          column: 82,
          message: "attribute userName belongs on <azureAdClientCredentials>, not on <network>: Omada reads it only there; move it",
        },
      ],
    },
    {
      name: "an attribute smtpcfg does not know, without a suggestion",
      config: settingsXml({ network: 'host="smtp.office365.com" port="587" secureSocketOptions="StartTls" timeout="30"' }),
      findings: [
        {
          line: 4,
          column: 82,
          message:
            "attribute timeout is not one Omada is known to read on <network> (smtpcfg knows host, port and secureSocketOptions; the list is partial, as Omada's schema is not public)",
        },
      ],
    },
    {
      name: "an attribute on an element that has none",
      config: settingsXml({ root: `notificationSettings xmlns="${NS}" version="2"` }),
      findings: [
        {
          line: 2,
          column: 88,
          message:
            /^attribute version is not one Omada is known to read on <notificationSettings> \(smtpcfg knows none on <notificationSettings>;/,
        },
      ],
    },
    {
      name: "a misspelt attribute written as text after the tag",
      config: settingsXml({
        credentials: `<azureAdClientCredentials>\n        ${CREDENTIALS.join(" ").replace("clientId=", "clientID=")}\n      />`,
      }),
      findings: [{ line: 6, column: 54, message: /^attribute clientID on <azureAdClientCredentials> is not clientId/, severity: "error" }],
    },
  ],
});
