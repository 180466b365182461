/** Where the emulator writes one line per token request and per SMTP session. */
export type Log = (line: string) => void;

const MAX_SHOWN = 80;

/**
 * A value a client sent (a tenant, a client id, an address), as a log line shows it: control
 * characters replaced, cut to a bounded length, `-` when absent. Never used for secrets or tokens,
 * which the log does not name at all.
 */
export function shown(value: string | undefined): string {
  if (value === undefined || value === "") return "-";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const clean = value.replace(/[\u0000-\u001f\u007f\s]/g, "?");
  return clean.length > MAX_SHOWN ? `${clean.slice(0, MAX_SHOWN)}…` : clean;
}
