import { testRule } from "../../../test/rule-tester.js";
import { newServicePrincipalServiceId } from "./new-serviceprincipal-serviceid.js";

const APP = "7a83471e-a8c7-4c06-8120-77b9aa56fa04";
const SP = "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";
const REFERENCE = '(its reference says "This parameter is being deprecated. Use the ObjectId parameter instead.")';
const DEPRECATED = `-ServiceId is deprecated on New-ServicePrincipal ${REFERENCE}`;
const SPLATTED = `the key ServiceId of @params is passed to New-ServicePrincipal as -ServiceId, which is deprecated ${REFERENCE}`;
const VALUE = "the object id of the enterprise application (the service principal), not of the app registration";

testRule(newServicePrincipalServiceId, {
  kind: "powershell",
  valid: [
    `New-ServicePrincipal -AppId ${APP} -ObjectId ${SP}`,
    // Another cmdlet's -ServiceId, and one after --%, which PowerShell passes as it is.
    `Get-Thing -ServiceId ${SP}\nNew-ServicePrincipal -AppId ${APP} --% -ServiceId ${SP}`,
    // -S alone could be -ServiceId only, but -O is ambiguous; neither is given here.
    `$p = @{ AppId = '${APP}'; ObjectId = '${SP}' }\nNew-ServicePrincipal @p`,
    // What an unknown splat holds is not known.
    `New-ServicePrincipal @PSBoundParameters`,
  ],
  invalid: [
    {
      name: "-ServiceId, fixed to -ObjectId",
      config: `New-ServicePrincipal -AppId ${APP} -ServiceId ${SP} -DisplayName "Omada SMTP"\n`,
      findings: [{ line: 1, column: 66, message: `${DEPRECATED}; write -ObjectId with the same value: ${VALUE}` }],
      output: `New-ServicePrincipal -AppId ${APP} -ObjectId ${SP} -DisplayName "Omada SMTP"\n`,
    },
    {
      name: "any case, a prefix, a typographic dash and the colon form",
      config: `new-serviceprincipal -appid ${APP} –serviceI:'${SP}'\nNEW-SERVICEPRINCIPAL -AppId ${APP} -S ${SP}\n`,
      findings: [
        { line: 1, column: 66, message: /^-ServiceId is deprecated/ },
        { line: 2, column: 66, message: /^-ServiceId is deprecated/ },
      ],
      output: `new-serviceprincipal -appid ${APP} -ObjectId:'${SP}'\nNEW-SERVICEPRINCIPAL -AppId ${APP} -ObjectId ${SP}\n`,
    },
    {
      name: "-ServiceId in a statement the grammar cannot parse, which is parsed again on its own",
      config: `function Register { param($Id) New-ServicePrincipal -AppId ${APP} -ServiceId $Id }\n`,
      findings: [{ line: 1, column: 97, message: /^-ServiceId is deprecated/ }],
      output: `function Register { param($Id) New-ServicePrincipal -AppId ${APP} -ObjectId $Id }\n`,
    },
    {
      name: "-ServiceId next to -ObjectId: not fixable, as the command would have -ObjectId twice",
      config: `New-ServicePrincipal -AppId ${APP} -ServiceId ${SP} -ObjectId ${SP}`,
      findings: [
        {
          line: 1,
          column: 66,
          message: `${DEPRECATED}, and the command has -ObjectId as well; remove -ServiceId and keep -ObjectId, with ${VALUE}`,
        },
      ],
    },
    {
      name: "a ServiceId key of a splatted hashtable, fixed at the key",
      config: `$params = @{\n  AppId = '${APP}'\n  'ServiceId' = '${SP}'\n}\nNew-ServicePrincipal @params\n`,
      findings: [
        {
          line: 3,
          column: 3,
          message: `${SPLATTED}; rename the key to ObjectId: ${VALUE}`,
        },
      ],
      output: `$params = @{\n  AppId = '${APP}'\n  'ObjectId' = '${SP}'\n}\nNew-ServicePrincipal @params\n`,
    },
    {
      name: "a ServiceId key of a hashtable two commands splat: reported once, and not fixed",
      config: `$params = @{ AppId = '${APP}'; ServiceId = '${SP}' }\nNew-ServicePrincipal @params\nNew-ServicePrincipal @params -WhatIf\n`,
      findings: [
        {
          line: 1,
          column: 62,
          message: `${SPLATTED}; rename the key to ObjectId (not done by --fix: 2 commands splat @params): ${VALUE}`,
        },
      ],
    },
  ],
});
