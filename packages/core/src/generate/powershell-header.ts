import { type GeneratedFrom, generatedLine } from "./header.js";
import { psLiteral } from "./literal.js";

/**
 * The lines every generated script starts with: the generated header, what the script does,
 * #Requires for PowerShell 7 and the modules, -WhatIf support, strict mode, stop on errors.
 */
export function scriptPreamble(
  from: GeneratedFrom,
  purpose: readonly string[],
  modules: readonly string[],
  parameters: readonly string[] = [],
): string[] {
  return [
    `# ${generatedLine(from)}`,
    "# Do not edit: change the config, then run `smtpcfg generate` again (`smtpcfg generate --check` finds stale files).",
    "#",
    ...purpose.map((line) => (line === "" ? "#" : `# ${line}`)),
    "#Requires -Version 7.0",
    ...modules.map((module) => `#Requires -Modules ${module}`),
    "[CmdletBinding(SupportsShouldProcess)]",
    ...(parameters.length === 0 ? ["param()"] : ["param(", ...parameters.map((line) => `    ${line}`), ")"]),
    "Set-StrictMode -Version Latest",
    "$ErrorActionPreference = 'Stop'",
    "",
  ];
}

/** Microsoft Graph PowerShell 2 or newer: Connect-MgGraph -NoWelcome and the v1.0 cmdlets the scripts use. */
export const GRAPH_MODULES =
  "@{ ModuleName = 'Microsoft.Graph.Authentication'; ModuleVersion = '2.0.0' }, @{ ModuleName = 'Microsoft.Graph.Applications'; ModuleVersion = '2.0.0' }";

/** `Write-Host ('format' -f 'value', …)`: a message with config values, each still a single-quoted literal of its own. */
export function formatted(format: string, ...literals: string[]): string {
  return literals.length === 0 ? psLiteral(format) : `(${psLiteral(format)} -f ${literals.join(", ")})`;
}
