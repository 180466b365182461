import { ruleDocsUrl } from "../docs-url.js";
import { CONNECT_EXCHANGE, connectGraph, EXCHANGE_REGISTRATION, SERVICE_PRINCIPAL, SIGNED_IN_TENANT } from "./commands.js";
import type { KnowledgeEntry } from "./entry.js";
import {
  ACCESS_TOKEN_CLAIMS,
  ADD_MAILBOX_PERMISSION,
  APP_AND_SERVICE_PRINCIPAL,
  CLIENT_CREDENTIALS_FLOW,
  GRANT_ADMIN_CONSENT,
  NEW_SERVICE_PRINCIPAL,
  OAUTH_SMTP,
} from "./links.js";

// What verify finds in the token Entra ID issued (KNOWLEDGE §2): Entra issues it, Exchange Online
// refuses it later with a bare 535 5.7.3.

export const TOKEN_CLAIM_ENTRIES: readonly KnowledgeEntry[] = [
  {
    id: "consent-missing",
    title: "Admin consent for SMTP.SendAsApp is missing (no role in the token)",
    codes: [],
    cause:
      "The token issued to app {app} has no SMTP.SendAsApp in its roles claim. Entra ID issues a client-credentials token even without admin consent, only without roles, and Exchange Online then refuses the login with 535 5.7.3. The application permission SMTP.SendAsApp of Office 365 Exchange Online is missing, was added as the delegated SMTP.Send instead, or was never consented to.",
    fix: "In Microsoft Entra admin center › App registrations › {app} › API permissions: Add a permission › APIs my organization uses › Office 365 Exchange Online › Application permissions › SMTP.SendAsApp, then Grant admin consent. The commands below grant it with Microsoft Graph PowerShell, as the generated 01-entra-app.ps1 does. The next token carries the role; Exchange Online needs no change.",
    commands: [
      connectGraph("Application.Read.All", "AppRoleAssignment.ReadWrite.All"),
      `$servicePrincipal = ${SERVICE_PRINCIPAL}`,
      `$exchange = Get-MgServicePrincipal -Filter "appId eq '00000002-0000-0ff1-ce00-000000000000'"`,
      "$sendAsApp = $exchange.AppRoles | Where-Object { $_.Value -eq 'SMTP.SendAsApp' -and $_.AllowedMemberTypes -contains 'Application' }",
      "New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $servicePrincipal.Id -PrincipalId $servicePrincipal.Id -ResourceId $exchange.Id -AppRoleId $sendAsApp.Id",
    ],
    links: [GRANT_ADMIN_CONSENT, OAUTH_SMTP, ACCESS_TOKEN_CLAIMS],
  },
  {
    id: "token-audience",
    title: "The token is for another resource than Exchange Online (aud)",
    codes: [],
    cause:
      "The token's audience (aud) is not the Outlook resource of the tenant's cloud: it was requested for another resource, most often Microsoft Graph (https://graph.microsoft.com/.default). Exchange Online accepts only tokens issued for itself.",
    fix: "Request https://outlook.office365.com/.default (the global cloud; the Outlook resource of the tenant's cloud elsewhere) instead of {scope}. Graph's Mail.Send is another way to send mail, not SMTP.",
    commands: [],
    links: [OAUTH_SMTP, ACCESS_TOKEN_CLAIMS, ruleDocsUrl("scope-default")],
  },
  {
    id: "tenant-mismatch",
    title: "The token comes from another tenant than the config's (tid)",
    codes: [],
    cause:
      "The token's tenant (tid) is not {tenantId}: the authority {authority} names another tenant, or tenantId is a domain of another tenant, so the app signed in there (a multi-tenant app can).",
    fix: "Set tenantId to the tenant's id (a GUID) as the commands below print it, signed in as an administrator of the tenant the mailbox is in.",
    commands: SIGNED_IN_TENANT,
    links: [ACCESS_TOKEN_CLAIMS, CLIENT_CREDENTIALS_FLOW],
  },
  {
    id: "wrong-sp-object-id",
    title: "Exchange Online was given the wrong object id: App registration vs Enterprise application",
    codes: [],
    cause:
      "The token's oid, the object id of app {app}'s service principal, is {tokenOid}, but the config's servicePrincipalObjectId is {servicePrincipalObjectId}. An app has two object ids: its App registration's (App registrations › Overview › Object ID; the config's applicationObjectId {applicationObjectId}) and its Enterprise application's, the service principal (Enterprise applications › Overview › Object ID). New-ServicePrincipal needs the Enterprise application's. Given any other id it succeeds, and every SMTP login then fails with 535 5.7.3.",
    fix: "Set servicePrincipalObjectId to {tokenOid} in the config, run smtpcfg generate, then generated/{tenant}/02-exchange-online.ps1; it stops at the old registration and says to remove it. By hand: check the registration, remove it, register the Enterprise application's object id, and give that registration FullAccess (and SendAs where the config asks) on {mailbox} again, as the commands below do.",
    commands: [
      CONNECT_EXCHANGE,
      EXCHANGE_REGISTRATION,
      "Remove-ServicePrincipal -Identity {servicePrincipalObjectId}",
      "New-ServicePrincipal -AppId {clientId} -ObjectId {tokenOid} -DisplayName {app}",
      "Add-MailboxPermission -Identity {mailbox} -User {tokenOid} -AccessRights FullAccess",
    ],
    links: [APP_AND_SERVICE_PRINCIPAL, NEW_SERVICE_PRINCIPAL, ADD_MAILBOX_PERMISSION, ruleDocsUrl("object-id-confusion")],
  },
  {
    id: "token-expired",
    title: "The token has expired (exp)",
    codes: [],
    cause: "The token's expiry time (exp) is in the past: this machine's clock is wrong, or a token was used after it expired.",
    fix: "Set this machine's clock right (synchronise it with a time server), then run again: every run requests a new token.",
    commands: [],
    links: [ACCESS_TOKEN_CLAIMS],
  },
];
