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

/** Every run of base64 in `text`, decoded: an XOAUTH2 argument, for one, holds the token inside a longer string. */
function decodedBase64(text: string): string {
  return (text.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []).map((word) => Buffer.from(word, "base64").toString("latin1")).join("\n");
}

/**
 * The names of the known secrets that `text` holds in any form, also inside base64, and "a
 * JWT-shaped access token" for any token of any issuer.
 */
export function secretsIn(text: string, secrets: KnownSecrets): string[] {
  const searched = `${text}\n${decodedBase64(text)}`;
  const found = Object.entries(secrets)
    .filter(([, secret]) => forms(secret).some((form) => searched.includes(form)))
    .map(([name]) => name);
  if (JWT.test(searched)) found.push("a JWT-shaped access token");
  return found;
}
