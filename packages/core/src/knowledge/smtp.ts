import { ruleDocsUrl } from "../docs-url.js";
import { CONNECT_EXCHANGE, connectGraph, ENABLE_SMTP_AUTH, EXCHANGE_REGISTRATION, SERVICE_PRINCIPAL } from "./commands.js";
import type { KnowledgeEntry } from "./entry.js";
import {
  ADD_MAILBOX_PERMISSION,
  ADD_RECIPIENT_PERMISSION,
  APP_AND_SERVICE_PRINCIPAL,
  DEVICE_OR_APPLICATION_SMTP,
  NEW_SERVICE_PRINCIPAL,
  OAUTH_SMTP,
  SET_CAS_MAILBOX,
  SMTP_AUTH_DISABLED,
  SMTP_AUTH_SETTINGS,
} from "./links.js";

// Replies of Exchange Online's SMTP submission endpoint (KNOWLEDGE §5). Real replies end with a
// bracketed server name and time; the matchers ignore it.

const USE_OAUTH =
  "Log in with OAuth 2.0 (AUTH XOAUTH2) and a client-credentials token instead of a password: in Omada, azureAdClientCredentials in notificationSettings, which smtpcfg generate writes.";

const FULL_ACCESS = "Get-MailboxPermission -Identity {mailbox} -User {servicePrincipalObjectId}";

export const SMTP_ENTRIES: readonly KnowledgeEntry[] = [
  {
    id: "smtp-auth-failed",
    title: "Exchange Online refused the login (535 5.7.3 Authentication unsuccessful)",
    codes: ["535 5.7.3"],
    cause:
      "Exchange Online refused the XOAUTH2 login of {mailbox} and does not say why. With a token that carries SMTP.SendAsApp, the causes, most common first: app {app}'s service principal is not registered in Exchange Online; it is registered with another object id than its Enterprise application's (often the App registration's); it has no FullAccess on {mailbox}; or the token has no SMTP.SendAsApp (admin consent).",
    fix: "Check in this order, with the commands below. 1. Get-ServicePrincipal lists the app (AppId {clientId}); if not, register it with New-ServicePrincipal. 2. Its ObjectId is the Enterprise application's object id ({servicePrincipalObjectId}, the Id Get-MgServicePrincipal prints, and the token's oid); if not, Remove-ServicePrincipal and register it again with the right one. 3. Get-MailboxPermission shows FullAccess for it on {mailbox}; if not, Add-MailboxPermission. 4. The app has admin consent for SMTP.SendAsApp (smtpcfg verify reads the token's roles; see smtpcfg explain consent-missing). The generated 02-exchange-online.ps1 does 1 to 3.",
    commands: [
      CONNECT_EXCHANGE,
      `${EXCHANGE_REGISTRATION}   # 1. registered?`,
      "New-ServicePrincipal -AppId {clientId} -ObjectId {servicePrincipalObjectId} -DisplayName {app}",
      connectGraph("Application.Read.All"),
      `(${SERVICE_PRINCIPAL}).Id   # 2. the ObjectId Exchange Online needs`,
      `${FULL_ACCESS}   # 3. FullAccess?`,
      "Add-MailboxPermission -Identity {mailbox} -User {servicePrincipalObjectId} -AccessRights FullAccess",
      "Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId {servicePrincipalObjectId} | Format-List ResourceDisplayName, AppRoleId   # 4. consented?",
    ],
    links: [OAUTH_SMTP, NEW_SERVICE_PRINCIPAL, ADD_MAILBOX_PERMISSION, APP_AND_SERVICE_PRINCIPAL],
  },
  {
    id: "smtp-auth-disabled-tenant",
    title: "SMTP AUTH is disabled for the organisation (535 5.7.139 … disabled for the Tenant)",
    codes: ["535 5.7.139"],
    cause:
      "SMTP AUTH is disabled for the whole organisation (Get-TransportConfig: SmtpClientAuthenticationDisabled is True) and {mailbox} follows that setting: its own SmtpClientAuthenticationDisabled is empty in Exchange Online, whatever the config says, until the generated 02-exchange-online.ps1 or Set-CASMailbox sets it. XOAUTH2 is SMTP AUTH, so the login is refused.",
    fix: "Enable SMTP AUTH for this mailbox only, with the commands below or the generated 02-exchange-online.ps1: the mailbox's own setting wins over the organisation's, which can stay disabled. The script enables it for a mailbox the config gives smtpClientAuth: enabled (the default), and leaves one with smtpClientAuth: inherit to the organisation's setting.",
    commands: ENABLE_SMTP_AUTH,
    links: [SMTP_AUTH_DISABLED, SMTP_AUTH_SETTINGS, SET_CAS_MAILBOX, ruleDocsUrl("smtp-auth-disabled")],
  },
  {
    id: "smtp-auth-disabled-mailbox",
    title: "SMTP AUTH is disabled for the mailbox (535 5.7.139 … disabled for the Mailbox)",
    codes: ["535 5.7.139"],
    cause:
      "SMTP AUTH is disabled for {mailbox} itself (Set-CASMailbox -SmtpClientAuthenticationDisabled $true), whatever the organisation's setting; often by a hardening script that turns it off for every mailbox.",
    fix: "Enable SMTP AUTH for the mailbox. If a script turns it off for every mailbox, leave this one out: smtpcfg lint --config smtpcfg.yaml on the script reports such lines (smtp-auth-disabled).",
    commands: ENABLE_SMTP_AUTH,
    links: [SMTP_AUTH_DISABLED, SMTP_AUTH_SETTINGS, SET_CAS_MAILBOX, ruleDocsUrl("smtp-auth-disabled")],
  },
  {
    id: "conditional-access",
    title: "A Conditional Access policy or Security Defaults blocked the login (535 5.7.139 … criteria)",
    codes: ["535 5.7.139"],
    cause:
      "The request did not meet the criteria to be authenticated: a Conditional Access policy, or Security Defaults, blocks the sign-in for app {app} or for {mailbox}.",
    fix: "In Microsoft Entra admin center › Sign-in logs, find the failed sign-in (service principal sign-ins, for app {app}) and the policy that blocked it; exclude the app or the mailbox from that policy, or meet its conditions (such as its allowed locations).",
    commands: [connectGraph("Policy.Read.All"), "Get-MgIdentityConditionalAccessPolicy | Format-Table DisplayName, State"],
    links: [SMTP_AUTH_SETTINGS],
  },
  {
    id: "basic-auth-disabled",
    title: "Basic authentication is disabled (535 5.7.139 … basic authentication is disabled)",
    codes: ["535 5.7.139"],
    cause:
      "The client logged in with a user name and password (AUTH LOGIN or AUTH PLAIN): basic authentication is disabled for SMTP AUTH in this tenant.",
    fix: USE_OAUTH,
    commands: [],
    links: [OAUTH_SMTP, SMTP_AUTH_SETTINGS],
  },
  {
    id: "client-not-authenticated",
    title: "The client sent mail without logging in (530 5.7.57)",
    codes: ["530 5.7.57"],
    cause:
      "The client sent MAIL FROM without a successful AUTH: it did not log in, or could not, because it did not start TLS first (Exchange Online offers AUTH only after STARTTLS).",
    fix: "Connect to {smtpHost} on port 587, STARTTLS, then AUTH XOAUTH2 as {mailbox}. In Omada: secureSocketOptions StartTls.",
    commands: [],
    links: [OAUTH_SMTP, DEVICE_OR_APPLICATION_SMTP, ruleDocsUrl("tls-mode")],
  },
  {
    id: "sendas-denied",
    title: "The app may not send as this From address (550 5.7.60, 554 5.2.252)",
    codes: ["550 5.7.60", "554 5.2.252"],
    cause:
      "The message's From address {from} is not the mailbox that logged in ({mailbox}), and app {app}'s service principal has no SendAs permission on {from}.",
    fix: "Send From {mailbox}, or let the service principal send as {from}: in the config, access: [FullAccess, SendAs] on that mailbox, then smtpcfg generate and the generated 02-exchange-online.ps1, or the commands below.",
    commands: [
      CONNECT_EXCHANGE,
      "Get-RecipientPermission -Identity {from} -Trustee {servicePrincipalObjectId}",
      "Add-RecipientPermission -Identity {from} -Trustee {servicePrincipalObjectId} -AccessRights SendAs -Confirm:$false",
    ],
    links: [ADD_RECIPIENT_PERMISSION, OAUTH_SMTP],
  },
  {
    id: "ip-blocked",
    title: "Exchange Online does not accept mail from this IP address (550 5.7.708)",
    codes: ["550 5.7.708"],
    cause: "The IP address this client connects from is in a range of low reputation; this happens most to new and trial tenants.",
    fix: "Open a support case with Microsoft for the tenant; until it is solved, send from another network.",
    commands: [],
    links: [],
  },
  {
    id: "basic-auth-not-supported",
    title: "Basic authentication is not supported for client submission (550 5.7.30)",
    codes: ["550 5.7.30"],
    cause: "The client used basic authentication (a password) for client submission, which Exchange Online no longer supports.",
    fix: USE_OAUTH,
    commands: [],
    links: [OAUTH_SMTP],
  },
  {
    id: "mailbox-logon-failure",
    title: "Exchange Online could not open the mailbox (430 4.2.0 STOREDRV; mailbox logon failure)",
    codes: ["430 4.2.0"],
    cause:
      "Exchange Online could not log on to the mailbox {mailbox} while taking the message. It is seen with client credentials; Microsoft documents no cause. A 4xx reply means the failure is temporary.",
    fix: "Send again later. If it persists, check that {mailbox} is a user or shared mailbox that exists, and that the service principal has FullAccess on it.",
    commands: [CONNECT_EXCHANGE, "Get-Mailbox -Identity {mailbox} | Format-List RecipientTypeDetails", FULL_ACCESS],
    links: [ADD_MAILBOX_PERMISSION],
  },
];
