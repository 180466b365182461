import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { testRule } from "../../../test/rule-tester.js";
import { tenantIdFormat } from "./tenant-id-format.js";

const tenantId = (value: string) => `version: 1
tenants:
  - name: contoso
    tenantId: ${value}
`;

const at = { line: 4, column: 15 };
// The text ${TENANT}, left in a file whose variables were never expanded (joined, as it is no template here).
const UNEXPANDED = ["$", "{TENANT}"].join("");
const alias = (value: string) =>
  `tenants[0].tenantId ${JSON.stringify(value)} is a multi-tenant alias: client credentials need the tenant's own id (Entra answers AADSTS9001023 or AADSTS50194). Use the Directory (tenant) ID from Entra ID › Overview`;
const placeholder = (value: string) =>
  `tenants[0].tenantId ${JSON.stringify(value)} is a placeholder, not a tenant (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview`;

testRule(tenantIdFormat, {
  valid: [
    tenantId("2487abfa-47fc-4f60-8af4-2b857b17432c"),
    tenantId("2487ABFA-47FC-4F60-8AF4-2B857B17432C"),
    tenantId("contoso.onmicrosoft.com"),
    tenantId("contoso.com"),
    tenantId("mail.contoso.co.uk"),
    // Not a string: the schema reports it.
    tenantId("12345"),
  ],
  invalid: [
    { name: "common", config: tenantId("common"), findings: [{ ...at, message: alias("common") }] },
    { name: "Organizations, in another case", config: tenantId("Organizations"), findings: [{ ...at, message: alias("Organizations") }] },
    { name: "CONSUMERS", config: tenantId("CONSUMERS"), findings: [{ ...at, message: alias("CONSUMERS") }] },
    {
      name: "undefined, from a script that lost its variable",
      config: tenantId("undefined"),
      findings: [{ ...at, message: placeholder("undefined") }],
    },
    {
      name: "a {{tenantid}} template placeholder",
      config: tenantId('"{{tenantid}}"'),
      findings: [{ ...at, message: placeholder("{{tenantid}}") }],
    },
    { name: "a <tenant-id> placeholder", config: tenantId("<tenant-id>"), findings: [{ ...at, message: placeholder("<tenant-id>") }] },
    {
      name: "a shell variable never expanded",
      config: tenantId(UNEXPANDED),
      findings: [{ ...at, message: placeholder(UNEXPANDED) }],
    },
    {
      name: "a bare name that is no domain (no dot)",
      config: tenantId("contoso"),
      findings: [
        {
          ...at,
          message:
            'tenants[0].tenantId "contoso" is neither a GUID nor a domain name (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview, or a verified domain such as contoso.onmicrosoft.com',
        },
      ],
    },
    {
      name: "a GUID in braces, as some tools copy it",
      config: tenantId('"{2487abfa-47fc-4f60-8af4-2b857b17432c}"'),
      findings: [
        {
          ...at,
          message:
            'tenants[0].tenantId "{2487abfa-47fc-4f60-8af4-2b857b17432c}" has braces around the GUID: Entra takes the value as written and does not recognise it. Write only the GUID',
        },
      ],
    },
    ...['" 2487abfa-47fc-4f60-8af4-2b857b17432c"', '"contoso.onmicrosoft.com "', "|\n      contoso.onmicrosoft.com"].map((written) => ({
      name: `a tenant id with spaces or a line break around it: ${written}, which generate would write into the scripts as it is`,
      config: tenantId(written),
      findings: [{ ...at, message: /^tenants\[0\]\.tenantId ".*" has spaces or line breaks around it: Entra takes the value as written/ }],
    })),
    {
      name: "the token endpoint URL pasted as the tenant, with the tenant it holds",
      config: tenantId("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"),
      findings: [
        {
          ...at,
          message:
            'tenants[0].tenantId "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token" is a URL, not a tenant id: write only the Directory (tenant) ID or a verified domain here, and a non-default authority in endpoints.authority; did you mean "contoso.onmicrosoft.com"?',
        },
      ],
    },
    {
      name: "an authority URL with a multi-tenant alias, with no tenant to suggest",
      config: tenantId("https://login.microsoftonline.com/common"),
      findings: [{ ...at, message: /is a URL, not a tenant id: .* in endpoints\.authority$/ }],
    },
    {
      name: "each tenant's own",
      config: `${tenantId("2487abfa-47fc-4f60-8af4-2b857b17432c")}  - name: fabrikam
    tenantId: common
`,
      findings: [{ line: 6, column: 15, message: /^tenants\[1\]\.tenantId "common" is a multi-tenant alias/ }],
    },
  ],
});

const xmlTenant = (value: string, message: string | RegExp) => {
  const text = xml({ tenantId: value });
  return { config: text, findings: [{ ...valueAt(text, "tenantId", value), message }] };
};

testRule(tenantIdFormat, {
  kind: "xml",
  valid: [
    xml(),
    xml({ tenantId: "2487ABFA-47FC-4F60-8AF4-2B857B17432C" }),
    xml({ tenantId: "contoso.onmicrosoft.com" }),
    // Neither a GUID nor a domain, or empty: guid-format reports it, next to clientId.
    xml({ tenantId: "contoso" }),
    xml({ tenantId: "" }),
    xml({ tenantId: null }),
  ],
  invalid: [
    {
      name: "common in XML",
      ...xmlTenant(
        "common",
        'tenantId "common" is a multi-tenant alias: client credentials need the tenant\'s own id (Entra answers AADSTS9001023 or AADSTS50194). Use the Directory (tenant) ID from Entra ID › Overview',
      ),
    },
    {
      name: "the vendor guide's kind of placeholder in XML",
      ...xmlTenant(
        "&lt;TENANT_ID&gt;",
        'tenantId "<TENANT_ID>" is a placeholder, not a tenant (Entra answers AADSTS900023). Use the Directory (tenant) ID from Entra ID › Overview',
      ),
    },
    {
      name: "an authority URL in XML, pointing at instance",
      ...xmlTenant(
        "https://login.microsoftonline.com/contoso.onmicrosoft.com",
        'tenantId "https://login.microsoftonline.com/contoso.onmicrosoft.com" is a URL, not a tenant id: write only the Directory (tenant) ID or a verified domain here, and a non-default authority in instance; did you mean "contoso.onmicrosoft.com"?',
      ),
    },
  ],
});
