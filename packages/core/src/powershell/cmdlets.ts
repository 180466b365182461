import type { PowerShellCommand, PowerShellParameter } from "./script.js";

/**
 * The parameters of a cmdlet that rules check, from its Microsoft Learn reference. PowerShell
 * binds `-Name` to the parameter whose name or alias it equals, or else to the one parameter it
 * is a prefix of; a prefix of several (`-O`: ObjectId, Organization, OutVariable, OutBuffer) is
 * an error at run time, and rules leave it alone.
 */
export interface CmdletSignature {
  name: string;
  /** Parameters that take a value. */
  parameters: readonly string[];
  /** Switch parameters: the next element is not their value (only `-Switch:$false` is). */
  switches: readonly string[];
  /** Positional parameters, by position. */
  positional: readonly string[];
}

/** The common parameters of every cmdlet, and ShouldProcess's WhatIf and Confirm. */
const COMMON_PARAMETERS = [
  "ErrorAction",
  "WarningAction",
  "InformationAction",
  "ProgressAction",
  "ErrorVariable",
  "WarningVariable",
  "InformationVariable",
  "OutVariable",
  "OutBuffer",
  "PipelineVariable",
];
const COMMON_SWITCHES = ["Verbose", "Debug", "WhatIf", "Confirm"];
const ALIASES: Readonly<Record<string, string>> = {
  vb: "Verbose",
  db: "Debug",
  ea: "ErrorAction",
  wa: "WarningAction",
  infa: "InformationAction",
  proga: "ProgressAction",
  ev: "ErrorVariable",
  wv: "WarningVariable",
  iv: "InformationVariable",
  ov: "OutVariable",
  ob: "OutBuffer",
  pv: "PipelineVariable",
  wi: "WhatIf",
  cf: "Confirm",
};

function signature(name: string, parameters: string[], switches: string[], positional: string[] = []): CmdletSignature {
  return { name, parameters: [...parameters, ...COMMON_PARAMETERS], switches: [...switches, ...COMMON_SWITCHES], positional };
}

export const NEW_SERVICE_PRINCIPAL = signature(
  "New-ServicePrincipal",
  ["AppId", "ObjectId", "ServiceId", "DisplayName", "Organization"],
  [],
);

export const SET_CAS_MAILBOX = signature(
  "Set-CASMailbox",
  [
    "Identity",
    "ActiveSyncAllowedDeviceIDs",
    "ActiveSyncBlockedDeviceIDs",
    "ActiveSyncDebugLogging",
    "ActiveSyncEnabled",
    "ActiveSyncMailboxPolicy",
    "ActiveSyncSuppressReadReceipt",
    "DisplayName",
    "DomainController",
    "ECPEnabled",
    "EmailAddresses",
    "EwsAllowEntourage",
    "EwsAllowList",
    "EwsAllowMacOutlook",
    "EwsAllowOutlook",
    "EwsApplicationAccessPolicy",
    "EwsBlockList",
    "EwsEnabled",
    "HasActiveSyncDevicePartnership",
    "ImapEnabled",
    "ImapEnableExactRFC822Size",
    "ImapMessagesRetrievalMimeFormat",
    "ImapForceICalForCalendarRetrievalOption",
    "ImapSuppressReadReceipt",
    "ImapUseProtocolDefaults",
    "IsOptimizedForAccessibility",
    "MacOutlookEnabled",
    "MAPIBlockOutlookExternalConnectivity",
    "MAPIBlockOutlookNonCachedMode",
    "MAPIBlockOutlookRpcHttp",
    "MAPIBlockOutlookVersions",
    "MAPIEnabled",
    "MapiHttpEnabled",
    "Name",
    "OneWinNativeOutlookEnabled",
    "OutlookMobileEnabled",
    "OWAEnabled",
    "OWAforDevicesEnabled",
    "OwaMailboxPolicy",
    "PopEnabled",
    "PopEnableExactRFC822Size",
    "PopForceICalForCalendarRetrievalOption",
    "PopMessagesRetrievalMimeFormat",
    "PopSuppressReadReceipt",
    "PopUseProtocolDefaults",
    "PrimarySmtpAddress",
    "PublicFolderClientAccess",
    "SamAccountName",
    "ShowGalAsDefaultView",
    "SmtpClientAuthenticationDisabled",
    "UniversalOutlookEnabled",
  ],
  ["IgnoreDefaultScope", "ResetAutoBlockedDevices"],
  ["Identity"],
);

export const SET_TRANSPORT_CONFIG = signature(
  "Set-TransportConfig",
  [
    "Identity",
    "AddressBookPolicyRoutingEnabled",
    "AgentGeneratedMessageLoopDetectionInSmtpEnabled",
    "AgentGeneratedMessageLoopDetectionInSubmissionEnabled",
    "AllowLegacyTLSClients",
    "ClearCategories",
    "ConvertDisclaimerWrapperToEml",
    "DiagnosticsAggregationServicePort",
    "DomainController",
    "DSNConversionMode",
    "ExternalDelayDsnEnabled",
    "ExternalDsnDefaultLanguage",
    "ExternalDsnLanguageDetectionEnabled",
    "ExternalDsnMaxMessageAttachSize",
    "ExternalDsnReportingAuthority",
    "ExternalDsnSendHtml",
    "ExternalPostmasterAddress",
    "GenerateCopyOfDSNFor",
    "HeaderPromotionModeSetting",
    "InternalDelayDsnEnabled",
    "InternalDsnDefaultLanguage",
    "InternalDsnLanguageDetectionEnabled",
    "InternalDsnMaxMessageAttachSize",
    "InternalDsnReportingAuthority",
    "InternalDsnSendHtml",
    "InternalSMTPServers",
    "JournalMessageExpirationDays",
    "JournalingReportNdrTo",
    "LegacyJournalingMigrationEnabled",
    "MaxAllowedAgentGeneratedMessageDepth",
    "MaxAllowedAgentGeneratedMessageDepthPerAgent",
    "MaxDumpsterSizePerDatabase",
    "MaxDumpsterTime",
    "MaxReceiveSize",
    "MaxRecipientEnvelopeLimit",
    "MaxRetriesForLocalSiteShadow",
    "MaxRetriesForRemoteSiteShadow",
    "MaxSendSize",
    "MessageExpiration",
    "PreventDuplicateJournalingEnabled",
    "QueueDiagnosticsAggregationInterval",
    "RejectMessageOnShadowFailure",
    "ReplyAllStormBlockDurationHours",
    "ReplyAllStormDetectionMinimumRecipients",
    "ReplyAllStormDetectionMinimumReplies",
    "ReplyAllStormProtectionEnabled",
    "Rfc2231EncodingEnabled",
    "SafetyNetHoldTime",
    "ShadowHeartbeatFrequency",
    "ShadowHeartbeatRetryCount",
    "ShadowHeartbeatTimeoutInterval",
    "ShadowMessageAutoDiscardInterval",
    "ShadowMessagePreferenceSetting",
    "ShadowRedundancyEnabled",
    "ShadowResubmitTimeSpan",
    "SmtpClientAuthenticationDisabled",
    "SupervisionTags",
    "TLSReceiveDomainSecureList",
    "TLSSendDomainSecureList",
    "TransportRuleAttachmentTextScanLimit",
    "VerifySecureSubmitEnabled",
    "VoicemailJournalingEnabled",
    "Xexch50Enabled",
  ],
  ["Force"],
  ["Identity"],
);

const SIGNATURES = [NEW_SERVICE_PRINCIPAL, SET_CAS_MAILBOX, SET_TRANSPORT_CONFIG];

/** The cmdlet a command name calls: case-insensitive, with or without its module (`ExchangeOnlineManagement\Set-CASMailbox`). */
export function cmdletName(written: string): string {
  return written.replace(/^[\w.]+\\/, "").toLowerCase();
}

export function isCmdlet(command: PowerShellCommand, cmdlet: CmdletSignature | string): boolean {
  return cmdletName(command.name) === (typeof cmdlet === "string" ? cmdlet : cmdlet.name).toLowerCase();
}

export function signatureOf(commandName: string): CmdletSignature | undefined {
  const name = cmdletName(commandName);
  return SIGNATURES.find((candidate) => candidate.name.toLowerCase() === name);
}

/** The names of the cmdlets rules check, for finding them in text the grammar could not parse. */
export const CHECKED_CMDLETS: readonly string[] = SIGNATURES.map((candidate) => candidate.name);

/**
 * The parameter a written name binds to: an exact name or alias (case-insensitive), else the only
 * parameter it is a prefix of. Undefined for an unknown or ambiguous name.
 */
export function resolveParameter(cmdlet: CmdletSignature | undefined, written: string): string | undefined {
  const lower = written.toLowerCase();
  if (lower === "") return undefined;
  if (!cmdlet) {
    const known = [...COMMON_PARAMETERS, ...COMMON_SWITCHES].find((name) => name.toLowerCase() === lower);
    return known ?? ALIASES[lower];
  }
  const names = [...cmdlet.parameters, ...cmdlet.switches];
  const exact = names.find((name) => name.toLowerCase() === lower) ?? ALIASES[lower];
  if (exact) return exact;
  const candidates = new Set<string>();
  for (const name of names) if (name.toLowerCase().startsWith(lower)) candidates.add(name);
  for (const [alias, name] of Object.entries(ALIASES)) if (alias.startsWith(lower)) candidates.add(name);
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

/** Whether a written parameter name is a switch of the cmdlet, which takes no value unless written `-Name:value`. */
export function isSwitch(commandName: string, written: string): boolean {
  const cmdlet = signatureOf(commandName);
  const name = resolveParameter(cmdlet, written);
  if (!name) return false;
  return (cmdlet?.switches ?? COMMON_SWITCHES).includes(name);
}

/** The parameters of a command that bind to one parameter of a cmdlet, explicit and splatted. */
export function parametersNamed(command: PowerShellCommand, cmdlet: CmdletSignature, name: string): PowerShellParameter[] {
  return command.parameters.filter((parameter) => resolveParameter(cmdlet, parameter.name) === name);
}

/**
 * The value of a parameter that may also be given by position: the named one, else the positional
 * argument at its position. Undefined when it is not given, or not known without running the script.
 */
export function boundArgument(command: PowerShellCommand, cmdlet: CmdletSignature, name: string) {
  const [named] = parametersNamed(command, cmdlet, name);
  if (named) return named.argument;
  const position = cmdlet.positional.indexOf(name);
  if (position === -1) return undefined;
  // Other positional parameters bound by name shift nothing here: the cmdlets modelled have one.
  return command.arguments[position];
}
