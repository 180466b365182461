# Copied from a forum post and adapted: three mistakes that Exchange Online only reports later,
# as a bare "535 5.7.3 Authentication unsuccessful".
Connect-ExchangeOnline

# -ServiceId is deprecated, and 3f1c2b9e-… is the APP REGISTRATION's object id (App registrations ›
# Overview), not the enterprise application's: tokens will carry another oid.
New-ServicePrincipal -AppId 7a83471e-a8c7-4c06-8120-77b9aa56fa04 -ServiceId 3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f -DisplayName "Omada SMTP"
Add-MailboxPermission -Identity omada-notify@contoso.com -User 3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f -AccessRights FullAccess

# The config says SMTP AUTH must be enabled for this mailbox.
Set-CASMailbox -Identity omada-notify@contoso.com -SmtpClientAuthenticationDisabled:$true
