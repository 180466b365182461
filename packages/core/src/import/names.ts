import { DEVICE_NAME, SLUG, SLUG_MAX_LENGTH } from "../generate/names.js";
import { isDomain } from "../text/identifiers.js";

/**
 * What the schema takes as a tenant's or an Omada entry's name: lower-case letters, digits and
 * dashes, starting with a letter or digit, at most 63, and no name Windows reserves for a device.
 */
export function isSlug(name: string): boolean {
  return SLUG.test(name) && name.length <= SLUG_MAX_LENGTH && !DEVICE_NAME.test(name);
}

/**
 * A name made of a piece of text (`Contoso Ltd.` → `contoso-ltd`), or undefined when nothing of it
 * is left, or what is left is a device name (`con.xml`), which generate could not name a file after.
 */
export function slugOf(text: string): string | undefined {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return slug === "" || DEVICE_NAME.test(slug) ? undefined : slug;
}

const SECOND_LEVEL = new Set(["co", "com", "org", "net", "gov", "ac", "edu"]);

/**
 * The organisation's label of a domain: the first of an `onmicrosoft` domain (`contoso` of
 * contoso.onmicrosoft.com), else the one before the top-level domain (`northwind` of
 * mail.northwind.co.uk), without a list of public suffixes: a name to check, not a truth.
 */
function organisationOf(domain: string): string | undefined {
  const labels = domain.toLowerCase().split(".");
  if (labels.at(-2) === "onmicrosoft") return labels[0];
  labels.pop();
  if (labels.length > 1 && SECOND_LEVEL.has(labels.at(-1) as string) && (domain.split(".").at(-1) as string).length === 2) labels.pop();
  return labels.at(-1);
}

/** A tenant name from the tenant id when it is a domain, else from the mailbox's domain. */
export function tenantNameOf(tenantId: string, mailbox: string): { name: string; from: string } | undefined {
  const domain = mailbox.slice(mailbox.lastIndexOf("@") + 1);
  for (const candidate of [tenantId, domain]) {
    const label = isDomain(candidate) ? slugOf(organisationOf(candidate) ?? "") : undefined;
    if (label !== undefined) return { name: label, from: candidate };
  }
  return undefined;
}

/** The environment variable an app's secret is read from: `CONTOSO_SMTP_SECRET` for tenant contoso. */
export function secretVariableOf(tenantName: string): string {
  const base = tenantName.toUpperCase().replace(/-/g, "_");
  return `${/^[0-9]/.test(base) ? `SMTPCFG_${base}` : base}_SMTP_SECRET`;
}
