import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { omadaConfig } from "../../../test/omada-config.js";
import { testRule } from "../../../test/rule-tester.js";
import { hostKnown } from "./host-known.js";

const GLOBAL = "Exchange Online takes SMTP AUTH submission on smtp.office365.com";

const host = (value: string, message: string | RegExp, others: Parameters<typeof xml>[0] = {}) => {
  const text = xml({ ...others, host: value });
  return { config: text, findings: [{ ...valueAt(text, "host", value), message }] };
};

testRule(hostKnown, {
  kind: "xml",
  valid: [
    xml(),
    xml({ host: "SMTP.Office365.com" }),
    xml({ host: "smtp.office365.com." }),
    xml({ instance: "https://login.microsoftonline.us", host: "smtp.office365.us", scopes: "https://outlook.office365.us/.default" }),
    // Third-party sources disagree on DoD's host: none of them is reported.
    xml({
      instance: "https://login.microsoftonline.us",
      host: "outlook-dod.office365.us",
      scopes: "https://outlook-dod.office365.us/.default",
    }),
    xml({
      instance: "https://login.microsoftonline.us",
      host: "outlook.office365.us",
      scopes: "https://outlook-dod.office365.us/.default",
    }),
    xml({ instance: "https://login.chinacloudapi.cn", host: "smtp.partner.outlook.cn", scopes: "https://partner.outlook.cn/.default" }),
    // A host of another cloud is cloud-consistency's; a missing one required-attribute's.
    xml({ host: "smtp.office365.us" }),
    xml({ host: null }),
    // A value whose quotes do not match runs on into the next attribute: xml-syntax reports the one mistake.
    xml({ host: "smtp.office365.com' port=\"587" }),
  ],
  invalid: [
    {
      name: "consumer Outlook.com's host",
      ...host(
        "smtp-mail.outlook.com",
        `host "smtp-mail.outlook.com" is the SMTP host for consumer Outlook.com and Hotmail accounts, not for Exchange Online work mailboxes. ${GLOBAL}`,
      ),
    },
    {
      name: "the legacy endpoint",
      ...host(
        "smtp-legacy.office365.com",
        `host "smtp-legacy.office365.com" is Exchange Online's legacy endpoint, kept for old clients that cannot use TLS 1.2; Omada's mail client can, and new setups belong on the documented host. ${GLOBAL}`,
      ),
    },
    {
      name: "the Outlook web and IMAP host",
      ...host(
        "outlook.office365.com",
        /^host "outlook\.office365\.com" is the Outlook web, IMAP and POP host \(and the resource the token is for\)/,
      ),
    },
    {
      name: "the tenant's MX endpoint",
      ...host(
        "contoso-com.mail.protection.outlook.com",
        /is the tenant's MX endpoint, for direct send and connector relay on port 25: it takes no SMTP AUTH/,
      ),
    },
    {
      name: "the authority host",
      ...host("login.microsoftonline.com", /is the token authority \(login\) host, not an SMTP host: it belongs in instance\. /),
    },
    {
      name: "a typo, with a did-you-mean",
      ...host(
        "smtp.office356.com",
        `host "smtp.office356.com" is not a known Exchange Online submission host; did you mean "smtp.office365.com"? ${GLOBAL}; if this is a relay or a test server on purpose, suppress this finding`,
      ),
    },
    {
      name: "a relay of the organisation",
      ...host(
        "relay.contoso.com",
        /^host "relay\.contoso\.com" is not a known Exchange Online submission host\. Exchange Online takes SMTP AUTH submission on smtp\.office365\.com; if this is a relay/,
      ),
    },
    {
      name: "an empty host, as an error",
      config: xml({ host: "" }),
      findings: [{ line: 4, column: 20, severity: "error", message: `host is empty, so Omada has nowhere to send mail. ${GLOBAL}` }],
    },
    {
      name: "a host with its port",
      ...host(
        "smtp.office365.com:587",
        `host "smtp.office365.com:587" is not a bare host name: write the port in port and only the host name here. ${GLOBAL}`,
      ),
    },
    {
      name: "an unknown host where the authority is in GCC High or DoD",
      ...host(
        "smtp.contoso.us",
        /Exchange Online takes SMTP AUTH submission on smtp\.office365\.us \(gcc-high\) or outlook-dod\.office365\.us \(dod\);/,
        {
          instance: "https://login.microsoftonline.us",
        },
      ),
    },
    {
      name: "an unknown host with no authority to tell the cloud",
      ...host("mail.contoso.com", /submission on smtp\.office365\.com \(in the global cloud\); if this/, { instance: null }),
    },
  ],
});

// The config's endpoints.smtpHost is for the emulator and relays: any host will do but Microsoft's hosts for something else.
testRule(hostKnown, {
  valid: [
    omadaConfig([""]),
    omadaConfig([""], { endpoints: "{ smtpHost: 127.0.0.1 }" }),
    omadaConfig([""], { top: "{ smtpHost: relay.contoso.com }" }),
    omadaConfig([""], { endpoints: "{ smtpHost: smtp.office365.com }" }),
  ],
  invalid: [
    {
      name: "consumer Outlook.com's host, at the top level",
      config: omadaConfig([""], { top: "{ smtpHost: smtp-mail.outlook.com }" }),
      findings: [
        {
          line: 2,
          column: 24,
          severity: "warning",
          message:
            'endpoints.smtpHost "smtp-mail.outlook.com" is the SMTP host for consumer Outlook.com and Hotmail accounts, not for Exchange Online work mailboxes. Exchange Online takes SMTP AUTH submission on smtp.office365.com',
        },
      ],
    },
    {
      name: "the tenant's MX endpoint, in a tenant's own endpoints",
      config: omadaConfig([""], { endpoints: "{ smtpHost: contoso-com.mail.protection.outlook.com }" }),
      findings: [
        {
          line: 6,
          column: 28,
          severity: "warning",
          message:
            /^tenants\[0\]\.endpoints\.smtpHost "contoso-com\.mail\.protection\.outlook\.com" is the tenant's MX endpoint, .* Exchange Online takes SMTP AUTH submission on smtp\.office365\.com$/,
        },
      ],
    },
  ],
});
