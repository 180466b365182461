export { type TenantEndpoints, tenantEndpoints } from "./endpoints.js";
export {
  ENTRA_SCRIPT,
  EXCHANGE_SCRIPT,
  GENERATE_KINDS,
  type GeneratedFile,
  type GenerateKind,
  type GenerateOptions,
  type GenerateResult,
  generate,
  generatedKind,
  NOTIFICATION_SETTINGS_SUFFIX,
} from "./generate.js";
export { type GeneratedFrom, isGeneratedText, sha256Hex } from "./header.js";
export { psLiteral, unwritable, xmlAttribute } from "./literal.js";
export { unsafeName } from "./names.js";
export {
  CLIENT_SECRET_PLACEHOLDER,
  type NotificationSettingsAttributes,
  notificationSettingsAttributes,
  renderNotificationSettings,
  type SecretMode,
  type SecretReference,
  type SecretResolver,
} from "./notification-settings.js";
export { describeProblem, type GenerateProblem, type OmadaTarget, omadaTargets } from "./targets.js";
