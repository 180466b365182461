/** Secrets a test knows, by what they are: "client secret", "private key", "access token". */
export type KnownSecrets = Readonly<Record<string, string>>;

/** Long secrets are also searched for in pieces of this length: a truncated or wrapped copy is a leak too. */
const PIECE = 24;

/** An access token of any issuer: three base64url parts, the first two JSON objects ("eyJ" is base64 of '{"'). */
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;

/** The forms a secret may take in output: as is, escaped in JSON or a URL, base64, and its pieces. */
function forms(secret: string): string[] {
  // A PEM is searched by its base64 body: a copy may be re-wrapped, or escaped in JSON.
  const body = secret.includes("-----BEGIN") ? secret.replace(/-----[A-Z ]+-----|\s/g, "") : secret;
  const pieces: string[] = [];
  if (body.length > PIECE)
    for (let start = 0; start + PIECE <= body.length; start += PIECE / 2) pieces.push(body.slice(start, start + PIECE));
  const bytes = Buffer.from(secret);
  return [
    secret,
    body,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    bytes.toString("base64"),
    bytes.toString("base64url"),
    ...pieces,
  ];
}

/** The names of the known secrets that `text` holds in any form, and "an access token" for any JWT-shaped string. */
export function secretsIn(text: string, secrets: KnownSecrets): string[] {
  const found = Object.entries(secrets)
    .filter(([, secret]) => forms(secret).some((form) => text.includes(form)))
    .map(([name]) => name);
  if (JWT.test(text)) found.push("a JWT-shaped access token");
  return found;
}
