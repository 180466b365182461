import { testRule } from "../../../test/rule-tester.js";
import { NS, settingsXml } from "../../../test/xml-samples.js";
import { unknownElement } from "./unknown-element.js";

const partial = (name: string) =>
  `Omada ignores or rejects what its schema does not define. smtpcfg's list holds only what Omada's documentation names (the schema is not public): if Omada documents <${name}>, suppress this warning`;
const inSmtp = (inner: string) => `<notificationSettings xmlns="${NS}">\n  <smtp>\n    ${inner}\n  </smtp>\n</notificationSettings>\n`;

testRule(unknownElement, {
  kind: "xml",
  valid: [
    settingsXml(),
    // Another vocabulary's elements, in their own namespace.
    inSmtp('<x:note xmlns:x="urn:example"><x:any/></x:note>'),
    // The root is root-namespace's, and inside another root nothing is judged.
    "<configuration><system.net><mailSettings/></system.net></configuration>",
  ],
  invalid: [
    {
      name: "a misspelt element, with the right one",
      config: inSmtp('<netwrok host="smtp.office365.com" port="587"/>'),
      findings: [
        {
          line: 3,
          column: 6,
          message: `<netwrok> is not an element smtpcfg knows inside <smtp>; did you mean <network>? ${partial("netwrok")}`,
        },
      ],
    },
    {
      name: "an element in another case",
      config: inSmtp('<Network host="smtp.office365.com" port="587"/>'),
      findings: [
        {
          line: 3,
          column: 6,
          message: "<Network> is not <network>: XML names are case-sensitive, so Omada does not read it; write <network>",
        },
      ],
    },
    {
      name: "an attribute written as an element",
      config: inSmtp('<network port="587"><host>smtp.office365.com</host></network>'),
      findings: [
        {
          line: 3,
          column: 26,
          message:
            '<host> is not an element inside <network>: host is an attribute of <network>, so Omada does not read it from an element; write <network host="…">',
        },
      ],
    },
    {
      name: "an element smtpcfg does not know, once, not for what is inside it",
      config: inSmtp("<retry><count>3</count></retry>"),
      findings: [
        {
          line: 3,
          column: 6,
          message: `<retry> is not an element smtpcfg knows inside <smtp>: ${partial("retry")}`,
        },
      ],
    },
    {
      name: "a known element in the wrong place",
      config: inSmtp('<azureAdClientCredentials clientId="x"/>'),
      findings: [
        {
          line: 3,
          column: 6,
          message: "<azureAdClientCredentials> belongs inside <network>, not inside <smtp>: Omada looks for it only there; move it",
        },
      ],
    },
    {
      name: "an unprefixed element inside a prefixed root, once",
      config: `<o:notificationSettings xmlns:o="${NS}">\n  <smtp>\n    <network host="smtp.office365.com" port="587"/>\n  </smtp>\n</o:notificationSettings>\n`,
      findings: [
        {
          line: 2,
          column: 4,
          message: `<smtp> is in no namespace: a prefix on <o:notificationSettings> does not carry over to the elements inside it, so this is not the element Omada looks for; write <o:smtp>, or declare xmlns="${NS}" on the root and drop the prefixes`,
        },
      ],
    },
    {
      name: 'an element taken out of Omada\'s namespace by its own xmlns="", once',
      config: inSmtp('<network xmlns="" host="smtp.office365.com" port="587"><azureAdClientCredentials/></network>'),
      findings: [
        {
          line: 3,
          column: 6,
          message:
            '<network> is in no namespace: its xmlns="" takes it out of the namespace of the elements around it (some tools write it when they add an element to a document), so this is not the element Omada looks for; remove xmlns=""',
        },
      ],
    },
    {
      name: "an element of Omada's vocabulary in another namespace",
      config: `<o:notificationSettings xmlns:o="${NS}" xmlns="urn:example">\n  <smtp>\n    <o:network host="smtp.office365.com" port="587"/>\n  </smtp>\n</o:notificationSettings>\n`,
      findings: [
        {
          line: 2,
          column: 4,
          message: `<smtp> is in the namespace "urn:example", not in "${NS}" like the elements around it, so this is not the element Omada looks for; write it in Omada's namespace`,
        },
      ],
    },
    {
      name: "the root element nested",
      config: inSmtp("<notificationSettings/>"),
      findings: [
        {
          line: 3,
          column: 6,
          message:
            "<notificationSettings> is the root element and belongs nowhere else, not inside <smtp>: Omada looks for it only there; move it",
        },
      ],
    },
  ],
});
