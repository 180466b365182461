import { CONTOSO_APP } from "../../../test/contoso-app.js";
import { testRule } from "../../../test/rule-tester.js";
import { smtpAuthDisabled } from "./smtp-auth-disabled.js";

const config = `${CONTOSO_APP}        credential:
          clientSecret: { env: SECRET }
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
      - address: alerts@contoso.com
        app: omada-smtp
        smtpClientAuth: inherit
`;

const MAILBOX_REPLY = '"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox"';

testRule(smtpAuthDisabled, {
  kind: "powershell",
  withConfig: config,
  valid: [
    "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled $false",
    "Set-CASMailbox alerts@contoso.com -SmtpClientAuthenticationDisabled $null",
    // Mailboxes the config does not send as, and values the script computes.
    "Set-CASMailbox -Identity someone@contoso.com -SmtpClientAuthenticationDisabled $true",
    "Set-CASMailbox -Identity $args[0] -SmtpClientAuthenticationDisabled $true",
    "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled $disable",
    // 0 with a type suffix or a multiplier is still 0, which enables.
    "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled 0l",
    "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled 0d",
    "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled 0kb",
    "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled 0x0",
    // -WhatIf only says what would change.
    "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled $true -WhatIf",
    // A string is no Boolean: PowerShell refuses it, and nothing changes.
    "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled 'true'",
    // Disabled for everyone, then enabled again for the mailboxes that send.
    [
      "Get-CASMailbox -ResultSize Unlimited | Set-CASMailbox -SmtpClientAuthenticationDisabled $true",
      "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled $false",
      "Set-CASMailbox -Identity alerts@contoso.com -SmtpClientAuthenticationDisabled $false",
    ].join("\n"),
    // Filtered lists may leave the mailboxes out.
    "Get-Mailbox -ResultSize Unlimited | Where-Object { $_.PrimarySmtpAddress -notlike 'omada-*' } | Set-CASMailbox -SmtpClientAuthenticationDisabled $true",
    "Get-Mailbox -Filter \"Department -eq 'Sales'\" | Set-CASMailbox -SmtpClientAuthenticationDisabled $true",
    // Off for the organisation, on for each mailbox that sends.
    [
      "Set-TransportConfig -SmtpClientAuthenticationDisabled $true",
      "'omada-notify@contoso.com', 'alerts@contoso.com' | ForEach-Object { Set-CASMailbox $_ -SmtpClientAuthenticationDisabled $false }",
      "Set-CASMailbox omada-notify@contoso.com -SmtpClientAuthenticationDisabled $false",
      "Set-CASMailbox alerts@contoso.com -SmtpClientAuthenticationDisabled $false",
    ].join("\n"),
  ],
  invalid: [
    {
      name: "$true for a mailbox the config sends as",
      config: "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled $true\n",
      findings: [
        {
          line: 1,
          column: 85,
          message: `-SmtpClientAuthenticationDisabled $true turns SMTP AUTH off for omada-notify@contoso.com, a mailbox the config sends mail as (smtpClientAuth: enabled): Exchange Online then refuses its XOAUTH2 login with ${MAILBOX_REPLY}; set it to $false`,
        },
      ],
    },
    {
      name: "the positional identity in any case, the colon form, a prefix, numbers and a variable",
      config: [
        "set-casmailbox OMADA-NOTIFY@contoso.com -SmtpClientAuthenticationDisabled:$true",
        "Set-CASMailbox -Id omada-notify@contoso.com -SmtpClientAuth 1",
        "$mailbox = 'alerts@contoso.com'",
        "Set-CASMailbox $mailbox -SmtpClientAuthenticationDisabled ($true)",
        // In hex, d is a digit: 0x0d is 13.
        "Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled 0x0d",
      ].join("\n"),
      findings: [
        { line: 1, column: 75, message: /^-SmtpClientAuthenticationDisabled \$true turns SMTP AUTH off for omada-notify@contoso.com/ },
        { line: 2, column: 61, message: /^-SmtpClientAuthenticationDisabled 1 turns SMTP AUTH off for omada-notify@contoso.com/ },
        {
          line: 4,
          column: 59,
          message: `-SmtpClientAuthenticationDisabled $true turns SMTP AUTH off for alerts@contoso.com, a mailbox the config sends mail as (smtpClientAuth: inherit relies on the organisation allowing it, and the mailbox's own setting wins): Exchange Online then refuses its XOAUTH2 login with ${MAILBOX_REPLY}; set it to $false`,
        },
        { line: 5, column: 85, message: /^-SmtpClientAuthenticationDisabled 0x0d turns SMTP AUTH off for omada-notify@contoso.com/ },
      ],
    },
    {
      name: "$null for a mailbox the config says must be enabled",
      config: "'omada-notify@contoso.com' | Set-CASMailbox -SmtpClientAuthenticationDisabled $null",
      findings: [
        {
          line: 1,
          column: 79,
          message:
            "-SmtpClientAuthenticationDisabled $null makes omada-notify@contoso.com follow the organisation's setting (Get-TransportConfig), but the config says SMTP AUTH must be enabled for it (smtpClientAuth: enabled); set $false, or change the config to smtpClientAuth: inherit if the organisation allows SMTP AUTH",
        },
      ],
    },
    {
      name: "every mailbox, piped or in ForEach-Object, as a warning naming the mailboxes not enabled again",
      config: [
        "Get-EXOMailbox -ResultSize Unlimited | Set-CASMailbox -SmtpClientAuthenticationDisabled $true",
        "Set-CASMailbox alerts@contoso.com -SmtpClientAuthenticationDisabled $false",
        "Get-Mailbox -RecipientTypeDetails UserMailbox | ForEach-Object { Set-CASMailbox -Identity $_.Identity -SmtpClientAuthenticationDisabled $true }",
      ].join("\n"),
      findings: [
        {
          line: 1,
          column: 89,
          severity: "warning",
          message:
            "this turns SMTP AUTH off for every mailbox Get-EXOMailbox returns, which includes omada-notify@contoso.com if the script runs in its tenant: the config sends mail as it; leave it out (Where-Object { $_.PrimarySmtpAddress -ne '…' }), or enable it again after this line: Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled $false",
        },
        {
          line: 3,
          column: 137,
          severity: "warning",
          message:
            /^this turns SMTP AUTH off for every mailbox Get-Mailbox returns, which includes omada-notify@contoso.com and alerts@contoso.com if the script runs in their tenants/,
        },
      ],
    },
    {
      name: "the organisation's setting: an error for mailboxes that inherit it, a warning for those the script does not enable",
      config: "Set-TransportConfig -SmtpClientAuthenticationDisabled $true\n",
      findings: [
        {
          line: 1,
          column: 55,
          message:
            'Set-TransportConfig -SmtpClientAuthenticationDisabled $true turns SMTP AUTH off for the organisation, and the config leaves alerts@contoso.com to the organisation\'s setting (smtpClientAuth: inherit): Exchange Online then answers "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant"; enable it per mailbox (Set-CASMailbox -Identity alerts@contoso.com -SmtpClientAuthenticationDisabled $false) and set smtpClientAuth: enabled',
        },
        {
          line: 1,
          column: 55,
          severity: "warning",
          message:
            "Set-TransportConfig -SmtpClientAuthenticationDisabled $true turns SMTP AUTH off for the organisation; omada-notify@contoso.com, which the config sends mail as, keeps it only with its own setting at $false, which this script never sets; add Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled $false",
        },
      ],
    },
  ],
});
