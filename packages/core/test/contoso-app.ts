/**
 * The start of a test config: tenant contoso and its app omada-smtp, up to the app's clientId.
 * Tests go on from there with what they are about (the app's credential, mailboxes, Omada entries).
 */
export const CONTOSO_APP = `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: omada-smtp
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
`;
