/** The namespace of Omada's notificationSettings, for test cases. */
export const NS = "http://schemas.omada.net/ois/2022/NotificationSettingsML";

/** A client credentials element that lints clean, attribute by attribute (one a line). */
export const CREDENTIALS = [
  'instance="https://login.microsoftonline.com"',
  'clientId="7a83471e-a8c7-4c06-8120-77b9aa56fa04"',
  'clientSecret="{{SMTP_CLIENT_SECRET}}"',
  'tenantId="2487abfa-47fc-4f60-8af4-2b857b17432c"',
  'userName="omada-notify@contoso.com"',
  'scopes="https://outlook.office365.com/.default"',
];

export const NETWORK = 'host="smtp.office365.com" port="587" secureSocketOptions="StartTls"';

/** A whole notificationSettings file that lints clean; the parts can be replaced to make a case. */
export function settingsXml(parts: { declaration?: string; root?: string; network?: string; credentials?: string } = {}): string {
  const declaration = parts.declaration ?? '<?xml version="1.0" encoding="utf-8"?>\n';
  const root = parts.root ?? `notificationSettings xmlns="${NS}"`;
  const credentials = parts.credentials ?? `<azureAdClientCredentials\n        ${CREDENTIALS.join("\n        ")} />`;
  return `${declaration}<${root}>
  <smtp>
    <network ${parts.network ?? NETWORK}>
      ${credentials}
    </network>
  </smtp>
</${root.split(" ")[0]}>
`;
}
