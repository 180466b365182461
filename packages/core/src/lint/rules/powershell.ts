import type { Rule } from "../rule.js";
import { newServicePrincipalObjectId } from "./new-serviceprincipal-objectid.js";
import { newServicePrincipalServiceId } from "./new-serviceprincipal-serviceid.js";
import { psSyntax } from "./ps-syntax.js";
import { smtpAuthDisabled } from "./smtp-auth-disabled.js";

/** Rules for Exchange Online and Microsoft Graph PowerShell scripts; in the order the docs list them. */
export const POWERSHELL_RULES: readonly Rule[] = [psSyntax, newServicePrincipalServiceId, newServicePrincipalObjectId, smtpAuthDisabled];
