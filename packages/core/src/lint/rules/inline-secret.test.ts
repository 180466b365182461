import { CONTOSO_APP } from "../../../test/contoso-app.js";
import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { testRule } from "../../../test/rule-tester.js";
import { inlineSecret } from "./inline-secret.js";

const credential = (lines: string) => `${CONTOSO_APP}        credential:
${lines}
`;

const MESSAGE =
  "tenants[0].apps[0].credential.clientSecret is written literally in the file: everyone who can read the file or its git history has the secret. Reference it instead with {env: NAME} or {file: PATH}, and rotate it if it was ever committed";

const PLACEHOLDER_MESSAGE =
  "tenants[0].apps[0].credential.clientSecret is a placeholder, not the secret: nothing leaked, but verify cannot authenticate with it (Entra answers AADSTS7000215, Invalid client secret provided). Reference the secret with {env: NAME} or {file: PATH}";

testRule(inlineSecret, {
  valid: [
    credential("          clientSecret: { env: CONTOSO_SMTP_SECRET }"),
    credential("          clientSecret:\n            file: secrets/contoso-smtp.txt"),
    credential(
      "          certificate:\n            certificateFile: certs/omada-smtp.crt\n            privateKeyFile: certs/omada-smtp.key",
    ),
    // A GUID is the secret's ID, not a secret: secret-id-as-secret reports that mistake instead.
    credential("          clientSecret: 0b7e5c3a-9f1d-4e2b-8a6c-5d4f3e2a1b0c"),
    // Rejected by the schema (empty), so not linted as a secret.
    credential('          clientSecret: ""'),
  ],
  invalid: [
    {
      name: "a plain literal secret",
      config: credential("          clientSecret: fake~Secret.Value-for-tests_0123456789ab"),
      findings: [{ line: 9, column: 25, message: MESSAGE }],
    },
    {
      name: "a quoted literal secret next to an expiry date",
      config: credential("          expires: 2099-05-31\n          clientSecret: 'fake~Secret.Value-for-tests_0123456789ab'"),
      findings: [{ line: 10, column: 25, message: MESSAGE }],
    },
    {
      name: "a literal secret as a block scalar",
      config: credential("          clientSecret: >-\n            fake~Secret.Value-for-tests_0123456789ab"),
      findings: [{ line: 9, column: 25, message: MESSAGE }],
    },
    // A placeholder leaks nothing, but verify cannot use it: still a finding, saying what it is.
    ...['"{{SECRET}}"', "changeme", ["'$", "{SECRET}'"].join(""), "<client-secret>", "xxx"].map((placeholder) => ({
      name: `the placeholder ${placeholder}, as one that does not authenticate rather than a leaked secret`,
      config: credential(`          clientSecret: ${placeholder}`),
      findings: [{ line: 9, column: 25, message: PLACEHOLDER_MESSAGE }],
    })),
    // A reference written as one word: what it is, not a leak to rotate.
    ...[
      ["env:CONTOSO_SMTP_SECRET", "env", "NAME"],
      ["file:secrets/contoso.txt", "file", "PATH"],
    ].map(([text, source, what]) => ({
      name: `${text}, as a reference written without its space and braces`,
      config: credential(`          clientSecret: ${text}`),
      findings: [
        {
          line: 9,
          column: 25,
          message: `tenants[0].apps[0].credential.clientSecret is the text "${source}:…", not a reference: nothing leaked, but verify would send this text as the secret. YAML reads a reference only as a mapping, with a space after the colon: write {${source}: ${what}}`,
        },
      ],
    })),
    {
      name: "a literal secret in each of two apps",
      config: `${credential("          clientSecret: fake~Secret.Value-for-tests_0123456789ab")}      - name: omada-smtp-test
        clientId: 5d2c9a41-0f3e-4b7a-9c1d-2e8f6a4b3c7d
        credential: { clientSecret: "fake~Second.Value-for-tests_9876543210cd" }
`,
      findings: [
        { line: 9, column: 25, message: MESSAGE },
        { line: 12, column: 37, message: MESSAGE.replace("apps[0]", "apps[1]") },
      ],
    },
  ],
});

const XML_MESSAGE =
  'clientSecret is written literally in the file: everyone who can read the file or its git history has the secret. Keep the value only in Omada\'s notificationSettings configuration object, commit the file with a placeholder such as clientSecret="{{CLIENT_SECRET}}", and rotate the secret if it was ever committed';
const SECRET = "fake~Secret.Value-for-tests_0123456789ab";

// In a notificationSettings file a literal secret is a warning: Omada needs the value, but not the copy in git.
testRule(inlineSecret, {
  kind: "xml",
  valid: [
    xml(),
    // Placeholders, as the vendor guide, generate and people write them.
    ...[
      "xxx",
      "",
      "***",
      "{{ secrets.SMTP }}",
      "&lt;client-secret&gt;",
      ["$", "{SMTP_SECRET}"].join(""),
      "REPLACE_ME",
      "changeme",
      "your-secret-here",
    ].map((clientSecret) => xml({ clientSecret })),
    // The secret's ID is secret-id-as-secret's.
    xml({ clientSecret: "0b7e5c3a-9f1d-4e2b-8a6c-5d4f3e2a1b0c" }),
  ],
  invalid: [
    {
      name: "a literal secret, as a warning that does not quote it",
      config: xml({ clientSecret: SECRET }),
      findings: [{ ...valueAt(xml({ clientSecret: SECRET }), "clientSecret", SECRET), severity: "warning", message: XML_MESSAGE }],
    },
    {
      name: "a literal secret with an escaped character",
      config: xml({ clientSecret: "fake&amp;Secret.Value-for-tests" }),
      findings: [{ line: 8, column: 23, severity: "warning", message: XML_MESSAGE }],
    },
  ],
});
