import { testRule } from "../../../test/rule-tester.js";
import { CREDENTIALS, NS, settingsXml } from "../../../test/xml-samples.js";
import { attributesAsText } from "./attributes-as-text.js";

const lines = CREDENTIALS.map((attribute) => `        ${attribute}`).join("\n");
const ALL = "instance, clientId, clientSecret, tenantId, userName and scopes";
const SEEN = `come after the ">" that ends the start tag <azureAdClientCredentials>, so XML reads them as text and Omada never sees them`;

testRule(attributesAsText, {
  kind: "xml",
  valid: [
    settingsXml(),
    settingsXml({ credentials: `<azureAdClientCredentials\n${lines}>\n      </azureAdClientCredentials>` }),
    // Text that is not attributes is not this mistake.
    `<notificationSettings xmlns="${NS}"><smtp>see the guide = "chapter 3"</smtp></notificationSettings>`,
  ],
  invalid: [
    {
      name: 'the seed\'s shape: the start tag closed, then the attributes, then a stray "/>"',
      config: settingsXml({ credentials: `<azureAdClientCredentials>\n${lines}\n      />` }),
      findings: [
        {
          line: 5,
          column: 32,
          message: `${ALL} ${SEEN}; remove that ">", so that they are inside the tag and the "/>" after them (now text too) closes it`,
        },
      ],
      output: settingsXml({ credentials: `<azureAdClientCredentials\n${lines}\n      />` }),
    },
    {
      name: 'the seed\'s shape on one line, with nothing between the ">" and the first attribute',
      config: settingsXml({ credentials: `<azureAdClientCredentials>${CREDENTIALS.join(" ")} />` }),
      findings: [
        {
          line: 5,
          column: 32,
          message: `${ALL} ${SEEN}; move them into the start tag and write the element as <azureAdClientCredentials … />`,
        },
      ],
      output: settingsXml({ credentials: `<azureAdClientCredentials ${CREDENTIALS.join(" ")} />` }),
    },
    {
      name: "the attributes glued to the start tag's > and followed by the end tag",
      config: settingsXml({ credentials: `<azureAdClientCredentials>${CREDENTIALS.join(" ")}</azureAdClientCredentials>` }),
      findings: [
        {
          line: 5,
          column: 32,
          message: `${ALL} ${SEEN}; move them into the start tag and write the element as <azureAdClientCredentials … />`,
        },
      ],
      output: settingsXml({ credentials: `<azureAdClientCredentials ${CREDENTIALS.join(" ")}/>` }),
    },
    {
      name: "the attributes between the start tag and the end tag",
      config: settingsXml({ credentials: `<azureAdClientCredentials>\n${lines}\n      </azureAdClientCredentials>` }),
      findings: [
        {
          line: 5,
          column: 32,
          message: `${ALL} ${SEEN}; move them into the start tag and write the element as <azureAdClientCredentials … />`,
        },
      ],
      output: settingsXml({ credentials: `<azureAdClientCredentials\n${lines}/>` }),
    },
    {
      name: 'the start tag closed early, then its real ">"',
      config: settingsXml({ network: '>\n      host="smtp.office365.com" port="587" secureSocketOptions="StartTls"' }),
      findings: [
        {
          line: 4,
          column: 14,
          message:
            'host, port and secureSocketOptions come after the ">" that ends the start tag <network>, so XML reads them as text and Omada never sees them; remove that ">", so that they are inside the tag',
        },
      ],
      output: settingsXml({ network: '\n      host="smtp.office365.com" port="587" secureSocketOptions="StartTls"' }),
    },
    {
      name: "one attribute, in the singular",
      config: `<notificationSettings xmlns="${NS}"><smtp><network> host="smtp.office365.com" </network></smtp></notificationSettings>`,
      findings: [
        {
          line: 1,
          column: 102,
          message:
            'host comes after the ">" that ends the start tag <network>, so XML reads it as text and Omada never sees it; move it into the start tag and write the element as <network … />',
        },
      ],
      output: `<notificationSettings xmlns="${NS}"><smtp><network host="smtp.office365.com"/></smtp></notificationSettings>`,
    },
  ],
});
