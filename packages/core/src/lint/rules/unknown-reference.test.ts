import { CONTOSO_APP } from "../../../test/contoso-app.js";
import { testRule } from "../../../test/rule-tester.js";
import { unknownReference } from "./unknown-reference.js";

const contoso = (body: string) => `${CONTOSO_APP}        credential:
          clientSecret: { env: CONTOSO_SMTP_SECRET }
${body}`;

const twoTenants = (contosoBody: string, fabrikamBody: string) => `${contoso(contosoBody)}  - name: fabrikam
    tenantId: fabrikam.onmicrosoft.com
    apps:
      - name: notifications
        clientId: 5d2c9a41-0f3e-4b7a-9c1d-2e8f6a4b3c7d
        credential:
          clientSecret: { env: FABRIKAM_SMTP_SECRET }
${fabrikamBody}`;

testRule(unknownReference, {
  valid: [
    contoso(`    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
    omada:
      - name: prod
        mailbox: omada-notify@contoso.com
`),
    // Exchange compares addresses without case.
    contoso(`    mailboxes:
      - address: Omada-Notify@Contoso.com
        app: omada-smtp
    omada:
      - name: prod
        mailbox: omada-notify@contoso.com
`),
    // Same app name in two tenants: each mailbox uses the app of its own tenant.
    twoTenants(
      `    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
`,
      `    mailboxes:
      - address: noreply@fabrikam.com
        app: notifications
    omada:
      - name: prod
        mailbox: noreply@fabrikam.com
`,
    ),
    // An app name the schema rejected may be the one meant: the schema finding says it all.
    contoso(`      - name: Omada_SMTP
        clientId: 8b94582f-b9d8-4d17-9231-88caa67fb015
        credential:
          clientSecret: { env: SECOND_SECRET }
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp-2
`),
    // apps written as a mapping is a schema error, not a missing app.
    `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      name: omada-smtp
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
`,
    // apps misspelt as app: the apps are in the file, under a wrong name.
    `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    app:
      - name: omada-smtp
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
        credential:
          clientSecret: { env: CONTOSO_SMTP_SECRET }
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
`,
    // A mailbox address the schema rejected: the Omada entry may mean it.
    contoso(`    mailboxes:
      - address: omada-notify.contoso.com
        app: omada-smtp
    omada:
      - name: prod
        mailbox: omada-notify@contoso.com
`),
  ],
  invalid: [
    {
      name: "a misspelt app name, with did-you-mean",
      config: contoso(`    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smpt
`),
      findings: [
        {
          line: 12,
          column: 14,
          message: 'tenants[0].mailboxes[0].app "omada-smpt" names no app of tenant "contoso"; did you mean "omada-smtp"?',
        },
      ],
    },
    {
      name: "an app name unlike any app of the tenant, listing the apps there are",
      config: contoso(`    mailboxes:
      - address: omada-notify@contoso.com
        app: notifications
`),
      findings: [
        {
          line: 12,
          column: 14,
          message: 'tenants[0].mailboxes[0].app "notifications" names no app of tenant "contoso"; expected "omada-smtp"',
        },
      ],
    },
    {
      name: "a misspelt mailbox address in an Omada entry",
      config: contoso(`    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
    omada:
      - name: prod
        mailbox: omada-notfy@contoso.com
`),
      findings: [
        {
          line: 15,
          column: 18,
          message:
            'tenants[0].omada[0].mailbox "omada-notfy@contoso.com" names no mailbox of tenant "contoso"; did you mean "omada-notify@contoso.com"?',
        },
      ],
    },
    {
      name: "an app defined only in another tenant",
      config: twoTenants(
        "",
        `    mailboxes:
      - address: noreply@fabrikam.com
        app: omada-smtp
`,
      ),
      findings: [
        {
          line: 19,
          column: 14,
          message:
            'tenants[1].mailboxes[0].app "omada-smtp" names no app of tenant "fabrikam"; it is defined in tenant "contoso", but a mailbox can only be used by an app of its own tenant',
        },
      ],
    },
    {
      name: "a mailbox defined only in another tenant (compared without case)",
      config: twoTenants(
        `    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
`,
        `    omada:
      - name: prod
        mailbox: OMADA-NOTIFY@contoso.com
`,
      ),
      findings: [
        {
          line: 22,
          column: 18,
          message:
            'tenants[1].omada[0].mailbox "OMADA-NOTIFY@contoso.com" names no mailbox of tenant "fabrikam"; it is defined in tenant "contoso", but an Omada environment can only send as a mailbox of its own tenant',
        },
      ],
    },
    {
      name: "a reference in a tenant that defines nothing to refer to",
      config: `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
    omada:
      - name: prod
        mailbox: noreply@contoso.com
`,
      findings: [
        {
          line: 7,
          column: 14,
          message: 'tenants[0].mailboxes[0].app "omada-smtp" names no app of tenant "contoso", which defines no apps',
        },
        {
          line: 10,
          column: 18,
          message:
            'tenants[0].omada[0].mailbox "noreply@contoso.com" names no mailbox of tenant "contoso"; expected "omada-notify@contoso.com"',
        },
      ],
    },
    {
      name: "a reference in a tenant whose name the schema rejected, named by its path",
      config: `version: 1
tenants:
  - name: Contoso Ltd
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
`,
      findings: [
        { line: 7, column: 14, message: 'tenants[0].mailboxes[0].app "omada-smtp" names no app of tenants[0], which defines no apps' },
      ],
    },
  ],
});
