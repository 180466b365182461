export { checkClaims, decodeClaims, outlookAudiences, type TokenClaims } from "./claims.js";
export { type ResolvedCredential, resolveCredential } from "./credential.js";
export { type EndpointsOverride, readEndpointsFile, type VerifyEndpoints, verifyEndpoints } from "./endpoints.js";
export type {
  NetworkFailure,
  NetworkLimits,
  NetworkResult,
  SmtpSession,
  SmtpTarget,
  TestMessage,
  TokenRequest,
  VerifyNetwork,
} from "./network.js";
export {
  type Diagnosis,
  type MailboxName,
  type MailboxReport,
  type StepName,
  type StepReport,
  VERIFY_STEPS,
  type VerifyEvent,
  type VerifyReport,
} from "./report.js";
export { type VerifyOptions, verify } from "./run.js";
export { SecretKeeper } from "./secrets.js";
