import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { testRule } from "../../../test/rule-tester.js";
import { cloudConsistency } from "./cloud-consistency.js";

/** A config whose tenant has `tenantLines` (cloud, endpoints) and an optional top-level block before `tenants:`. */
const config = (tenantLines: string, topLevel = "") => `version: 1
${topLevel}tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
${tenantLines}`;

const WHY = "a token from one cloud is refused by the other (AADSTS90002, AADSTS90038, or 535 5.7.3)";
/** How a finding that rests on a value from third-party sources ends (KNOWLEDGE.md §3). */
const UNVERIFIED = (
  basis: string,
  keep = "If the value is right for this tenant, keep it: endpoints.smtpHost overrides the cloud's default",
) => `. A warning, not an error, as the mapping is unverified: ${basis} only from third-party sources. ${keep}`;

testRule(cloudConsistency, {
  valid: [
    config(""),
    config(
      "    cloud: global\n    endpoints:\n      authority: https://login.microsoftonline.com\n      smtpHost: smtp.office365.com\n      scope: https://outlook.office365.com/.default\n",
    ),
    // GCC shares the commercial endpoints.
    config(
      "    cloud: gcc\n    endpoints:\n      authority: https://login.microsoftonline.com\n      smtpHost: smtp.office365.com\n      scope: https://outlook.office365.com/.default\n",
    ),
    config(
      "    cloud: gcc-high\n    endpoints:\n      authority: https://login.microsoftonline.us\n      smtpHost: smtp.office365.us\n      scope: https://outlook.office365.us/.default\n",
    ),
    config(
      "    cloud: dod\n    endpoints:\n      authority: https://login.microsoftonline.us\n      smtpHost: outlook-dod.office365.us\n      scope: https://outlook-dod.office365.us/.default\n",
    ),
    config(
      "    cloud: china\n    endpoints:\n      authority: https://login.chinacloudapi.cn\n      smtpHost: smtp.partner.outlook.cn\n      scope: https://partner.outlook.cn/.default\n",
    ),
    config("    cloud: china\n    endpoints:\n      authority: https://login.partner.microsoftonline.cn\n"),
    // The emulator and proxies belong to no cloud: nothing to compare.
    config(
      "    cloud: gcc-high\n    endpoints:\n      authority: https://127.0.0.1:8443\n      smtpHost: 127.0.0.1\n      smtpPort: 2587\n",
    ),
    config("    endpoints:\n      authority: https://login-proxy.corp.contoso.com\n      smtpHost: smtp-relay.corp.contoso.com\n"),
    // Top-level endpoints that fit the tenant's cloud.
    config("    cloud: gcc-high\n", "endpoints:\n  smtpHost: smtp.office365.us\n"),
    // The tenant's own endpoint wins over the top-level one.
    config("    cloud: gcc-high\n    endpoints:\n      smtpHost: smtp.office365.us\n", "endpoints:\n  smtpHost: smtp.office365.com\n"),
    // A cloud the schema rejected is reported by the schema; this rule does not guess global.
    config("    cloud: GCC-High\n    endpoints:\n      smtpHost: smtp.office365.us\n"),
    // Nor does it guess global for a misspelt key: the cloud is in the file, under a wrong name.
    config("    cloudd: gcc-high\n    endpoints:\n      smtpHost: smtp.office365.us\n"),
  ],
  invalid: [
    {
      name: "a tenant SMTP host of GCC High in a global tenant, as a warning: that host's cloud is unverified",
      config: config("    cloud: global\n    endpoints:\n      smtpHost: smtp.office365.us\n"),
      findings: [
        {
          line: 7,
          column: 17,
          severity: "warning",
          message: `tenants[0].endpoints.smtpHost "smtp.office365.us" belongs to the gcc-high or dod cloud, but tenant "contoso" is in the global cloud (line 5): ${WHY}. Fix the cloud or the endpoint${UNVERIFIED("the placement of smtp.office365.us in the gcc-high or dod cloud comes")}`,
        },
      ],
    },
    {
      name: "a commercial authority URL in a china tenant, as an error: both authority hosts are verified",
      config: config("    cloud: china\n    endpoints:\n      authority: https://login.microsoftonline.com/\n"),
      findings: [
        {
          line: 7,
          column: 18,
          message: `tenants[0].endpoints.authority "https://login.microsoftonline.com/" belongs to the global or gcc cloud, but tenant "contoso" is in the china cloud (line 5): ${WHY}. Fix the cloud or the endpoint`,
        },
      ],
    },
    {
      name: "a commercial scope in a dod tenant, as a warning: the dod scope is unverified",
      config: config("    cloud: dod\n    endpoints:\n      scope: https://outlook.office365.com/.default\n"),
      findings: [
        {
          line: 7,
          column: 14,
          severity: "warning",
          message: `tenants[0].endpoints.scope "https://outlook.office365.com/.default" belongs to the global or gcc cloud, but tenant "contoso" is in the dod cloud (line 5): ${WHY}. Fix the cloud or the endpoint${UNVERIFIED(
            "the dod token scope (https://outlook-dod.office365.us/.default) comes",
            "If the value is right for this tenant, keep it: endpoints.scope overrides the cloud's default",
          )}`,
        },
      ],
    },
    {
      name: "a US government host in a tenant that sets no cloud (global by default)",
      config: config("    endpoints:\n      smtpHost: SMTP.Office365.us\n"),
      findings: [
        {
          line: 6,
          column: 17,
          severity: "warning",
          message: `tenants[0].endpoints.smtpHost "SMTP.Office365.us" belongs to the gcc-high or dod cloud, but tenant "contoso" is in the global cloud (the default, as it sets no cloud): ${WHY}. Fix the cloud or the endpoint${UNVERIFIED("the placement of smtp.office365.us in the gcc-high or dod cloud comes")}`,
        },
      ],
    },
    {
      name: "a china host in a gcc-high tenant, naming both unverified values",
      config: config("    cloud: gcc-high\n    endpoints:\n      smtpHost: smtp.partner.outlook.cn\n"),
      findings: [
        {
          line: 7,
          column: 17,
          severity: "warning",
          message: `tenants[0].endpoints.smtpHost "smtp.partner.outlook.cn" belongs to the china cloud, but tenant "contoso" is in the gcc-high cloud (line 5): ${WHY}. Fix the cloud or the endpoint${UNVERIFIED(
            "the gcc-high SMTP host (smtp.office365.us) and the placement of smtp.partner.outlook.cn in the china cloud come",
          )}`,
        },
      ],
    },
    {
      name: "a DoD-only host in a gcc-high tenant",
      config: config("    cloud: gcc-high\n    endpoints:\n      smtpHost: outlook-dod.office365.us\n"),
      findings: [
        {
          line: 7,
          column: 17,
          severity: "warning",
          message:
            /"outlook-dod\.office365\.us" belongs to the dod cloud, but tenant "contoso" is in the gcc-high cloud.*A warning, not an error/,
        },
      ],
    },
    {
      name: "a top-level endpoint that does not fit the tenant, pointing at the top-level value",
      config: config("    cloud: gcc-high\n", "endpoints:\n  smtpHost: smtp.office365.com\n"),
      findings: [
        {
          line: 3,
          column: 13,
          severity: "warning",
          message: `endpoints.smtpHost "smtp.office365.com" belongs to the global or gcc cloud, but tenant "contoso" is in the gcc-high cloud (line 7): ${WHY}. Fix the cloud or the endpoint${UNVERIFIED("the gcc-high SMTP host (smtp.office365.us) comes")}`,
        },
      ],
    },
    {
      name: "endpoints of two different other clouds, one finding each: an error for the verified authority, a warning for the unverified SMTP host",
      config: config(
        "    cloud: china\n    endpoints:\n      authority: https://login.microsoftonline.us\n      smtpHost: smtp.office365.com\n",
      ),
      findings: [
        {
          line: 7,
          column: 18,
          message:
            /endpoints\.authority "https:\/\/login\.microsoftonline\.us" belongs to the gcc-high or dod cloud, but tenant "contoso" is in the china cloud/,
        },
        {
          line: 8,
          column: 17,
          severity: "warning",
          message:
            /endpoints\.smtpHost "smtp\.office365\.com" belongs to the global or gcc cloud, but tenant "contoso" is in the china cloud.*: the china SMTP host \(smtp\.partner\.outlook\.cn\) comes only from third-party sources/,
        },
      ],
    },
    {
      name: "every endpoint of one other cloud: the cloud is the one mistake, reported once, as an error since the authority is verified",
      config: config(
        "    cloud: global\n    endpoints:\n      authority: https://login.microsoftonline.us\n      scope: https://outlook.office365.us/.default\n      smtpHost: smtp.office365.us\n",
      ),
      findings: [
        {
          line: 5,
          column: 12,
          message: `tenants[0].cloud "global" does not match the tenant's endpoints: authority, scope and smtpHost belong to the gcc-high or dod cloud (lines 7, 8, 9); ${WHY}. Fix the cloud or the endpoints`,
        },
      ],
    },
    {
      name: "every endpoint of one other cloud and no cloud set: one finding at the tenant",
      config: config("    endpoints:\n      authority: https://login.chinacloudapi.cn\n      smtpHost: smtp.partner.outlook.cn\n"),
      findings: [
        {
          line: 3,
          column: 5,
          message: `tenants[0] sets no cloud, so it is in the global cloud, but its authority and smtpHost belong to the china cloud (lines 6, 7): ${WHY}. Add cloud: china, or fix the endpoints`,
        },
      ],
    },
    {
      name: "a top-level endpoint that fits several tenants badly: one finding naming them all",
      config: `version: 1
endpoints:
  smtpHost: smtp.office365.us
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    cloud: global
  - name: fabrikam
    tenantId: fabrikam.onmicrosoft.com
  - name: tailspin
    tenantId: tailspin.onmicrosoft.com
    cloud: gcc-high
`,
      findings: [
        {
          line: 3,
          column: 13,
          severity: "warning",
          message: `endpoints.smtpHost "smtp.office365.us" belongs to the gcc-high or dod cloud, but tenant "contoso" is in the global cloud (line 7) and tenant "fabrikam" is in the global cloud (the default, as it sets no cloud): ${WHY}. Fix the cloud or the endpoint${UNVERIFIED(
            "the placement of smtp.office365.us in the gcc-high or dod cloud comes",
            "If the value is right for these tenants, keep it: endpoints.smtpHost overrides the cloud's default",
          )}`,
        },
      ],
    },
    {
      name: "a top-level endpoint checked against every tenant",
      config: `version: 1
endpoints:
  smtpHost: smtp.office365.us
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    cloud: gcc-high
  - name: fabrikam
    tenantId: fabrikam.onmicrosoft.com
    cloud: gcc
`,
      findings: [
        {
          line: 3,
          column: 13,
          severity: "warning",
          message:
            /^endpoints\.smtpHost "smtp\.office365\.us" belongs to the gcc-high or dod cloud, but tenant "fabrikam" is in the gcc cloud \(line 10\)/,
        },
      ],
    },
    {
      name: "every endpoint of one other cloud, all unverified: one warning at the cloud",
      config: config(
        "    cloud: global\n    endpoints:\n      scope: https://outlook.office365.us/.default\n      smtpHost: smtp.office365.us\n",
      ),
      findings: [
        {
          line: 5,
          column: 12,
          severity: "warning",
          message: `tenants[0].cloud "global" does not match the tenant's endpoints: scope and smtpHost belong to the gcc-high or dod cloud (lines 7, 8); ${WHY}. Fix the cloud or the endpoints${UNVERIFIED(
            "the placement of outlook.office365.us and smtp.office365.us in the gcc-high or dod cloud comes",
            "If the values are right for this tenant, keep them: endpoints override the cloud's defaults",
          )}`,
        },
      ],
    },
    {
      name: "an authority host given as the SMTP host of a global tenant: an error, as only verified values are involved",
      config: config("    cloud: global\n    endpoints:\n      smtpHost: login.microsoftonline.us\n"),
      findings: [
        {
          line: 7,
          column: 17,
          message: `tenants[0].endpoints.smtpHost "login.microsoftonline.us" belongs to the gcc-high or dod cloud, but tenant "contoso" is in the global cloud (line 5): ${WHY}. Fix the cloud or the endpoint`,
        },
      ],
    },
    {
      name: "a top-level endpoint that is a verified mistake for one tenant and an unverified one for another: an error",
      config: `version: 1
endpoints:
  authority: https://login.microsoftonline.us
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
  - name: contoso-cn
    tenantId: contoso.partner.onmschina.cn
    cloud: china
`,
      findings: [
        {
          line: 3,
          column: 14,
          message: `endpoints.authority "https://login.microsoftonline.us" belongs to the gcc-high or dod cloud, but tenant "contoso" is in the global cloud (the default, as it sets no cloud) and tenant "contoso-cn" is in the china cloud (line 9): ${WHY}. Fix the cloud or the endpoint`,
        },
      ],
    },
  ],
});

const GLOBAL_SCOPE = "https://outlook.office365.com/.default";
const US = { instance: "https://login.microsoftonline.us", host: "smtp.office365.us", scopes: "https://outlook.office365.us/.default" };
const XML_UNVERIFIED = (hosts: string) =>
  `. A warning, not an error, as the mapping is unverified: the placement of ${hosts} only from third-party sources. If the values are right, keep them and suppress this finding`;

// In notificationSettings there is no cloud to compare with: instance, host and scopes are compared with each other.
testRule(cloudConsistency, {
  kind: "xml",
  valid: [
    xml(),
    xml(US),
    xml({
      instance: "https://login.microsoftonline.us",
      host: "outlook-dod.office365.us",
      scopes: "https://outlook-dod.office365.us/.default",
    }),
    xml({ instance: "https://login.chinacloudapi.cn", host: "smtp.partner.outlook.cn", scopes: "https://partner.outlook.cn/.default" }),
    xml({
      instance: "https://login.partner.microsoftonline.cn",
      host: "smtp.partner.outlook.cn",
      scopes: "https://partner.outlook.cn/.default",
    }),
    // The emulator and relays belong to no cloud: nothing to compare.
    xml({ instance: "https://127.0.0.1:8443", host: "127.0.0.1", scopes: "https://127.0.0.1/.default" }),
    xml({ host: "relay.contoso.com" }),
    // A permission as scope has no host: scope-default reports it.
    xml({ scopes: "SMTP.SendAsApp" }),
    xml({ instance: null, scopes: null }),
  ],
  invalid: [
    {
      name: "a US Government authority with global host and scope: the authority is the odd one out",
      config: xml({ instance: "https://login.microsoftonline.us" }),
      findings: [
        {
          ...valueAt(xml({ instance: "https://login.microsoftonline.us" }), "instance", "https://login.microsoftonline.us"),
          message: `instance "https://login.microsoftonline.us" belongs to the gcc-high or dod cloud, but host "smtp.office365.com" and scopes "${GLOBAL_SCOPE}" belong to the global or gcc cloud: ${WHY}. Use the instance, host and scopes of one cloud`,
        },
      ],
    },
    {
      name: "a GCC High SMTP host in a global file, as a warning: that host's cloud is unverified",
      config: xml({ host: "smtp.office365.us" }),
      findings: [
        {
          ...valueAt(xml({ host: "smtp.office365.us" }), "host", "smtp.office365.us"),
          severity: "warning",
          message: `host "smtp.office365.us" belongs to the gcc-high or dod cloud, but instance "https://login.microsoftonline.com" and scopes "${GLOBAL_SCOPE}" belong to the global or gcc cloud: ${WHY}. Use the instance, host and scopes of one cloud${XML_UNVERIFIED("smtp.office365.us comes")}`,
        },
      ],
    },
    {
      name: "a global scope in a GCC High file, as a warning",
      config: xml({ ...US, scopes: GLOBAL_SCOPE }),
      findings: [
        {
          ...valueAt(xml({ ...US, scopes: GLOBAL_SCOPE }), "scopes", GLOBAL_SCOPE),
          severity: "warning",
          message:
            /^scopes "https:\/\/outlook\.office365\.com\/\.default" belongs to the global or gcc cloud, but instance "https:\/\/login\.microsoftonline\.us" and host "smtp\.office365\.us" belong to the gcc-high or dod cloud: .*the placement of smtp\.office365\.us comes only/,
        },
      ],
    },
    {
      name: "a China authority with global host and scope, as an error: every placement is verified",
      config: xml({ instance: "https://login.chinacloudapi.cn" }),
      findings: [{ line: 6, column: 19, message: /^instance "https:\/\/login\.chinacloudapi\.cn" belongs to the china cloud, but host/ }],
    },
    {
      name: "without instance, the scope is judged against the host",
      config: xml({ instance: null, scopes: "https://partner.outlook.cn/.default" }),
      findings: [
        {
          line: 10,
          column: 17,
          severity: "warning",
          message:
            /^scopes "https:\/\/partner\.outlook\.cn\/\.default" belongs to the china cloud, but host "smtp\.office365\.com" belongs to the global or gcc cloud: .*the placement of partner\.outlook\.cn comes only/,
        },
      ],
    },
    {
      name: "three clouds: host and scopes each judged against the authority",
      config: xml({ host: "smtp.partner.outlook.cn", scopes: "https://outlook-dod.office365.us/.default" }),
      findings: [
        {
          line: 4,
          column: 20,
          severity: "warning",
          message:
            /^host "smtp\.partner\.outlook\.cn" belongs to the china cloud, but instance "https:\/\/login\.microsoftonline\.com" belongs to the global or gcc cloud/,
        },
        {
          line: 11,
          column: 17,
          severity: "warning",
          message: /^scopes "https:\/\/outlook-dod\.office365\.us\/\.default" belongs to the dod cloud, but instance/,
        },
      ],
    },
  ],
});
