import { CONTOSO_APP } from "../../../test/contoso-app.js";
import { TEST_TODAY, testRule } from "../../../test/rule-tester.js";
import { secretExpiry } from "./secret-expiry.js";

const expiring = (
  expires: string,
  credential = "          clientSecret: { env: CONTOSO_SMTP_SECRET }",
) => `${CONTOSO_APP}        credential:
${credential}
          expires: ${expires}
`;

const certificate =
  "          certificate:\n            certificateFile: certs/omada-smtp.crt\n            privateKeyFile: certs/omada-smtp.key";
const at = { line: 10, column: 20 };

// Every case counts from TEST_TODAY, 2026-11-26.
if (TEST_TODAY !== "2026-11-26") throw new Error("the dates below assume today is 2026-11-26");

testRule(secretExpiry, {
  valid: [
    expiring("2099-05-31"),
    // 31 days ahead: just outside the default 30.
    expiring("2026-12-27"),
    // A day that does not exist is the schema's finding (its date format), not this rule's.
    expiring("2027-02-31"),
    expiring("2026-02-29"),
    // No date: nothing to check.
    `${CONTOSO_APP}        credential:
          clientSecret: { env: CONTOSO_SMTP_SECRET }
`,
    // Not a YYYY-MM-DD date: the schema reports it, this rule does not guess.
    expiring("31.05.2027"),
  ],
  invalid: [
    {
      name: "a secret that expired in the past, as an error",
      config: expiring("2024-05-31"),
      findings: [
        {
          ...at,
          message:
            'tenants[0].apps[0].credential.expires "2024-05-31": the client secret expired 909 days ago; Entra refuses it (AADSTS7000222) and notifications stop silently. Create a new one, update the reference, then change this date',
        },
      ],
    },
    {
      name: "a secret that expired yesterday",
      config: expiring("2026-11-25"),
      findings: [{ ...at, message: /: the client secret expired 1 day ago; / }],
    },
    {
      name: "an expired certificate, without the client-secret error code",
      config: expiring("2026-01-01", certificate),
      findings: [
        {
          line: 12,
          column: 20,
          message:
            'tenants[0].apps[0].credential.expires "2026-01-01": the certificate expired 329 days ago; Entra refuses tokens for it and notifications stop silently. Create a new one, update the reference, then change this date',
        },
      ],
    },
    {
      name: "a secret that expires today, as a warning",
      config: expiring("2026-11-26"),
      findings: [
        {
          ...at,
          severity: "warning",
          message:
            'tenants[0].apps[0].credential.expires "2026-11-26": the client secret expires today (warning within 30 days); create the next one before notifications stop',
        },
      ],
    },
    {
      name: "a secret that expires tomorrow",
      config: expiring("2026-11-27"),
      findings: [{ ...at, severity: "warning", message: /: the client secret expires in 1 day \(warning within 30 days\);/ }],
    },
    {
      name: "a secret that expires in exactly 30 days, the last day of the default window",
      config: expiring("2026-12-26"),
      findings: [{ ...at, severity: "warning", message: /: the client secret expires in 30 days \(warning within 30 days\);/ }],
    },
    {
      name: "a certificate within 30 days",
      config: expiring('"2026-12-01"', certificate),
      findings: [{ line: 12, column: 20, severity: "warning", message: /"2026-12-01": the certificate expires in 5 days/ }],
    },
  ],
});

testRule(secretExpiry, {
  options: { warnDays: 7 },
  valid: [expiring("2026-12-04"), expiring("2026-12-25")],
  invalid: [
    {
      name: "with warnDays 7, a secret that expires in 7 days",
      config: expiring("2026-12-03"),
      findings: [{ ...at, severity: "warning", message: /: the client secret expires in 7 days \(warning within 7 days\);/ }],
    },
    {
      name: "with warnDays 7, an expired secret, still an error",
      config: expiring("2026-11-01"),
      findings: [{ ...at, message: /: the client secret expired 25 days ago;/ }],
    },
  ],
});

testRule(secretExpiry, {
  options: { warnDays: 0 },
  valid: [expiring("2026-11-27")],
  invalid: [
    {
      name: "with warnDays 0, only a secret expiring today warns",
      config: expiring("2026-11-26"),
      findings: [{ ...at, severity: "warning", message: /expires today \(warning within 0 days\)/ }],
    },
  ],
});
