/**
 * A config of one tenant, app and mailbox, with what a YAML test varies: text before it (`top`:
 * a directive, a comment), the version, the app's displayName (a line of its own, only when
 * given), its clientSecret and the credential's expires.
 */
export function configWith(
  options: { top?: string; version?: string; displayName?: string; secret?: string; expires?: string } = {},
): string {
  return `${options.top ?? ""}version: ${options.version ?? "1"}
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: omada-smtp
${options.displayName === undefined ? "" : `        displayName: ${options.displayName}\n`}        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
        credential:
          clientSecret: ${options.secret ?? "{ env: CONTOSO_SMTP_SECRET }"}
          expires: ${options.expires ?? "2099-05-31"}
    mailboxes:
      - address: omada-notify@contoso.com
        app: omada-smtp
`;
}
