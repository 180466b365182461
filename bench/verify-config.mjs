// A config for verifying many mailboxes: one tenant, `apps` apps sharing one client secret
// ({env: VERIFY_SECRET}), `mailboxes` mailboxes dealt round-robin to the apps. Used by
// bench/verify.mjs and by the CLI test that counts token requests.

/** A GUID made of a number, so that the same arguments give the same file. */
const guid = (prefix, n) => `${prefix}${String(n).padStart(7, "0")}-0000-4000-8000-000000000000`;

export const VERIFY_SECRET_VARIABLE = "VERIFY_SECRET";

export function verifyConfig({ apps, mailboxes }) {
  const lines = ["version: 1", "tenants:", "  - name: scale", "    tenantId: 5ca1e000-0000-4000-8000-000000000000", "    apps:"];
  for (let app = 0; app < apps; app++) {
    lines.push(
      `      - name: app-${app}`,
      `        clientId: ${guid("a", app)}`,
      "        credential:",
      `          clientSecret: { env: ${VERIFY_SECRET_VARIABLE} }`,
    );
  }
  lines.push("    mailboxes:");
  for (let mailbox = 0; mailbox < mailboxes; mailbox++)
    lines.push(`      - address: mailbox-${mailbox}@scale.example`, `        app: app-${mailbox % apps}`);
  return `${lines.join("\n")}\n`;
}
