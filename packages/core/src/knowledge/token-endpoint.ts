import { ruleDocsUrl } from "../docs-url.js";
import { APPLICATION, CLIENT_SECRETS, connectGraph, SERVICE_PRINCIPAL, SIGNED_IN_TENANT } from "./commands.js";
import type { KnowledgeEntry } from "./entry.js";
import { CLIENT_CREDENTIALS_FLOW, ENTRA_ERROR_CODES, OAUTH_SMTP } from "./links.js";

// What Entra ID's token endpoint answers (KNOWLEDGE §5, Entra's error code reference).

const NEW_CLIENT_SECRET =
  "Create a new client secret (App registrations › {app} › Certificates & secrets › New client secret, or generated/{tenant}/01-entra-app.ps1 -NewClientSecret, the script smtpcfg generate writes) and put its Value where the config reads it. Put it in the environment variable {variable} when the config reads it from there. Put it in the file {file} when the config reads it from there. Entra ID shows the Value only once, right after creating it.";

const OUTLOOK_SCOPE =
  "Request the Outlook resource of the tenant's cloud with /.default: https://outlook.office365.com/.default in the global cloud (smtpcfg takes it from the tenant's cloud). In Omada this is the scopes attribute of azureAdClientCredentials; smtpcfg generate writes it.";

export const TOKEN_ENDPOINT_ENTRIES: readonly KnowledgeEntry[] = [
  {
    id: "invalid-client-secret",
    title: "Entra ID rejected the client secret (AADSTS7000215)",
    codes: ["AADSTS7000215"],
    cause:
      "The client secret sent for app {app} (client id {clientId}) is not one of its secrets. Most often it is the secret's ID (a GUID, the Secret ID column) instead of its Value; otherwise it was copied incompletely, or belongs to another app registration.",
    fix: `Put the secret's Value, not its Secret ID, where the config reads it. The commands below list the app's secrets: KeyId is a secret's ID, Hint the first characters of its Value. If the Value is lost, the secret cannot be used: ${NEW_CLIENT_SECRET}`,
    commands: CLIENT_SECRETS,
    links: [ENTRA_ERROR_CODES, ruleDocsUrl("secret-id-as-secret")],
  },
  {
    id: "client-secret-expired",
    title: "The client secret has expired (AADSTS7000222)",
    codes: ["AADSTS7000222"],
    cause: "The client secret sent for app {app} has passed its expiry date: Entra ID no longer accepts it.",
    fix: `${NEW_CLIENT_SECRET} Then set credential.expires in the config to the new secret's expiry date, so that smtpcfg lint warns before it expires, and delete the expired secret.`,
    commands: CLIENT_SECRETS,
    links: [ENTRA_ERROR_CODES, ruleDocsUrl("secret-expiry")],
  },
  {
    id: "client-credential-not-sent",
    title: "The token request carried no client secret or client assertion (AADSTS7000218)",
    codes: ["AADSTS7000218"],
    cause:
      "Entra ID got a token request for app {app} (client id {clientId}) with neither a client_secret nor a client_assertion: the client sent no credential at all. Most often the secret it was given is empty (an environment variable not set where the client runs, an attribute left blank), and the client left it out of the request.",
    fix: "Give the client the client secret's Value (or the certificate) where it reads it: in Omada, the clientSecret attribute of azureAdClientCredentials in notificationSettings, which smtpcfg generate writes from the config. smtpcfg verify never sends a request without one: it reports a variable that is not set, or a file it cannot read, as credential-missing.",
    commands: CLIENT_SECRETS,
    links: [ENTRA_ERROR_CODES, CLIENT_CREDENTIALS_FLOW],
  },
  {
    id: "app-not-found",
    title: "No app with this client id in the tenant (AADSTS700016)",
    codes: ["AADSTS700016"],
    cause:
      "Tenant {tenantId} has no application with the client id {clientId}: the client id is wrong (an object id given as the client id is a common mistake), the app registration lives in another tenant or was deleted, or the authority names another tenant or cloud.",
    fix: "Copy the Application (client) ID from Microsoft Entra admin center › App registrations › {app} › Overview, in the tenant the config names, into the app's clientId. smtpcfg lint reports an object id given as the client id (object-id-confusion).",
    commands: [
      connectGraph("Application.Read.All"),
      `${APPLICATION} | Format-List DisplayName, AppId, Id`,
      `${SERVICE_PRINCIPAL} | Format-List DisplayName, AppId, Id`,
    ],
    links: [ENTRA_ERROR_CODES, ruleDocsUrl("object-id-confusion")],
  },
  {
    id: "tenant-not-found",
    title: "Entra ID knows no such tenant (AADSTS90002)",
    codes: ["AADSTS90002", "AADSTS90038"],
    cause:
      "The authority {authority} names a tenant ({tenantId}) that Entra ID does not know there: the tenant id or domain is mistyped, the tenant was deleted, or it belongs to another cloud (a US Government or China tenant asked at login.microsoftonline.com, or the reverse; AADSTS90038).",
    fix: "Sign in as an administrator of the tenant and copy its tenant id into tenantId (the commands below print it). Set the tenant's cloud in the config, so that the authority, the SMTP host and the scope all belong to that cloud (add -Environment to Connect-MgGraph for a national cloud).",
    commands: SIGNED_IN_TENANT,
    links: [ENTRA_ERROR_CODES, ruleDocsUrl("cloud-consistency"), ruleDocsUrl("tenant-id-format")],
  },
  {
    id: "tenant-malformed",
    title: "The tenant id is neither a GUID nor a domain (AADSTS900023)",
    codes: ["AADSTS900023"],
    cause:
      "The tenant in the authority ({tenantId}) is neither a valid DNS name nor a GUID: typically a template placeholder that was never filled in, or a script variable that was never set.",
    fix: "Give the tenant's id (a GUID) or one of its verified domains (such as contoso.onmicrosoft.com) as tenantId.",
    commands: SIGNED_IN_TENANT,
    links: [ENTRA_ERROR_CODES, ruleDocsUrl("tenant-id-format")],
  },
  {
    id: "multi-tenant-authority",
    title: "Client credentials need the tenant in the authority, not /common (AADSTS9001023, AADSTS50194)",
    codes: ["AADSTS9001023", "AADSTS50194"],
    cause:
      "The token was requested from a multi-tenant authority (/common or /organizations) instead of the tenant's own: a client-credentials token is always issued by one tenant, so the authority must name it.",
    fix: "Set tenantId to the tenant's id (a GUID) or verified domain: the authority then ends with it instead of /common or /organizations.",
    commands: SIGNED_IN_TENANT,
    links: [ENTRA_ERROR_CODES, CLIENT_CREDENTIALS_FLOW, ruleDocsUrl("tenant-id-format")],
  },
  {
    id: "scope-not-default",
    title: "The scope must be a resource with /.default (AADSTS1002012)",
    codes: ["AADSTS1002012"],
    cause:
      "The scope {scope} names a permission (such as SMTP.SendAsApp or SMTP.Send) instead of a resource: the client credentials grant takes the resource with /.default, and the token then carries every application permission the app was granted.",
    fix: OUTLOOK_SCOPE,
    commands: [],
    links: [CLIENT_CREDENTIALS_FLOW, OAUTH_SMTP, ruleDocsUrl("scope-default")],
  },
  {
    id: "invalid-scope",
    title: "The scope is not valid (AADSTS70011)",
    codes: ["AADSTS70011"],
    cause:
      "Entra ID rejected the scope {scope}: it is not a resource with /.default, names several resources where the client credentials grant takes one, or is mistyped.",
    fix: OUTLOOK_SCOPE,
    commands: [],
    links: [ENTRA_ERROR_CODES, CLIENT_CREDENTIALS_FLOW, ruleDocsUrl("scope-default")],
  },
  {
    id: "resource-not-found",
    title: "The resource of the scope is not in the tenant (AADSTS500011)",
    codes: ["AADSTS500011"],
    cause:
      "The resource the scope {scope} names has no service principal in tenant {tenantId}: the resource is mistyped or another cloud's, the request went to the wrong tenant, or the tenant has no Exchange Online (no service principal of Office 365 Exchange Online).",
    fix: `${OUTLOOK_SCOPE} The commands below show whether the tenant has Office 365 Exchange Online.`,
    commands: [
      connectGraph("Application.Read.All"),
      `Get-MgServicePrincipal -Filter "appId eq '00000002-0000-0ff1-ce00-000000000000'" | Format-List DisplayName, AppId, Id`,
    ],
    links: [ENTRA_ERROR_CODES, ruleDocsUrl("cloud-consistency")],
  },
  {
    id: "app-disabled",
    title: "The application is disabled (AADSTS7000112)",
    codes: ["AADSTS7000112"],
    cause: "App {app}'s service principal (its Enterprise application) is disabled in the tenant, so Entra ID issues it no token.",
    fix: "Find out who disabled it and why (Microsoft Entra admin center › Audit logs), then enable it: Enterprise applications › {app} › Properties › Enabled for users to sign in: Yes, or the commands below.",
    commands: [
      connectGraph("Application.ReadWrite.All"),
      `${SERVICE_PRINCIPAL} | Format-List DisplayName, Id, AccountEnabled`,
      "Update-MgServicePrincipal -ServicePrincipalId {servicePrincipalObjectId} -AccountEnabled:$true",
    ],
    links: [ENTRA_ERROR_CODES],
  },
  {
    id: "certificate-rejected",
    title: "Entra ID rejected the certificate's client assertion (AADSTS700027)",
    codes: ["AADSTS700027", "AADSTS700024", "AADSTS700021", "AADSTS700023"],
    cause:
      "The client assertion signed with the certificate {file} was refused: the certificate is not uploaded to app {app} (or another one is), the private key does not belong to it, the certificate has expired, this machine's clock is off (AADSTS700024: the assertion is not within its valid time range), or the assertion names another app or authority than the request (AADSTS700021, AADSTS700023).",
    fix: "Upload the certificate's public part to App registrations › {app} › Certificates & secrets (the generated 01-entra-app.ps1 uploads the config's certificateFile), check that the private key file belongs to that certificate, and that this machine's clock is right.",
    commands: [
      connectGraph("Application.Read.All"),
      `${APPLICATION} | Select-Object -ExpandProperty KeyCredentials | Format-Table DisplayName, StartDateTime, EndDateTime`,
    ],
    links: [ENTRA_ERROR_CODES],
  },
  {
    id: "token-endpoint-error",
    title: "The token endpoint answered with another error",
    codes: [],
    cause:
      "The token endpoint {authority} answered with an error that has no entry here, or with a server error (HTTP 5xx) that persisted after retries.",
    fix: "Look the AADSTS code up in Microsoft's error code reference (https://login.microsoftonline.com/error?code=NUMBER shows its current description). A server error is on Entra ID's side: try again later.",
    commands: [],
    links: [ENTRA_ERROR_CODES],
  },
];
