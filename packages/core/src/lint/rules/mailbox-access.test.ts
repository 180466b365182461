import { CONTOSO_APP } from "../../../test/contoso-app.js";
import { testRule } from "../../../test/rule-tester.js";
import { mailboxAccess } from "./mailbox-access.js";

/** A tenant with one app, the mailboxes given (each a flow mapping's keys after address and app), and Omada entries that sign in as the first. */
const config = (
  mailboxes: readonly string[],
  omada: readonly string[],
) => `${CONTOSO_APP}        credential: { clientSecret: { env: CONTOSO_SMTP_SECRET } }
    mailboxes:
${mailboxes.map((keys) => `      - { app: omada-smtp, ${keys} }`).join("\n")}
    omada:
${omada.map((mailbox, index) => `      - { name: env${index}, mailbox: ${mailbox} }`).join("\n")}
`;

testRule(mailboxAccess, {
  valid: [
    // Left out, access is FullAccess.
    config(["address: omada-notify@contoso.com"], ["omada-notify@contoso.com"]),
    config(["address: omada-notify@contoso.com, access: [SendAs, FullAccess]"], ["omada-notify@contoso.com"]),
    // A mailbox the app only sends as (From), signing in as another: SendAs alone is right.
    config(["address: omada-notify@contoso.com", "address: identity-team@contoso.com, access: [SendAs]"], ["omada-notify@contoso.com"]),
    // A list the schema rejects is the schema's.
    config(["address: omada-notify@contoso.com, access: [Everything]"], ["omada-notify@contoso.com"]),
  ],
  invalid: [
    {
      name: "SendAs only, for the mailbox an Omada environment signs in as (addresses compared without case)",
      config: config(["address: Omada-Notify@contoso.com, access: [SendAs]"], ["omada-notify@contoso.com"]),
      findings: [
        {
          line: 10,
          column: 63,
          message:
            'tenants[0].mailboxes[0].access [SendAs] leaves out FullAccess, but the Omada environment "env0" (line 12) signs in as this mailbox: without FullAccess on it, Exchange Online refuses the app\'s SMTP AUTH with 535 5.7.3 Authentication unsuccessful, and the generated script grants none. Add FullAccess (the default when access is left out)',
        },
      ],
    },
    {
      name: "an empty list, for two environments",
      config: config(["address: omada-notify@contoso.com, access: []"], ["omada-notify@contoso.com", "omada-notify@contoso.com"]),
      findings: [
        {
          line: 10,
          column: 63,
          message:
            /^tenants\[0\]\.mailboxes\[0\]\.access is empty, so it leaves out FullAccess, but the Omada environments "env0" \(line 12\) and "env1" \(line 13\) sign in as this mailbox: /,
        },
      ],
    },
  ],
});
