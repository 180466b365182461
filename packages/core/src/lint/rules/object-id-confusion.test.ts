import { testRule } from "../../../test/rule-tester.js";
import { objectIdConfusion } from "./object-id-confusion.js";

const app = (fields: string) => `version: 1
tenants:
  - name: contoso
    tenantId: 2487abfa-47fc-4f60-8af4-2b857b17432c
    apps:
      - name: omada-smtp
        displayName: SMTP AUTH
        clientId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04
${fields}
        credential:
          clientSecret: { env: SECRET }
`;

testRule(objectIdConfusion, {
  valid: [
    app(
      "        applicationObjectId: 3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f\n        servicePrincipalObjectId: 9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f",
    ),
    app("        servicePrincipalObjectId: 9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f"),
    app("        applicationObjectId: 3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f"),
  ],
  invalid: [
    {
      name: "the App registration's object id given as the service principal's (any case)",
      config: app(
        "        applicationObjectId: 3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f\n        servicePrincipalObjectId: 3F1C2B9E-1D2A-4C3B-9E8F-7A6B5C4D3E2F",
      ),
      findings: [
        {
          line: 10,
          column: 35,
          message:
            /^tenants\[0\]\.apps\[0\]\.servicePrincipalObjectId is the same as applicationObjectId.*Enterprise applications › SMTP AUTH › Overview › Object ID$/,
        },
      ],
    },
    {
      name: "the client id given as the service principal's object id",
      config: app("        servicePrincipalObjectId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04"),
      findings: [{ line: 9, column: 35, message: /servicePrincipalObjectId is the same as clientId, the Application \(client\) ID/ }],
    },
    {
      name: "the client id given as the application object id",
      config: app("        applicationObjectId: 7a83471e-a8c7-4c06-8120-77b9aa56fa04"),
      findings: [{ line: 9, column: 30, message: /applicationObjectId is the same as clientId/ }],
    },
  ],
});
