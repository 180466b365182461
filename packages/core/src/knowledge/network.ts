import { ruleDocsUrl } from "../docs-url.js";
import type { KnowledgeEntry } from "./entry.js";
import { CERTIFICATE_CREDENTIALS, CONFIG_REFERENCE, DEVICE_OR_APPLICATION_SMTP, OAUTH_SMTP } from "./links.js";

// What goes wrong on this machine or between it and Microsoft, before Entra ID or Exchange
// Online can say anything.

export const NETWORK_ENTRIES: readonly KnowledgeEntry[] = [
  {
    id: "credential-missing",
    title: "The client secret or certificate could not be read",
    codes: [],
    cause:
      "App {app}'s credential could not be read here. The environment variable {variable} that the config names for it is not set, or is empty. The file {file} that the config names for it is missing or cannot be read.",
    fix: "Set the environment variable {variable} to the client secret's Value where smtpcfg runs. Make the file {file} readable here; a relative path in the config is relative to the config's folder. Keep the secret itself out of the config file.",
    commands: [],
    links: [CONFIG_REFERENCE, ruleDocsUrl("inline-secret")],
  },
  {
    id: "private-key-not-rsa",
    title: "The certificate's private key is not an RSA key of 2048 bits or more: no token was requested",
    codes: [],
    cause:
      "The private key file {file} of app {app} holds a key that cannot sign Entra ID's client assertion (the step's detail says which key): Entra ID takes assertions signed with RSA (PS256, which msal-node uses, or RS256), so an EC (P-256 …), Ed25519 or RSA-PSS key cannot be used, and msal-node refuses an RSA key shorter than 2048 bits. No token was requested.",
    fix: "Make an RSA certificate and private key of 2048 bits or more, for example with openssl req -x509 -newkey rsa:2048 -nodes -keyout app.key -out app.pem -days 365 -subj /CN=omada-smtp, upload the certificate to App registrations › {app} › Certificates & secrets (the generated 01-entra-app.ps1 uploads the config's certificateFile), and give the two files as certificateFile and privateKeyFile in the config.",
    commands: [],
    links: [CERTIFICATE_CREDENTIALS, CONFIG_REFERENCE],
  },
  {
    id: "private-key-encrypted",
    title: "The certificate's private key is encrypted: smtpcfg cannot read it",
    codes: [],
    cause:
      "The private key file {file} of app {app} is encrypted with a passphrase (BEGIN ENCRYPTED PRIVATE KEY, or Proc-Type: 4,ENCRYPTED), and the config has no place for one: smtpcfg reads only an unencrypted PEM private key. No token was requested.",
    fix: "Write the key out unencrypted, for example with openssl pkey -in encrypted.key -out app.key (it asks for the passphrase), to a file that only the account running smtpcfg can read, and give that file as privateKeyFile in the config. Keep it out of version control, as any credential.",
    commands: [],
    links: [CERTIFICATE_CREDENTIALS, CONFIG_REFERENCE],
  },
  {
    id: "starttls-missing",
    title: "The SMTP server offered no STARTTLS: the token was not sent",
    codes: [],
    cause:
      "{smtpHost} did not offer STARTTLS, so smtpcfg stopped before logging in: a token is never sent over an unencrypted connection. Exchange Online always offers it on port 587, so the host or port is not Exchange Online's, or a firewall in between (an SMTP inspection feature) removes STARTTLS from the server's answer.",
    fix: "Use the SMTP host of the tenant's cloud on port 587 (smtp.office365.com in the global cloud). If that is what is configured, find the device that removes STARTTLS and turn its SMTP inspection off for this traffic.",
    commands: [],
    links: [OAUTH_SMTP, ruleDocsUrl("tls-mode")],
  },
  {
    id: "tls-failed",
    title: "The TLS handshake failed: the token was not sent",
    codes: [],
    cause:
      "TLS with {smtpHost} failed, so the token was not sent: its certificate is not trusted here (a proxy that inspects TLS shows its own), does not name the host connected to, or has expired; or the two sides share no TLS version.",
    fix: "Connect by the host name the certificate names (smtp.office365.com, not an IP address). Behind a proxy that inspects TLS, give its CA certificate as caFile in the tenant's endpoints.",
    commands: [],
    links: [CONFIG_REFERENCE],
  },
  {
    id: "token-endpoint-tls-failed",
    title: "TLS with the token endpoint failed: no token was requested",
    codes: [],
    cause:
      "The TLS handshake with the token endpoint {authority} failed, so no token was requested: its certificate is not trusted here (a proxy that inspects TLS shows its own, signed by a CA this machine does not know; smtpcfg emulate's is trusted only through the caFile of its connection file), does not name the host connected to, or has expired; or the two sides share no TLS version.",
    fix: "Behind a proxy that inspects TLS, give its CA certificate (PEM) as caFile in the tenant's endpoints, or add it to the file NODE_EXTRA_CA_CERTS names before smtpcfg starts (appended to what that file holds, never in its place). Against smtpcfg emulate, pass its connection file with --endpoints: its caFile names the emulator's CA. Otherwise connect by the host name the certificate names.",
    commands: [],
    links: [CONFIG_REFERENCE],
  },
  {
    id: "token-endpoint-unreachable",
    title: "The token endpoint could not be reached",
    codes: [],
    cause:
      "No answer from the token endpoint {authority} after retries: the connection was refused, reset or timed out, the name did not resolve, or it answered 503. A firewall or proxy may block HTTPS from this machine.",
    fix: "Check that this machine reaches {authority} over HTTPS (port {authorityPort}), through the network's proxy where there is one; if Entra ID reports an outage, try again later.",
    commands: [],
    links: [CONFIG_REFERENCE],
  },
  {
    id: "authority-invalid",
    title: "msal-node refused the authority: no token was requested",
    codes: [],
    cause:
      "msal-node refused the token authority {authority} before sending anything, so no server answered: it takes only an https URL (authority_uri_insecure) that it can read (url_parse_error).",
    fix: "Give an https URL such as https://login.microsoftonline.com as the authority, or none for the cloud's own: endpoints.authority in the config (smtpcfg lint checks it), authority in the --endpoints file.",
    commands: [],
    links: [CONFIG_REFERENCE],
  },
  {
    id: "smtp-unreachable",
    title: "The SMTP server could not be reached",
    codes: [],
    cause:
      "No connection to {smtpHost}: it was refused or reset, the name did not resolve, or a firewall blocks outgoing port {smtpPort} (many networks and hosting providers block 587 and 25).",
    fix: "Check the host and port in the config; allow outgoing TCP to {smtpHost} on port {smtpPort}.",
    commands: ["Test-NetConnection -ComputerName {smtpHost} -Port {smtpPort}"],
    links: [DEVICE_OR_APPLICATION_SMTP],
  },
  {
    id: "timeout",
    title: "A network step timed out",
    codes: [],
    cause:
      "A step (the token request, connecting, TLS, the login or sending) did not finish within the timeout, its retries included (verify --timeout, 15 seconds unless set).",
    fix: "Run again; on a slow network give a longer --timeout. If it always times out, a firewall may drop the packets without refusing them: see smtpcfg explain smtp-unreachable and token-endpoint-unreachable.",
    commands: [],
    links: [],
  },
];
