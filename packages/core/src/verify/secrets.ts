import { redactSecrets } from "../lint/literal-secrets.js";

/** Shorter values are not worth hiding, and hiding them would garble unrelated text. */
const SHORTEST = 4;

/** The secrets, private keys and tokens one verify run has handled: every text it reports passes through `redact`. */
export class SecretKeeper {
  readonly #values = new Set<string>();

  add(value: string): void {
    if (value.length < SHORTEST) return;
    this.#values.add(value);
    // As JSON would quote it, so that a JSON text is covered too.
    this.#values.add(JSON.stringify(value).slice(1, -1));
    // As a request body or URL carries it (msal-node posts the secret form-encoded): a server or
    // proxy that repeats the request in its error would show it so.
    this.#values.add(encodeURIComponent(value));
    this.#values.add(new URLSearchParams({ value }).toString().slice("value=".length));
  }

  redact(text: string): string {
    return this.#values.size === 0 ? text : redactSecrets(text, [...this.#values]).text;
  }

  /** A copy of a value with every string in it redacted. */
  redactAll<T>(value: T): T {
    if (typeof value === "string") return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactAll(item)) as T;
    if (typeof value === "object" && value !== null)
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactAll(item)])) as T;
    return value;
  }
}
