// Text that stands in for a value someone still has to fill in. One list for every rule: a
// tenant id, a client id or a mailbox that is a placeholder cannot work, while a client secret
// that is a placeholder is exactly what a file in git should hold (the value is filled in Omada).

/** Template markers: {{name}}, <name>, ${name}, %NAME%, $Name. */
const TEMPLATE = /\{\{.*\}\}|<[^>]*>|\$\{[^}]*\}|^%[A-Za-z_][\w.-]*%$|^\$[A-Za-z_]\w*$/;

/** Words people write instead of a value: xxx, ***, REPLACE_ME, changeme, your-secret-here, TODO. */
const WORDS =
  /^(?:x{2,}|\*{2,}|\.{3}|…|undefined|null|none|n\/a|tbd|todo|fixme|placeholder|replace[-_ ]?me|replace[-_ ]?with\b.*|change[-_ ]?me|changeit|your[-_ ]?[a-z][a-z0-9 _-]*)$/i;

/** Whether a value is empty or a placeholder rather than a real value. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === "" || TEMPLATE.test(trimmed) || WORDS.test(trimmed);
}
