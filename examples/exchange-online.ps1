#Requires -Version 7.0
#Requires -Modules ExchangeOnlineManagement
# Registers the contoso Omada app with Exchange Online and lets it send as its mailbox
# (examples/smtpcfg.yaml). The object id is the ENTERPRISE APPLICATION's (service principal's),
# not the app registration's.
[CmdletBinding(SupportsShouldProcess)]
param()
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Connect-ExchangeOnline -ExchangeEnvironmentName O365Default -ShowBanner:$false

if (-not (Get-ServicePrincipal -Identity '9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f' -ErrorAction SilentlyContinue)) {
    New-ServicePrincipal -AppId '7a83471e-a8c7-4c06-8120-77b9aa56fa04' -ObjectId '9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f' -DisplayName 'Omada Identity SMTP AUTH'
}
Add-MailboxPermission -Identity 'omada-notify@contoso.com' -User '9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f' -AccessRights FullAccess
Set-CASMailbox -Identity 'omada-notify@contoso.com' -SmtpClientAuthenticationDisabled $false
