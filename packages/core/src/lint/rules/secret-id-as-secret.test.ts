import { CONTOSO_APP } from "../../../test/contoso-app.js";
import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { testRule } from "../../../test/rule-tester.js";
import { secretIdAsSecret } from "./secret-id-as-secret.js";

const secret = (value: string) => `${CONTOSO_APP}        credential:
          clientSecret: ${value}
`;

const MESSAGE =
  "tenants[0].apps[0].credential.clientSecret is shaped like a GUID, so it is the secret's ID, not its value: Entra answers AADSTS7000215 (Invalid client secret provided). Use the Value column of Certificates & secrets, shown only once when the secret is created; if it is gone, create a new secret";

testRule(secretIdAsSecret, {
  valid: [
    secret("fake~Secret.Value-for-tests_0123456789ab"),
    secret("{ env: CONTOSO_SMTP_SECRET }"),
    // A GUID as the name of the file or variable that holds the secret is no mistake.
    secret("{ file: secrets/0b7e5c3a-9f1d-4e2b-8a6c-5d4f3e2a1b0c.txt }"),
    // One character short of a GUID: a strange secret, but not a secret ID.
    secret("0b7e5c3a-9f1d-4e2b-8a6c-5d4f3e2a1b0"),
  ],
  invalid: [
    {
      name: "the secret ID pasted as the secret",
      config: secret("0b7e5c3a-9f1d-4e2b-8a6c-5d4f3e2a1b0c"),
      findings: [{ line: 9, column: 25, message: MESSAGE }],
    },
    {
      name: "the secret ID in upper case, quoted, with spaces around it",
      config: secret('" 0B7E5C3A-9F1D-4E2B-8A6C-5D4F3E2A1B0C "'),
      findings: [{ line: 9, column: 25, message: MESSAGE }],
    },
  ],
});

const SECRET_ID = "868b757a-7590-4bc2-910e-1e7db3d8f2e3";

testRule(secretIdAsSecret, {
  kind: "xml",
  valid: [
    xml(),
    xml({ clientSecret: "xxx" }),
    xml({ clientSecret: "fake~Secret.Value-for-tests_0123456789ab" }),
    xml({ clientSecret: null }),
  ],
  invalid: [
    {
      name: "the secret ID as clientSecret, without quoting it",
      config: xml({ clientSecret: SECRET_ID }),
      findings: [
        {
          ...valueAt(xml({ clientSecret: SECRET_ID }), "clientSecret", SECRET_ID),
          message:
            "clientSecret is shaped like a GUID, so it is the secret's ID, not its value: Entra answers AADSTS7000215 (Invalid client secret provided). Use the Value column of Certificates & secrets, shown only once when the secret is created; if it is gone, create a new secret",
        },
      ],
    },
    {
      name: "the secret ID in upper case with spaces around it",
      config: xml({ clientSecret: ` ${SECRET_ID.toUpperCase()} ` }),
      findings: [{ line: 8, column: 23, message: /^clientSecret is shaped like a GUID/ }],
    },
  ],
});
