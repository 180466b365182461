import { testRule } from "../../../test/rule-tester.js";
import { duplicateName } from "./duplicate-name.js";

const tenant = (name: string, tenantId: string, body = "") => `  - name: ${name}
    tenantId: ${tenantId}
${body}`;

const config = (...tenants: string[]) => `version: 1
tenants:
${tenants.join("")}`;

const app = (name: string, clientId: string) => `      - name: ${name}
        clientId: ${clientId}
        credential:
          clientSecret: { env: SMTP_SECRET }
`;

const mailbox = (address: string) => `      - address: ${address}
        app: omada-smtp
`;

testRule(duplicateName, {
  valid: [
    config(tenant("contoso", "2487abfa-47fc-4f60-8af4-2b857b17432c"), tenant("fabrikam", "fabrikam.onmicrosoft.com")),
    // An app name is unique per tenant: two tenants may both call theirs omada-smtp.
    config(
      tenant("contoso", "2487abfa-47fc-4f60-8af4-2b857b17432c", `    apps:\n${app("omada-smtp", "7a83471e-a8c7-4c06-8120-77b9aa56fa04")}`),
      tenant("fabrikam", "fabrikam.onmicrosoft.com", `    apps:\n${app("omada-smtp", "5d2c9a41-0f3e-4b7a-9c1d-2e8f6a4b3c7d")}`),
    ),
    // So is an Omada environment's name: every customer has a prod.
    config(
      tenant("contoso", "2487abfa-47fc-4f60-8af4-2b857b17432c", "    omada:\n      - name: prod\n        mailbox: omada@contoso.com\n"),
      tenant("fabrikam", "fabrikam.onmicrosoft.com", "    omada:\n      - name: prod\n        mailbox: omada@fabrikam.com\n"),
    ),
    config(
      tenant(
        "contoso",
        "2487abfa-47fc-4f60-8af4-2b857b17432c",
        `    mailboxes:\n${mailbox("omada-notify@contoso.com")}${mailbox("identity-team@contoso.com")}`,
      ),
    ),
  ],
  invalid: [
    {
      name: "two tenants with one name, pointing at the first",
      config: config(tenant("contoso", "2487abfa-47fc-4f60-8af4-2b857b17432c"), tenant("contoso", "contoso.onmicrosoft.com")),
      findings: [
        {
          line: 5,
          column: 11,
          message:
            'tenants[1].name "contoso" is already the name of tenants[0] (line 3); tenant names must be unique in the file, as generated scripts and messages use them',
        },
      ],
    },
    {
      name: "two apps with one name in the same tenant",
      config: config(
        tenant(
          "contoso",
          "2487abfa-47fc-4f60-8af4-2b857b17432c",
          `    apps:\n${app("omada-smtp", "7a83471e-a8c7-4c06-8120-77b9aa56fa04")}${app("omada-smtp", "5d2c9a41-0f3e-4b7a-9c1d-2e8f6a4b3c7d")}`,
        ),
      ),
      findings: [
        {
          line: 10,
          column: 15,
          message:
            'tenants[0].apps[1].name "omada-smtp" is already the name of tenants[0].apps[0] (line 6); mailboxes refer to apps by name, so app names must be unique in their tenant',
        },
      ],
    },
    {
      name: "two Omada environments with one name in the same tenant",
      config: config(
        tenant(
          "contoso",
          "2487abfa-47fc-4f60-8af4-2b857b17432c",
          "    omada:\n      - name: prod\n        mailbox: omada@contoso.com\n      - name: prod\n        mailbox: identity@contoso.com\n",
        ),
      ),
      findings: [
        {
          line: 8,
          column: 15,
          message:
            'tenants[0].omada[1].name "prod" is already the name of tenants[0].omada[0] (line 6); Omada environments are told apart by name, so names must be unique in their tenant',
        },
      ],
    },
    {
      name: "one mailbox address twice in a tenant, in another case",
      config: config(
        tenant(
          "contoso",
          "2487abfa-47fc-4f60-8af4-2b857b17432c",
          `    mailboxes:\n${mailbox("omada-notify@contoso.com")}${mailbox("Omada-Notify@Contoso.com")}`,
        ),
      ),
      findings: [
        {
          line: 8,
          column: 18,
          message:
            'tenants[0].mailboxes[1].address "Omada-Notify@Contoso.com" is already the address of tenants[0].mailboxes[0] (line 6); a mailbox is configured once, in the tenant it belongs to (addresses are compared without case, as Exchange does)',
        },
      ],
    },
    {
      name: "one mailbox address in two tenants",
      config: config(
        tenant("contoso", "2487abfa-47fc-4f60-8af4-2b857b17432c", `    mailboxes:\n${mailbox("omada-notify@contoso.com")}`),
        tenant("fabrikam", "fabrikam.onmicrosoft.com", `    mailboxes:\n${mailbox("OMADA-NOTIFY@contoso.com")}`),
      ),
      findings: [
        {
          line: 11,
          column: 18,
          message:
            /^tenants\[1\]\.mailboxes\[0\]\.address "OMADA-NOTIFY@contoso.com" is already the address of tenants\[0\]\.mailboxes\[0\] \(line 6\); /,
        },
      ],
    },
    {
      name: "one tenant id under two tenant names, in another case",
      config: config(
        tenant("contoso", "2487abfa-47fc-4f60-8af4-2b857b17432c"),
        tenant("contoso-test", "2487ABFA-47FC-4F60-8AF4-2B857B17432C"),
      ),
      findings: [
        {
          line: 6,
          column: 15,
          message:
            'tenants[1].tenantId "2487ABFA-47FC-4F60-8AF4-2B857B17432C" is already the tenantId of tenants[0] (line 4); a tenant is one entry, which holds all its apps, mailboxes and Omada environments: the scripts of two entries for one tenant would each connect to it and change it',
        },
      ],
    },
    {
      name: "one client id under two app names in a tenant (two tenants may each have an app with it: multi-tenant apps)",
      config: config(
        tenant(
          "contoso",
          "2487abfa-47fc-4f60-8af4-2b857b17432c",
          `    apps:\n${app("omada-smtp", "7a83471e-a8c7-4c06-8120-77b9aa56fa04")}${app("omada-smtp-2", "7a83471e-a8c7-4c06-8120-77b9aa56fa04")}`,
        ),
        tenant("fabrikam", "fabrikam.onmicrosoft.com", `    apps:\n${app("omada-smtp", "7a83471e-a8c7-4c06-8120-77b9aa56fa04")}`),
      ),
      findings: [
        {
          line: 11,
          column: 19,
          message:
            /^tenants\[0\]\.apps\[1\]\.clientId "7a83471e-a8c7-4c06-8120-77b9aa56fa04" is already the clientId of tenants\[0\]\.apps\[0\] \(line 7\); one app registration is one entry/,
        },
      ],
    },
    {
      name: "every repeat after the first, each pointing at the first",
      config: config(
        tenant("contoso", "2487abfa-47fc-4f60-8af4-2b857b17432c"),
        tenant("contoso", "contoso.onmicrosoft.com"),
        tenant("contoso", "contoso.com"),
      ),
      findings: [
        { line: 5, column: 11, message: /^tenants\[1\]\.name "contoso" is already the name of tenants\[0\] \(line 3\)/ },
        { line: 7, column: 11, message: /^tenants\[2\]\.name "contoso" is already the name of tenants\[0\] \(line 3\)/ },
      ],
    },
  ],
});
