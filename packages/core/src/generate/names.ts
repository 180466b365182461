/**
 * Names Windows reserves for devices: a folder or file so named cannot be checked out there (with
 * an extension neither, but a dot is already refused). The schema's fileName definition
 * (schemas/smtpcfg.schema.json) has the same pattern, so that lint reports such a name where it is
 * written; a test keeps the two equal.
 */
export const DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * What the schema takes as a name (its slug definition): lower-case letters, digits and dashes,
 * starting with a letter or digit, at most SLUG_MAX_LENGTH long. A test keeps both equal to the
 * schema's, as for DEVICE_NAME.
 */
export const SLUG = /^[a-z0-9][a-z0-9-]*$/;
export const SLUG_MAX_LENGTH = 63;

/**
 * Why a tenant or Omada name cannot name a folder or file, or undefined when it can. The schema
 * already restricts names to lower-case letters, digits and dashes; this holds even when a config
 * reaches the generator without it.
 */
export function unsafeName(name: string): string | undefined {
  if (!SLUG.test(name) || name.length > SLUG_MAX_LENGTH) {
    return "cannot name a generated folder or file: use lower-case letters, digits and dashes (no dots, slashes or spaces), starting with a letter or digit";
  }
  if (DEVICE_NAME.test(name)) return "is a device name on Windows, where a folder or file of that name cannot exist; choose another name";
  return undefined;
}
