// PowerShell that several entries run, written once. `{clientId}` and the other placeholders are
// filled by renderEntry as single-quoted literals; `{0}` is PowerShell's own format item.

export const CONNECT_EXCHANGE = "Connect-ExchangeOnline -ShowBanner:$false";

/** Microsoft Graph PowerShell, signed in to the config's tenant with these permissions. */
export function connectGraph(...scopes: string[]): string {
  return `Connect-MgGraph -TenantId {tenantId} -Scopes ${scopes.map((scope) => `'${scope}'`).join(", ")} -NoWelcome`;
}

/** The app registration of the config's client id. */
export const APPLICATION = `Get-MgApplication -Filter ("appId eq '{0}'" -f {clientId})`;

/** The app's service principal (Enterprise application) in Entra ID. */
export const SERVICE_PRINCIPAL = `Get-MgServicePrincipal -Filter ("appId eq '{0}'" -f {clientId})`;

/** The registration of the app in Exchange Online, with the object id Exchange was given. */
export const EXCHANGE_REGISTRATION = "Get-ServicePrincipal | Where-Object AppId -eq {clientId} | Format-List DisplayName, AppId, ObjectId";

/** Which tenant an administrator's sign-in lands in: its id is what tenantId takes. */
export const SIGNED_IN_TENANT = ["Connect-MgGraph -NoWelcome", "Get-MgContext | Format-List TenantId, Account"];

/** The app's client secrets: KeyId is a secret's ID, Hint the first characters of its Value. */
export const CLIENT_SECRETS = [
  connectGraph("Application.Read.All"),
  `${APPLICATION} | Select-Object -ExpandProperty PasswordCredentials | Format-Table DisplayName, KeyId, Hint, EndDateTime`,
];

/** SMTP AUTH of the mailbox and of the organisation, then enabled for the mailbox. */
export const ENABLE_SMTP_AUTH = [
  CONNECT_EXCHANGE,
  "Get-CASMailbox -Identity {mailbox} | Format-List SmtpClientAuthenticationDisabled",
  "Get-TransportConfig | Format-List SmtpClientAuthenticationDisabled",
  "Set-CASMailbox -Identity {mailbox} -SmtpClientAuthenticationDisabled $false",
];
