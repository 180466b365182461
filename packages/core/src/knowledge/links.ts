import { PROJECT_URL } from "../docs-url.js";

// The pages the knowledge base points to, besides the rule pages of this project (ruleDocsUrl).

export const ENTRA_ERROR_CODES = "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes";
export const CERTIFICATE_CREDENTIALS = "https://learn.microsoft.com/en-us/entra/identity-platform/certificate-credentials";
export const CLIENT_CREDENTIALS_FLOW = "https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-client-creds-grant-flow";
export const ACCESS_TOKEN_CLAIMS = "https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference";
export const APP_AND_SERVICE_PRINCIPAL = "https://learn.microsoft.com/en-us/entra/identity-platform/app-objects-and-service-principals";
export const GRANT_ADMIN_CONSENT = "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/grant-admin-consent";
export const OAUTH_SMTP =
  "https://learn.microsoft.com/en-us/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth";
export const SMTP_AUTH_SETTINGS =
  "https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission";
export const SMTP_AUTH_DISABLED = "https://aka.ms/smtp_auth_disabled";
export const DEVICE_OR_APPLICATION_SMTP =
  "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365";
export const NEW_SERVICE_PRINCIPAL = "https://learn.microsoft.com/en-us/powershell/module/exchange/new-serviceprincipal";
export const SET_CAS_MAILBOX = "https://learn.microsoft.com/en-us/powershell/module/exchange/set-casmailbox";
export const ADD_MAILBOX_PERMISSION = "https://learn.microsoft.com/en-us/powershell/module/exchange/add-mailboxpermission";
export const ADD_RECIPIENT_PERMISSION = "https://learn.microsoft.com/en-us/powershell/module/exchange/add-recipientpermission";
export const CONFIG_REFERENCE = `${PROJECT_URL}/blob/main/docs/config.md`;
