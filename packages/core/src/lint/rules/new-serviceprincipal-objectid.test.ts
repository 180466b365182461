import { testRule } from "../../../test/rule-tester.js";
import { newServicePrincipalObjectId } from "./new-serviceprincipal-objectid.js";

const CLIENT = "7a83471e-a8c7-4c06-8120-77b9aa56fa04";
const REGISTRATION = "3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f";
const SP = "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";
const OTHER_CLIENT = "11111111-2222-4333-8444-555555555555";
const OTHER_SP = "66666666-7777-4888-9999-000000000000";
const UNKNOWN = "0f0f0f0f-1e1e-4d2d-8c3c-4b4b4b4b4b4b";

const config = `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: omada-smtp
        displayName: Omada SMTP AUTH
        clientId: ${CLIENT}
        applicationObjectId: ${REGISTRATION}
        servicePrincipalObjectId: ${SP}
        credential:
          clientSecret: { env: SECRET }
      - name: reports
        clientId: ${OTHER_CLIENT}
        servicePrincipalObjectId: ${OTHER_SP}
        credential:
          clientSecret: { env: OTHER_SECRET }
`;

const WHERE = "Entra ID › Enterprise applications › Omada SMTP AUTH › Overview › Object ID";
const USE = `use ${SP}, the servicePrincipalObjectId of Omada SMTP AUTH in the config (${WHERE})`;
const TRAP = 'New-ServicePrincipal accepts it, and SMTP AUTH then fails with nothing but "535 5.7.3 Authentication unsuccessful"';

testRule(newServicePrincipalObjectId, {
  kind: "powershell",
  withConfig: config,
  valid: [
    `New-ServicePrincipal -AppId ${CLIENT} -ObjectId ${SP}`,
    `New-ServicePrincipal -AppId ${OTHER_CLIENT.toUpperCase()} -ObjectId '${OTHER_SP.toUpperCase()}'`,
    // Values the script computes are not known, and placeholders are not GUIDs.
    `$sp = Get-MgServicePrincipal -Filter "appId eq '${CLIENT}'"\nNew-ServicePrincipal -AppId ${CLIENT} -ObjectId $sp.Id`,
    "New-ServicePrincipal -AppId <appId> -ObjectId <objectId>",
    // -O is ambiguous (ObjectId, Organization, OutVariable, OutBuffer): PowerShell refuses it.
    `New-ServicePrincipal -AppId ${CLIENT} -O ${REGISTRATION}`,
  ],
  invalid: [
    {
      name: "the app registration's object id (any case)",
      config: `New-ServicePrincipal -AppId ${CLIENT} -ObjectId ${REGISTRATION.toUpperCase()}`,
      findings: [
        {
          line: 1,
          column: 76,
          message: `-ObjectId ${REGISTRATION.toUpperCase()} is the object id of the app registration of Omada SMTP AUTH (applicationObjectId in the config, from App registrations › Overview), not of its service principal: ${TRAP}; ${USE}`,
        },
      ],
    },
    {
      name: "the client id, through a variable, a prefix and the deprecated -ServiceId",
      config: `$appId = '${CLIENT}'\nNew-ServicePrincipal -AppId $appId -ObjectI $appId\nNew-ServicePrincipal -AppId $appId -ServiceId $appId\n`,
      findings: [
        {
          line: 2,
          column: 45,
          message: `-ObjectId $appId (${CLIENT}, set on line 1) is the Application (client) ID of Omada SMTP AUTH (clientId in the config), which goes in -AppId; -ObjectId needs the object id of its service principal: ${TRAP}; ${USE}`,
        },
        {
          line: 3,
          column: 47,
          message: /^-ServiceId \$appId \(7a83471e-.*, set on line 1\) is the Application \(client\) ID of Omada SMTP AUTH/,
        },
      ],
    },
    {
      name: "another app's service principal, as a warning",
      config: `$p = @{ AppId = '${CLIENT}'; ObjectId = '${OTHER_SP}' }\nNew-ServicePrincipal @p\n`,
      findings: [
        {
          line: 1,
          column: 68,
          severity: "warning",
          message: `-ObjectId ${OTHER_SP} is the service principal of reports in the config, but -AppId is the client id of Omada SMTP AUTH: this pairs one app with another app's service principal; ${USE}`,
        },
      ],
    },
    {
      name: "an object id the config does not know, as a warning",
      config: `New-ServicePrincipal -AppId ${CLIENT} -ObjectId ${UNKNOWN}\nNew-ServicePrincipal -ObjectId ${UNKNOWN}\n`,
      findings: [
        {
          line: 1,
          column: 76,
          severity: "warning",
          message: `-ObjectId ${UNKNOWN} is not a servicePrincipalObjectId of the config; the config gives Omada SMTP AUTH (the app of -AppId) the service principal ${SP}: compare both with Entra ID › Enterprise applications › (the app) › Overview › Object ID, and correct the one that is wrong`,
        },
        {
          line: 2,
          column: 32,
          severity: "warning",
          message: /^-ObjectId 0f0f0f0f-.* is not a servicePrincipalObjectId of the config: compare/,
        },
      ],
    },
  ],
});
