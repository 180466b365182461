import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";

const contexts = new Map<string, SecureContext>();

/**
 * A TLS context that trusts the system's CA certificates and `ca` (PEM): given to each connection,
 * never set process-wide. One per CA for all connections, as building one parses every trusted
 * certificate, tens of milliseconds each time.
 */
export function trustingContext(ca: string): SecureContext {
  let context = contexts.get(ca);
  if (!context) {
    context = createSecureContext({ ca: [...rootCertificates, ca] });
    contexts.set(ca, context);
  }
  return context;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|ERR_SSL|HOSTNAME|ALTNAME/;

/** Whether a socket error code is a TLS failure: a certificate not trusted, expired or for another name, a failed handshake. */
export function isTlsCode(code: string | undefined): boolean {
  return code !== undefined && TLS_CODES.test(code);
}
