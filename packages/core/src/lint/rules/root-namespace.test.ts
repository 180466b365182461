import { testRule } from "../../../test/rule-tester.js";
import { NS, settingsXml } from "../../../test/xml-samples.js";
import { rootNamespace } from "./root-namespace.js";

const SCHEMA =
  "Omada's schema (NotificationSettingsML.xsd) defines its elements in that namespace, so without it they are not the elements Omada looks for";

testRule(rootNamespace, {
  kind: "xml",
  valid: [
    settingsXml(),
    settingsXml({ root: `notificationSettings xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` }),
    `<o:notificationSettings xmlns:o="${NS}"><o:smtp/></o:notificationSettings>`,
    // No root at all is xml-syntax's finding.
    "",
  ],
  invalid: [
    {
      name: "a missing namespace, added by the fix",
      config: settingsXml({ root: "notificationSettings" }),
      findings: [
        { line: 2, column: 2, message: `<notificationSettings> has no namespace: Omada expects xmlns="${NS}", and ${SCHEMA}; add it` },
      ],
      output: settingsXml(),
    },
    {
      name: "an empty namespace, filled in by the fix",
      config: settingsXml({ root: 'notificationSettings xmlns=""' }),
      findings: [
        {
          line: 2,
          column: 23,
          message: `<notificationSettings> has an empty namespace: Omada expects xmlns="${NS}", and ${SCHEMA}; write it`,
        },
      ],
      output: settingsXml(),
    },
    {
      name: "another namespace, at its value",
      config: settingsXml({ root: 'notificationSettings xmlns="https://schemas.omada.net/ois/2022/NotificationSettingsML"' }),
      findings: [
        {
          line: 2,
          column: 30,
          message: `<notificationSettings> is in the namespace "https://schemas.omada.net/ois/2022/NotificationSettingsML", not "${NS}": ${SCHEMA}; write xmlns="${NS}"`,
        },
      ],
    },
    {
      name: "a prefixed root in another namespace",
      config: '<o:notificationSettings xmlns:o="urn:other"><o:smtp/></o:notificationSettings>',
      findings: [{ line: 1, column: 34, message: /^<o:notificationSettings> is in the namespace "urn:other", not .*; write xmlns:o=/ }],
    },
    {
      name: "a root in another case",
      config: settingsXml({ root: `NotificationSettings xmlns="${NS}"` }),
      findings: [
        {
          line: 2,
          column: 2,
          message: `the root element is <NotificationSettings>: Omada reads its notification settings only from a <notificationSettings xmlns="${NS}"> document; did you mean <notificationSettings>? (XML names are case-sensitive)`,
        },
      ],
    },
    {
      name: "another file altogether",
      config: "<configuration><system.net><mailSettings/></system.net></configuration>",
      findings: [{ line: 1, column: 2, message: /^the root element is <configuration>: Omada reads its notification settings only from/ }],
    },
  ],
});
