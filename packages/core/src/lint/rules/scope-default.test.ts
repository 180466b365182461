import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { omadaConfig } from "../../../test/omada-config.js";
import { testRule } from "../../../test/rule-tester.js";
import { scopeDefault } from "./scope-default.js";

const AADSTS1002012 =
  'Entra refuses the token request with AADSTS1002012 ("The provided value for scope … is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier")';
const ROLES = "SMTP.SendAsApp is granted to the app in Entra and arrives in the token's roles claim; the request asks for";
const GLOBAL = '"https://outlook.office365.com/.default"';
const US = { instance: "https://login.microsoftonline.us", host: "smtp.office365.us" };

/** A case for one scopes value: the finding at the value, and the text after --fix when there is one. */
const scopes = (value: string, message: string | RegExp, others: Parameters<typeof xml>[0] = {}, fixed?: string, severity?: "warning") => {
  const text = xml({ ...others, scopes: value });
  return {
    config: text,
    findings: [{ ...valueAt(text, "scopes", value), message, ...(severity ? { severity } : {}) }],
    ...(fixed === undefined ? {} : { output: xml({ ...others, scopes: fixed }) }),
  };
};

testRule(scopeDefault, {
  kind: "xml",
  valid: [
    xml(),
    // Spaces around the value are no second scope.
    xml({ scopes: " https://outlook.office365.com/.default " }),
    // The other audience Exchange Online accepts.
    xml({ scopes: "https://outlook.office.com/.default" }),
    xml({ ...US, scopes: "https://outlook.office365.us/.default" }),
    xml({
      instance: "https://login.microsoftonline.us",
      host: "outlook-dod.office365.us",
      scopes: "https://outlook-dod.office365.us/.default",
    }),
    xml({ instance: "https://login.chinacloudapi.cn", host: "smtp.partner.outlook.cn", scopes: "https://partner.outlook.cn/.default" }),
    // A scope of another cloud's Outlook resource is cloud-consistency's.
    xml({ scopes: "https://outlook.office365.us/.default" }),
    // A test setup of no known cloud: no Outlook resource to expect.
    xml({ instance: "https://127.0.0.1:8443", host: "127.0.0.1", scopes: "https://127.0.0.1/.default" }),
    // A missing scopes attribute is required-attribute's.
    xml({ scopes: null }),
  ],
  invalid: [
    {
      name: "SMTP.SendAsApp, the permission, repaired to the global Outlook resource",
      ...scopes(
        "SMTP.SendAsApp",
        `scopes "SMTP.SendAsApp" is a permission, not a resource + /.default: ${AADSTS1002012}. ${ROLES} ${GLOBAL}`,
        {},
        "https://outlook.office365.com/.default",
      ),
    },
    {
      name: "SMTP.Send, with only the SMTP host to tell the cloud",
      ...scopes(
        "SMTP.Send",
        /^scopes "SMTP\.Send" is a permission, not a resource \+ \/\.default: Entra refuses/,
        { instance: null },
        "https://outlook.office365.com/.default",
      ),
    },
    {
      name: "the delegated permission as a URL",
      ...scopes(
        "https://outlook.office.com/SMTP.Send",
        /^scopes "https:\/\/outlook\.office\.com\/SMTP\.Send" is a permission/,
        {},
        "https://outlook.office365.com/.default",
      ),
    },
    {
      name: "the resource without /.default",
      ...scopes(
        "https://outlook.office365.com",
        /is a permission, not a resource \+ \/\.default: Entra refuses the token request with AADSTS1002012/,
        {},
        "https://outlook.office365.com/.default",
      ),
    },
    {
      name: "a Graph permission, which is the wrong resource too",
      ...scopes(
        "https://graph.microsoft.com/Mail.Send",
        `scopes "https://graph.microsoft.com/Mail.Send" is a permission, not a resource + /.default: ${AADSTS1002012}; and Microsoft Graph is the wrong resource anyway, as Exchange Online refuses a Graph token (535 5.7.3). ${ROLES} ${GLOBAL}`,
        {},
        "https://outlook.office365.com/.default",
      ),
    },
    {
      name: "the Graph resource: a token Exchange Online refuses",
      ...scopes(
        "https://graph.microsoft.com/.default",
        `scopes "https://graph.microsoft.com/.default" asks for a Microsoft Graph token: Entra issues it, but its audience is Graph, so Exchange Online refuses it with 535 5.7.3 Authentication unsuccessful. SMTP needs a token for the Outlook resource: ${GLOBAL}`,
        {},
        "https://outlook.office365.com/.default",
      ),
    },
    {
      name: "the resource and a permission together",
      ...scopes(
        "https://outlook.office365.com/.default offline_access",
        /^scopes "https:\/\/outlook\.office365\.com\/\.default offline_access" holds the permission "offline_access", not a resource/,
        {},
        "https://outlook.office365.com/.default",
      ),
    },
    {
      name: "two resources at once",
      ...scopes(
        "https://outlook.office365.com/.default https://graph.microsoft.com/.default",
        /asks for 2 resources at once: a client-credentials token is for one resource, and Entra refuses the request\. Ask only for "https:\/\/outlook\.office365\.com\/\.default"$/,
        {},
        "https://outlook.office365.com/.default",
      ),
    },
    {
      name: "an empty value",
      ...scopes("", `scopes is empty: ${AADSTS1002012}. Ask for ${GLOBAL}`, {}, "https://outlook.office365.com/.default"),
    },
    {
      name: "SMTP.SendAsApp in DoD: the resource is unverified, so it is named but not written by --fix",
      ...scopes(
        "SMTP.SendAsApp",
        `scopes "SMTP.SendAsApp" is a permission, not a resource + /.default: ${AADSTS1002012}. ${ROLES} "https://outlook-dod.office365.us/.default" (unverified: from third-party sources for the dod cloud)`,
        { instance: "https://login.microsoftonline.us", host: "outlook-dod.office365.us" },
      ),
    },
    {
      name: "SMTP.SendAsApp where the authority and host leave GCC High or DoD open: both resources named",
      ...scopes(
        "SMTP.SendAsApp",
        / asks for "https:\/\/outlook\.office365\.us\/\.default" \(gcc-high\) or "https:\/\/outlook-dod\.office365\.us\/\.default" \(dod\), from third-party sources$/,
        US,
      ),
    },
    {
      name: "SMTP.SendAsApp with a relay of no known cloud: the scope is still wrong, the right one uncertain",
      ...scopes("SMTP.SendAsApp", /^scopes "SMTP\.SendAsApp" is a permission/, { instance: "https://127.0.0.1:8443", host: "127.0.0.1" }),
    },
    {
      name: "another resource's /.default in the global cloud, as a warning",
      ...scopes(
        "api://omada-smtp/.default",
        `scopes "api://omada-smtp/.default" is not the Outlook resource of the global or gcc cloud: the token's audience would be that resource, and Exchange Online refuses a token for another one (535 5.7.3). Microsoft documents ${GLOBAL}; if a relay in front of Exchange Online expects this scope, suppress this finding`,
        {},
        undefined,
        "warning",
      ),
    },
  ],
});

// The config's endpoints.scope: what verify asks Entra for, and what generate writes as scopes.
testRule(scopeDefault, {
  valid: [
    omadaConfig([""]),
    omadaConfig([""], { endpoints: "{ scope: https://outlook.office365.com/.default }" }),
    omadaConfig([""], { top: "{ scope: https://outlook.office.com/.default }" }),
  ],
  invalid: [
    {
      name: "a Graph scope at the top level, which every tenant without its own asks for",
      config: omadaConfig([""], { top: "{ scope: https://graph.microsoft.com/.default }" }),
      findings: [
        {
          line: 2,
          column: 21,
          message:
            'endpoints.scope "https://graph.microsoft.com/.default" asks for a Microsoft Graph token: Entra issues it, but its audience is Graph, so Exchange Online refuses it with 535 5.7.3 Authentication unsuccessful. SMTP needs a token for the Outlook resource: "https://outlook.office365.com/.default"',
        },
      ],
    },
    {
      name: "a tenant's own scope that is a permission",
      config: omadaConfig([""], { endpoints: "{ scope: SMTP.SendAsApp }" }),
      findings: [
        {
          line: 6,
          column: 25,
          message:
            /^tenants\[0\]\.endpoints\.scope "SMTP\.SendAsApp" is a permission, not a resource \+ \/\.default: Entra refuses the token request with AADSTS1002012/,
        },
      ],
    },
    {
      name: "a resource of no cloud, for a tenant of the global cloud: a warning",
      config: omadaConfig([""], { endpoints: "{ scope: https://relay.contoso.com/.default }" }),
      findings: [
        {
          line: 6,
          column: 25,
          severity: "warning",
          message:
            /^tenants\[0\]\.endpoints\.scope "https:\/\/relay\.contoso\.com\/\.default" is not the Outlook resource of the global cloud/,
        },
      ],
    },
  ],
});
