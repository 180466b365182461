import { describe, expect, it } from "vitest";
import { KNOWLEDGE } from "./knowledge.js";
import { matchText } from "./match.js";

const ids = (text: string) => matchText(text).map((entry) => entry.id);
const SUFFIX = "[BN0PR04CA0123.namprd04.prod.outlook.com 2026-11-27T06:51:00.123Z 08DE2C4D5E6F7A8B]";

describe("matchText finds each entry by its own codes", () => {
  const coded = KNOWLEDGE.flatMap((entry) => entry.codes.map((code) => [code, entry.id] as const));

  it.each(coded)("%s → %s", (code, id) => {
    expect(ids(code)).toContain(id);
    expect(ids(code.toLowerCase())).toContain(id);
    if (code.startsWith("AADSTS")) {
      expect(ids(code)[0]).toBe(id);
      expect(ids(`${code}: something went wrong`)[0]).toBe(id);
      expect(ids(code.replace("AADSTS", "aadsts ")), "spaced").toContain(id);
      expect(ids(code.replace("AADSTS", "")), "the bare number").toContain(id);
    } else {
      const [basic, enhanced] = code.split(" ");
      expect(ids(`${code} ${SUFFIX}`)).toContain(id);
      expect(ids(`  ${basic}   ${enhanced}  `)).toContain(id);
      expect(ids(`${basic}-${enhanced} text`)).toContain(id);
      expect(ids(enhanced as string), "the enhanced status code alone").toContain(id);
      expect(ids(`Invalid login: ${code}`)).toContain(id);
    }
  });
});

describe("matchText on real error texts", () => {
  const cases: [string, string[]][] = [
    [`535 5.7.3 Authentication unsuccessful ${SUFFIX}`, ["smtp-auth-failed"]],
    ["Invalid login: 535 5.7.3 Authentication unsuccessful [SN4PR0501CA0022.namprd05.prod.outlook.com]", ["smtp-auth-failed"]],
    [
      `535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. ${SUFFIX}`,
      ["smtp-auth-disabled-tenant"],
    ],
    [
      "535  5.7.139   AUTHENTICATION UNSUCCESSFUL,  SMTPCLIENTAUTHENTICATION IS DISABLED FOR THE MAILBOX. Visit https://aka.ms/smtp_auth_disabled for more information.",
      ["smtp-auth-disabled-mailbox"],
    ],
    ["5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.", ["smtp-auth-disabled-mailbox"]],
    [
      `535 5.7.139 Authentication unsuccessful, the request did not meet the criteria to be authenticated successfully. Contact your administrator. ${SUFFIX}`,
      ["conditional-access"],
    ],
    [`535 5.7.139 Authentication unsuccessful, basic authentication is disabled. ${SUFFIX}`, ["basic-auth-disabled"]],
    ["535 5.7.139", ["smtp-auth-disabled-tenant", "smtp-auth-disabled-mailbox", "conditional-access", "basic-auth-disabled"]],
    [`530 5.7.57 Client not authenticated to send mail. ${SUFFIX}`, ["client-not-authenticated"]],
    [`Message failed: 550 5.7.60 SMTP; Client does not have permissions to send as this sender ${SUFFIX}`, ["sendas-denied"]],
    [
      "554 5.2.252 SendAsDenied; omada-notify@contoso.com not allowed to send as ceo@contoso.com; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot submit message. 0.35250:0A006F85, 1.36674:0A000000[EndDiagnosticData]",
      ["sendas-denied"],
    ],
    [`550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. AS(7230) ${SUFFIX}`, ["ip-blocked"]],
    [`550 5.7.30 Basic authentication is not supported for Client Submission. ${SUFFIX}`, ["basic-auth-not-supported"]],
    [
      "430 4.2.0 STOREDRV; mailbox logon failure; Failed to process message due to a transient exception with message [BeginDiagnosticData]",
      ["mailbox-logon-failure"],
    ],
    [
      "invalid_client: Error(s): 7000215 - Timestamp: 2026-11-27 06:51:00Z - Description: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '7a83471e-a8c7-4c06-8120-77b9aa56fa04'. Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333 Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd Timestamp: 2026-11-27 06:51:00Z - Correlation ID: aaaa0000-bb11-2222-33cc-444444dddddd - Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333",
      ["invalid-client-secret"],
    ],
    [
      '{"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app \'7a83471e-a8c7-4c06-8120-77b9aa56fa04\' are expired. Visit the Azure portal to create new keys for your app.\\r\\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\\r\\nTimestamp: 2026-11-27 06:51:00Z","error_codes":[7000222]}',
      ["client-secret-expired"],
    ],
    [
      "AADSTS700016: Application with identifier '9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f' was not found in the directory 'Contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.",
      ["app-not-found"],
    ],
    [
      "AADSTS90002: Tenant 'contoso.onmicrosft.com' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
      ["tenant-not-found"],
    ],
    [
      "AADSTS900023: Specified tenant identifier 'undefined' is neither a valid DNS name, nor a valid external domain.",
      ["tenant-malformed"],
    ],
    [
      "aadsts1002012: the provided value for scope smtp.sendasapp is not valid. client credential flows must have a scope value with /.default suffixed to the resource identifier (application id uri).",
      ["scope-not-default"],
    ],
    [
      "AADSTS500011: The resource principal named https://outlook.office365.com was not found in the tenant named Contoso. This can happen if the application has not been installed by the administrator of the tenant.",
      ["resource-not-found"],
    ],
    ["AADSTS7000112: Application '7a83471e-a8c7-4c06-8120-77b9aa56fa04'(SMTP AUTH) is disabled.", ["app-disabled"]],
    [
      "invalid_client: AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: 'A1B2C3']",
      ["certificate-rejected"],
    ],
    [
      "AADSTS50194: Application '7a83471e-a8c7-4c06-8120-77b9aa56fa04'(SMTP AUTH) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.",
      ["multi-tenant-authority"],
    ],
    ["AADSTS50000: There was an error issuing a token.", ["token-endpoint-error"]],
    ["server_error: the service is busy", ["token-endpoint-error"]],
    [
      "network_error: Network request failed. Please check network trace to determine root cause. | Fetch client threw: Error: connect ECONNREFUSED 127.0.0.1:443 | Attempted to reach: https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
      ["token-endpoint-unreachable", "smtp-unreachable"],
    ],
    ["connect ECONNREFUSED 127.0.0.1:587", ["smtp-unreachable"]],
    ["Error upgrading connection with STARTTLS", ["starttls-missing"]],
    ["the server does not offer STARTTLS", ["starttls-missing"]],
    ["Error initiating TLS - self-signed certificate in certificate chain", ["tls-failed"]],
    ["Client network socket disconnected before secure TLS connection was established", ["tls-failed"]],
    ['"error_uri":"https://login.microsoftonline.com/error?code=700016"', ["app-not-found"]],
    ["Greeting never received", ["timeout"]],
    [
      "TLS with 127.0.0.1:4443 failed: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE) | Attempted to reach: https://127.0.0.1:4443/contoso/oauth2/v2.0/token",
      ["token-endpoint-tls-failed", "tls-failed"],
    ],
    [
      "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      ["client-credential-not-sent"],
    ],
    ["The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", ["client-credential-not-sent"]],
    ['"alg" parameter for "ec" key type must be one of: ES256, ES384, ES512.', ["private-key-not-rsa"]],
    ["secretOrPrivateKey has a minimum key size of 2048 bits for PS256", ["private-key-not-rsa"]],
    ["-----BEGIN ENCRYPTED PRIVATE KEY-----", ["private-key-encrypted"]],
    ["The environment variable CONTOSO_SMTP_SECRET is not set", ["credential-missing"]],
    ["the token has no roles: admin consent for SMTP.SendAsApp is missing", ["consent-missing"]],
  ];

  it.each(cases)("%s", (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it.each([
    "",
    "   ",
    "hello world",
    "250 2.0.0 OK",
    "2026-11-27",
    "235 2.7.0 Authentication successful",
    "535 5.7.8 Error: authentication failed",
  ])("finds nothing in %j", (text) => {
    expect(ids(text)).toEqual([]);
  });
});
