import { valueAt, notificationSettings as xml } from "../../../test/notification-settings.js";
import { testRule } from "../../../test/rule-tester.js";
import { usernameMailbox } from "./username-mailbox.js";

const WHY =
  "XOAUTH2 sends it as user=… next to the token, and Exchange Online answers 535 5.7.3 Authentication unsuccessful when it names no mailbox the app may use. Write the mailbox's primary SMTP address, such as omada-notify@contoso.com";

const userName = (value: string, message: string | RegExp) => {
  const text = xml({ userName: value });
  return { config: text, findings: [{ ...valueAt(text, "userName", value), message }] };
};

testRule(usernameMailbox, {
  kind: "xml",
  valid: [
    xml(),
    xml({ userName: "example@megamart.onmicrosoft.com" }),
    xml({ userName: "Omada.Notify+alerts@mail.contoso.co.uk" }),
    // A missing userName is required-attribute's.
    xml({ userName: null }),
  ],
  invalid: [
    { name: "a bare account name", ...userName("omada-notify", `userName "omada-notify" is not an email address: ${WHY}`) },
    {
      name: "a DOMAIN\\user logon name",
      ...userName("CONTOSO\\omada-notify", `userName "CONTOSO\\\\omada-notify" is a DOMAIN\\user logon name, not an email address: ${WHY}`),
    },
    { name: "an address without a domain suffix", ...userName("omada@contoso", /^userName "omada@contoso" is not an email address/) },
    { name: "an empty userName", ...userName("", `userName is empty: ${WHY}`) },
    {
      name: "the vendor guide's placeholder",
      ...userName("&lt;MAILBOX&gt;", `userName "<MAILBOX>" is a placeholder, not a mailbox: ${WHY}`),
    },
    {
      name: "a display name with the address",
      ...userName(
        "Omada &lt;omada-notify@contoso.com&gt;",
        `userName "Omada <omada-notify@contoso.com>" is not only an address: ${WHY}; did you mean "omada-notify@contoso.com"?`,
      ),
    },
    {
      name: "a mailto: link",
      ...userName("mailto:omada-notify@contoso.com", /is not only an address: .*; did you mean "omada-notify@contoso\.com"\?$/),
    },
    { name: "a space inside", ...userName("omada notify@contoso.com", /^userName "omada notify@contoso\.com" is not an email address/) },
  ],
});
