import { redactSecrets } from "../lint/literal-secrets.js";
import { HIDDEN, JWTS } from "../text/secret-shape.js";

/** Shorter values are not worth hiding, and hiding them would garble unrelated text. */
const SHORTEST = 4;

/** The secrets, private keys and tokens one verify run has handled, and any JWT: every text it reports passes through `redact`. */
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

  /**
   * The text with every value met hidden, and every JWT: besides the access token, msal-node signs
   * a client assertion with the private key, a credential for minutes that verify never sees until
   * a server repeats the request it came in.
   */
  redact(text: string): string {
    const known = this.#values.size === 0 ? text : redactSecrets(text, [...this.#values]).text;
    return known.replace(JWTS, HIDDEN);
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
