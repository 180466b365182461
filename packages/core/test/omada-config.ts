/**
 * A config with one tenant, its app and mailbox, and Omada entries written as flow mappings
 * after `name` and `mailbox` (line 14 on, at most ten): the entries' own keys start at column 58. `endpoints`
 * is the tenant's endpoints block, `top` the top-level one (each a flow mapping, or none).
 */
export function omadaConfig(entries: readonly string[], { endpoints, top }: { endpoints?: string; top?: string } = {}): string {
  return `version: 1
${top === undefined ? "# no top-level endpoints" : `endpoints: ${top}`}
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    ${endpoints === undefined ? "# no endpoints" : `endpoints: ${endpoints}`}
    apps:
      - name: omada-smtp
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
        credential: { clientSecret: { env: CONTOSO_SMTP_SECRET } }
    mailboxes:
      - { address: omada-notify@contoso.com, app: omada-smtp }
    omada:
${entries.map((keys, index) => `      - { name: env${index}, mailbox: omada-notify@contoso.com${keys === "" ? "" : `, ${keys}`} }`).join("\n")}
`;
}

/** Line and column of where a key's value starts in entry `index` of omadaConfig, the entry's keys given in order. */
export function entryAt(index: number, keys: string, key: string): { line: number; column: number } {
  const before = keys.slice(0, keys.indexOf(`${key}: `) + key.length + 2);
  return { line: 14 + index, column: 58 + before.length };
}
