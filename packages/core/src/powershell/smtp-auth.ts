import { boundArgument, type CmdletSignature, isCmdlet, parametersNamed, SET_CAS_MAILBOX, SET_TRANSPORT_CONFIG } from "./cmdlets.js";
import type { PowerShellArgument, PowerShellCommand, PowerShellParameter, PowerShellScript } from "./script.js";

/** What `-SmtpClientAuthenticationDisabled` sets: `$true` disables, `$false` enables, `$null` inherits the organisation's setting. */
export type SmtpAuthSetting = "disabled" | "enabled" | "inherit";

/** Which mailboxes a change applies to. */
export type SmtpAuthTarget =
  | { kind: "mailbox"; identity: string; argument: PowerShellArgument }
  /** Every mailbox a Get-Mailbox-like command returns, unfiltered (`Get-Mailbox -ResultSize Unlimited | Set-CASMailbox …`). */
  | { kind: "every-mailbox"; source: PowerShellCommand }
  /** The organisation's default (`Set-TransportConfig`). */
  | { kind: "organisation" };

export interface SmtpAuthChange {
  command: PowerShellCommand;
  parameter: PowerShellParameter;
  setting: SmtpAuthSetting;
  target: SmtpAuthTarget;
}

/** Commands that list mailboxes: piped unfiltered into Set-CASMailbox, they change every mailbox. */
const MAILBOX_LISTS = /^(get-mailbox|get-exomailbox|get-casmailbox|get-exocasmailbox|get-user|get-recipient|get-exorecipient)$/i;
/** Parameters that do not narrow such a list to chosen mailboxes (RecipientTypeDetails narrows by type only). */
const UNFILTERED = /^(resultsize|recipienttypedetails|propertysets|properties|erroraction|warningaction|verbose|debug)$/i;
const FOR_EACH = /^(foreach-object|%|foreach)$/i;
/** The pipeline object inside ForEach-Object, or one of its identifying properties. */
const CURRENT_MAILBOX =
  /^\$(_|psitem)(\.(identity|primarysmtpaddress|userprincipalname|alias|name|distinguishedname|guid|externaldirectoryobjectid))?$/i;

/**
 * Whether a PowerShell number literal is 0. Its type suffix (`0l`, `0d`, `0u`…) and multiplier
 * (`0kb`…`0pb`) leave 0 as it is, and JavaScript's Number reads neither; in hex, `d` is a digit.
 */
function isZero(literal: string): boolean {
  const withoutMultiplier = literal.replace(/[kmgtp]b$/i, "");
  const suffix = /^0x/i.test(withoutMultiplier) ? /(?:u[lsy]?|[lysn])$/i : /(?:u[lsy]?|[lysnd])$/i;
  return Number(withoutMultiplier.replace(suffix, "")) === 0;
}

/**
 * A Boolean parameter accepts `$true`, `$false`, numbers and, for these parameters, `$null`; a
 * string is an error at run time, so it changes nothing.
 */
function settingOf(argument: PowerShellArgument | undefined): SmtpAuthSetting | undefined {
  if (!argument?.literal) return undefined;
  if (argument.type === "null") return "inherit";
  if (argument.type === "boolean") return argument.text === "$true" ? "disabled" : "enabled";
  if (argument.type === "number") return isZero(argument.text) ? "enabled" : "disabled";
  return undefined;
}

const unqualified = (name: string) => name.replace(/^[\w.]+\\/, "");

/** `-WhatIf`, or `-WhatIf:$x` with a value not known to be false: the command may only say what it would change. */
function simulated(command: PowerShellCommand, cmdlet: CmdletSignature): boolean {
  return parametersNamed(command, cmdlet, "WhatIf").some(
    ({ argument }) => !argument?.literal || !(argument.text === "$false" || (argument.type === "number" && isZero(argument.text))),
  );
}

/** The mailboxes a mailbox-listing command returns: one named mailbox, all of them, or not known. */
function listed(source: PowerShellCommand): SmtpAuthTarget | undefined {
  if (!MAILBOX_LISTS.test(unqualified(source.name)) || source.unknownSplats.length > 0 || source.stopParsing) return undefined;
  const identity = source.parameters.find((parameter) => /^identity$/i.test(parameter.name))?.argument ?? source.arguments[0];
  if (identity) return identity.literal ? { kind: "mailbox", identity: identity.text, argument: identity } : undefined;
  return source.parameters.every((parameter) => UNFILTERED.test(parameter.name)) ? { kind: "every-mailbox", source } : undefined;
}

/** What a command's pipeline input is: a named mailbox, every mailbox, or not known (filtered, computed). */
function piped(command: PowerShellCommand): SmtpAuthTarget | undefined {
  const input = command.input;
  if (!input) return undefined;
  if ("value" in input) return input.value.literal ? { kind: "mailbox", identity: input.value.text, argument: input.value } : undefined;
  return listed(input.command);
}

function targetOf(command: PowerShellCommand): SmtpAuthTarget | undefined {
  const identity = boundArgument(command, SET_CAS_MAILBOX, "Identity");
  if (identity?.literal) return { kind: "mailbox", identity: identity.text, argument: identity };
  if (identity && CURRENT_MAILBOX.test(identity.text) && command.parent && FOR_EACH.test(unqualified(command.parent.name))) {
    return piped(command.parent);
  }
  if (identity || command.unknownSplats.length > 0) return undefined;
  return piped(command);
}

/** Every change a script makes to SMTP AUTH, for one mailbox, every mailbox or the organisation, in script order. */
export function smtpAuthChanges(script: PowerShellScript): SmtpAuthChange[] {
  const changes: SmtpAuthChange[] = [];
  for (const command of script.commands) {
    const cmdlet = isCmdlet(command, SET_CAS_MAILBOX)
      ? SET_CAS_MAILBOX
      : isCmdlet(command, SET_TRANSPORT_CONFIG)
        ? SET_TRANSPORT_CONFIG
        : undefined;
    if (!cmdlet) continue;
    const [parameter] = parametersNamed(command, cmdlet, "SmtpClientAuthenticationDisabled");
    const setting = settingOf(parameter?.argument);
    if (!parameter || !setting || simulated(command, cmdlet)) continue;
    const target = cmdlet === SET_TRANSPORT_CONFIG ? { kind: "organisation" as const } : targetOf(command);
    if (target) changes.push({ command, parameter, setting, target });
  }
  return changes;
}
