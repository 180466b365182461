import { isDomain } from "../../text/identifiers.js";
import { isPlaceholder } from "../../text/placeholder.js";
import { attribute } from "../../xml/document.js";
import { quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { Rule } from "../rule.js";

const ADDRESS = /^([^\s@<>()[\]\\,;:"]+)@([^\s@]+)$/;
const WHY =
  "XOAUTH2 sends it as user=… next to the token, and Exchange Online answers 535 5.7.3 Authentication unsuccessful when it names no mailbox the app may use. Write the mailbox's primary SMTP address, such as omada-notify@contoso.com";

/** Whether a value is a mailbox address (local@domain). */
export function isMailboxAddress(value: string): boolean {
  const match = ADDRESS.exec(value);
  return match !== null && isDomain(match[2] as string);
}

/** Why a userName is no mailbox address, or undefined when it is one. */
function userNameProblem(value: string): string | undefined {
  if (isMailboxAddress(value)) return undefined;
  const trimmed = value.trim();
  const subject = `userName ${quoteValue(value)}`;
  if (trimmed === "") return `userName is empty: ${WHY}`;
  // "Omada <omada@contoso.com>" or "mailto:omada@contoso.com": the address is in there, with something around it.
  const inside = /<([^<>\s]+)>\s*$/.exec(trimmed)?.[1] ?? /^mailto:(\S+)$/i.exec(trimmed)?.[1] ?? trimmed;
  if (inside !== value && isMailboxAddress(inside))
    return `${subject} is not only an address: ${WHY}; did you mean ${JSON.stringify(inside)}?`;
  if (isPlaceholder(trimmed)) return `${subject} is a placeholder, not a mailbox: ${WHY}`;
  if (/^[^\\\s]+\\[^\\\s]+$/.test(trimmed)) return `${subject} is a DOMAIN\\user logon name, not an email address: ${WHY}`;
  return `${subject} is not an email address: ${WHY}`;
}

export const usernameMailbox: Rule = {
  meta: {
    id: "username-mailbox",
    description: "A userName that is not an email address: XOAUTH2 names the mailbox by its address",
    defaultSeverity: "error",
    fixable: false,
  },
  checkXml(context) {
    for (const credentials of settingsElements(context.document).credentials) {
      const userName = attribute(credentials, "userName");
      const problem = userName === undefined ? undefined : userNameProblem(userName.value);
      if (userName && problem) context.report({ ...userName.valueSpan, message: problem });
    }
  },
};
