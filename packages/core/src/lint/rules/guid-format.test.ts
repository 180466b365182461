import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { testRule } from "../../../test/rule-tester.js";
import { guidFormat } from "./guid-format.js";

const CLIENT_ID = "7a83471e-a8c7-4c06-8120-77b9aa56fa04";
const TENANT_ID = "2487abfa-47fc-4f60-8af4-2b857b17432c";
const HOME = "Use the Application (client) ID from App registrations › (the app) › Overview";

const clientId = (value: string, findings: { message: string | RegExp }[], output?: string) => {
  const text = xml({ clientId: value });
  return { config: text, findings: findings.map((f) => ({ ...valueAt(text, "clientId", value), ...f })), ...(output ? { output } : {}) };
};
const tenantId = (value: string, message: string | RegExp, output?: string) => {
  const text = xml({ tenantId: value });
  return { config: text, findings: [{ ...valueAt(text, "tenantId", value), message }], ...(output ? { output } : {}) };
};

testRule(guidFormat, {
  kind: "xml",
  valid: [
    xml(),
    // The seed's upper-case GUIDs: case carries no meaning.
    xml({ clientId: CLIENT_ID.toUpperCase(), tenantId: TENANT_ID.toUpperCase() }),
    xml({ tenantId: "contoso.onmicrosoft.com" }),
    xml({ tenantId: "mail.contoso.co.uk" }),
    // Aliases, placeholders and URLs are tenant-id-format's; missing attributes are required-attribute's.
    xml({ tenantId: "common" }),
    xml({ tenantId: "{{tenantId}}" }),
    xml({ tenantId: "https://login.microsoftonline.com/contoso.onmicrosoft.com" }),
    xml({ clientId: null, tenantId: null }),
  ],
  invalid: [
    {
      name: "a clientId that is no GUID",
      ...clientId("omada-smtp", [
        {
          message: `clientId "omada-smtp" is not a GUID (8-4-4-4-12 hex digits), so Entra finds no app by it (AADSTS700016). ${HOME}`,
        },
      ]),
    },
    {
      name: "a clientId one digit short",
      ...clientId("7a83471e-a8c7-4c06-8120-77b9aa56fa0", [{ message: /^clientId "7a83471e-a8c7-4c06-8120-77b9aa56fa0" is not a GUID/ }]),
    },
    {
      name: "an empty clientId",
      ...clientId("", [{ message: `clientId is empty, so Entra cannot tell which app asks for a token. ${HOME}` }]),
    },
    {
      name: "a clientId placeholder from the vendor guide",
      ...clientId("&lt;APPLICATION_ID&gt;", [{ message: `clientId "<APPLICATION_ID>" is a placeholder, not a client ID. ${HOME}` }]),
    },
    {
      name: "the Application ID URI instead of the client id, with the GUID it holds",
      ...clientId(`api://${CLIENT_ID}`, [
        {
          message: `clientId "api://${CLIENT_ID}" is a URI (such as the Application ID URI), not the client ID: Entra finds no app by it (AADSTS700016). ${HOME}; did you mean "${CLIENT_ID}"?`,
        },
      ]),
    },
    {
      name: "a clientId in braces, repaired by --fix",
      ...clientId(
        `{${CLIENT_ID}}`,
        [
          {
            message: `clientId "{${CLIENT_ID}}" has braces around the GUID: Entra takes the value as written and does not recognise it. Write only the GUID`,
          },
        ],
        xml(),
      ),
    },
    {
      name: "a clientId with a space after it, repaired by --fix",
      ...clientId(`${CLIENT_ID} `, [{ message: /^clientId "7a83471e-a8c7-4c06-8120-77b9aa56fa04 " has spaces around the GUID/ }], xml()),
    },
    {
      name: "a tenantId that is neither a GUID nor a domain",
      ...tenantId(
        "contoso",
        'tenantId "contoso" is neither a GUID nor a domain name (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview, or a verified domain such as contoso.onmicrosoft.com',
      ),
    },
    {
      name: "an empty tenantId",
      ...tenantId("", "tenantId is empty (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview"),
    },
    {
      name: "a tenantId in braces and spaces, repaired by --fix",
      ...tenantId(` {${TENANT_ID}}`, /^tenantId " \{2487abfa-.*" has braces and spaces around the GUID/, xml()),
    },
    {
      // tenant-id-format judges a tenant id trimmed: spaces around a good one are this rule's, as they are for a clientId.
      name: "a tenantId GUID with spaces around it, repaired by --fix",
      ...tenantId(
        ` ${TENANT_ID} `,
        `tenantId " ${TENANT_ID} " has spaces around the GUID: Entra takes the value as written and does not recognise it. Write only the GUID`,
        xml(),
      ),
    },
    {
      name: "a tenantId domain with a space after it, repaired by --fix",
      ...tenantId(
        "contoso.onmicrosoft.com ",
        'tenantId "contoso.onmicrosoft.com " has spaces around the domain: Entra takes the value as written and does not recognise it. Write only the domain',
        xml({ tenantId: "contoso.onmicrosoft.com" }),
      ),
    },
    {
      name: "a tenantId with spaces only around it, repaired by --fix",
      ...tenantId(`${TENANT_ID} `, /^tenantId "2487abfa-47fc-4f60-8af4-2b857b17432c " has spaces around the GUID/, xml()),
    },
    {
      name: "both ids of one element, in document order",
      config: xml({ clientId: "omada", tenantId: "contoso" }),
      findings: [
        { line: 7, column: 19, message: /^clientId "omada" is not a GUID/ },
        { line: 9, column: 19, message: /^tenantId "contoso" is neither a GUID nor a domain name/ },
      ],
    },
  ],
});
