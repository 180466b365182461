import { testRule } from "../../../test/rule-tester.js";
import { psSyntax } from "./ps-syntax.js";

testRule(psSyntax, {
  kind: "powershell",
  valid: [
    [
      "#Requires -Modules ExchangeOnlineManagement",
      "param([string]$Mailbox = 'omada-notify@contoso.com')",
      "Connect-ExchangeOnline -ShowBanner:$false",
      "Add-MailboxPermission -Identity $Mailbox -User $sp.Id -AccessRights FullAccess,SendAs",
      'Write-Host "Done: $($Mailbox)" -ForegroundColor Green',
    ].join("\n"),
    "$body = @'\nit's { not code\n'@\nWrite-Output $body | Out-Null\n",
    // Valid PowerShell that the grammar does not parse.
    "function Test { [CmdletBinding()] param() process { $_ } }\n$a = $b ?? 'c'\nCopy-Item $env:TEMP\\x.txt .\nfunction Register { param($Id) New-ServicePrincipal -AppId a -ObjectId $Id }\n",
  ],
  invalid: [
    {
      name: "an unterminated string, at its opening quote",
      config: "Connect-ExchangeOnline\nSet-User -Identity x -DisplayName O'Brien\nGet-Date\n",
      findings: [
        { line: 2, column: 36, message: /^the string that starts on line 2 is never closed.*an apostrophe inside an unquoted word/ },
      ],
    },
    {
      name: "a missing closing brace, where it opens",
      config: "foreach ($m in $list) {\n  Set-CASMailbox $m -PopEnabled $false\n",
      findings: [{ line: 1, column: 23, message: /^this \{ on line 1 is never closed: the file ends first/ }],
    },
    {
      name: "an unexpected closing brace and an empty pipe element, in one run",
      config: "Get-Mailbox | }\nGet-Date\n",
      findings: [
        { line: 1, column: 13, message: /^this \| pipes into nothing/ },
        { line: 1, column: 15, message: /^this } closes nothing/ },
      ],
    },
  ],
});
