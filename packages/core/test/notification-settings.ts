// A well-formed Omada notificationSettings file for rule tests, with any value replaced or left
// out, and the position of a piece of its text, so that tests do not count columns by hand.

export interface SettingsValues {
  host?: string | null;
  port?: string | null;
  secureSocketOptions?: string | null;
  instance?: string | null;
  clientId?: string | null;
  clientSecret?: string | null;
  tenantId?: string | null;
  userName?: string | null;
  scopes?: string | null;
}

const DEFAULTS: Required<{ [Key in keyof SettingsValues]: string }> = {
  host: "smtp.office365.com",
  port: "587",
  secureSocketOptions: "StartTls",
  instance: "https://login.microsoftonline.com",
  clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
  clientSecret: "{{CLIENT_SECRET}}",
  tenantId: "2487abfa-47fc-4f60-8af4-2b857b17432c",
  userName: "omada-notify@contoso.com",
  scopes: "https://outlook.office365.com/.default",
};

const NETWORK_KEYS = ["host", "port", "secureSocketOptions"] as const;
const CREDENTIAL_KEYS = ["instance", "clientId", "clientSecret", "tenantId", "userName", "scopes"] as const;

/** `null` leaves an attribute out; values are written as given (escape them yourself). */
export function notificationSettings(values: SettingsValues = {}): string {
  const value = (key: keyof SettingsValues) => (key in values ? values[key] : DEFAULTS[key]);
  const network = NETWORK_KEYS.flatMap((key) => (value(key) === null ? [] : [` ${key}="${value(key)}"`])).join("");
  const credentials = CREDENTIAL_KEYS.flatMap((key) => (value(key) === null ? [] : [`\n        ${key}="${value(key)}"`])).join("");
  return `<?xml version="1.0" encoding="utf-8"?>
<notificationSettings xmlns="http://schemas.omada.net/ois/2022/NotificationSettingsML">
  <smtp>
    <network${network}>
      <azureAdClientCredentials${credentials} />
    </network>
  </smtp>
</notificationSettings>
`;
}

/** The 1-based line and column of the first `needle` in `text`, plus `shift` characters. */
export function at(text: string, needle: string, shift = 0): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} is not in the text`);
  const before = text.slice(0, offset + shift);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: before.length - lineStart + 1 };
}

/** Where an attribute's value starts. */
export function valueAt(text: string, name: string, value: string): { line: number; column: number } {
  return at(text, `${name}="${value}"`, name.length + 2);
}
