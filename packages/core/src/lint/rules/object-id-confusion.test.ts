import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { testRule } from "../../../test/rule-tester.js";
import { objectIdConfusion } from "./object-id-confusion.js";

const app = (fields: string) => `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: omada-smtp
        displayName: SMTP AUTH
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
${fields}
        credential:
          clientSecret: { env: SECRET }
`;

testRule(objectIdConfusion, {
  valid: [
    app(
      "        applicationObjectId: 3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f\n        servicePrincipalObjectId: 9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f",
    ),
    app("        servicePrincipalObjectId: 9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f"),
    app("        applicationObjectId: 3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f"),
  ],
  invalid: [
    {
      name: "the App registration's object id given as the service principal's (any case)",
      config: app(
        "        applicationObjectId: 3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f\n        servicePrincipalObjectId: 3F1C2B9E-1D2A-4C3B-9E8F-7A6B5C4D3E2F",
      ),
      findings: [
        {
          line: 10,
          column: 35,
          message:
            /^tenants\[0\]\.apps\[0\]\.servicePrincipalObjectId is the same as applicationObjectId.*Enterprise applications › SMTP AUTH › Overview › Object ID$/,
        },
      ],
    },
    {
      name: "the client id given as the service principal's object id",
      config: app("        servicePrincipalObjectId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04"),
      findings: [{ line: 9, column: 35, message: /servicePrincipalObjectId is the same as clientId, the Application \(client\) ID/ }],
    },
    {
      name: "the client id given as the application object id",
      config: app("        applicationObjectId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04"),
      findings: [{ line: 9, column: 30, message: /applicationObjectId is the same as clientId/ }],
    },
  ],
});

// In a notificationSettings file linted with --config: an object id of the config pasted as clientId.
const REGISTRATION = "3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
const SERVICE_PRINCIPAL = "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";
const AADSTS700016 = "Entra answers AADSTS700016 (Application with identifier … was not found in the directory)";
const USE =
  "Use 7a83471e-a8c7-4c06-8120-77b9aa56fa04, the clientId of SMTP AUTH in the config (Entra ID › App registrations › SMTP AUTH › Overview › Application (client) ID)";

const pasted = (clientId: string, message: string) => {
  const text = xml({ clientId });
  return { config: text, findings: [{ ...valueAt(text, "clientId", clientId), message }] };
};

testRule(objectIdConfusion, {
  kind: "xml",
  withConfig: app(`        applicationObjectId: ${REGISTRATION}\n        servicePrincipalObjectId: ${SERVICE_PRINCIPAL}`),
  valid: [
    xml(),
    xml({ clientId: "7A83471E-A8C7-4C06-8120-77B9AA56FA04" }),
    // An id the config does not know is config-drift's, a malformed one guid-format's.
    xml({ clientId: "0f0f0f0f-1e1e-4d2d-8c3c-4b4b4b4b4b4b" }),
    xml({ clientId: "{{CLIENT_ID}}" }),
    xml({ clientId: null }),
  ],
  invalid: [
    {
      name: "the app registration's object id as clientId",
      ...pasted(
        REGISTRATION,
        `clientId ${REGISTRATION} is not the Application (client) ID of SMTP AUTH but the object id of its app registration (applicationObjectId in the config): ${AADSTS700016}. ${USE}`,
      ),
    },
    {
      name: "the service principal's object id as clientId (any case)",
      ...pasted(
        SERVICE_PRINCIPAL.toUpperCase(),
        `clientId ${SERVICE_PRINCIPAL.toUpperCase()} is not the Application (client) ID of SMTP AUTH but the object id of its service principal (servicePrincipalObjectId in the config, from Enterprise applications): ${AADSTS700016}. ${USE}`,
      ),
    },
  ],
});

testRule(objectIdConfusion, {
  kind: "xml",
  valid: [
    // Without --config there is nothing to compare with.
    xml({ clientId: REGISTRATION }),
  ],
  invalid: [],
});
