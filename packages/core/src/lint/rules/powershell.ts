import type { Rule } from "../rule.js";

/** Rules for Exchange Online and Microsoft Graph PowerShell scripts; in the order the docs list them. */
export const POWERSHELL_RULES: readonly Rule[] = [];
