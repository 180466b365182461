/** Exchange Online's SMTP replies, word for word (KNOWLEDGE.md §5): the text after the reply code. */
export const REPLIES = {
  authenticated: "2.7.0 Authentication successful",
  queued: "2.6.0 Queued mail for delivery",
  senderOk: "2.1.0 Sender OK",
  recipientOk: "2.1.5 Recipient OK",
  authenticationUnsuccessful: { code: 535, text: "5.7.3 Authentication unsuccessful" },
  disabledForTenant: {
    code: 535,
    text: "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.",
  },
  disabledForMailbox: {
    code: 535,
    text: "5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox. Visit https://aka.ms/smtp_auth_disabled for more information.",
  },
  basicAuthenticationDisabled: { code: 535, text: "5.7.139 Authentication unsuccessful, basic authentication is disabled." },
  notAuthenticated: { code: 530, text: "5.7.57 Client not authenticated to send mail" },
  sendAsDenied: { code: 550, text: "5.7.60 SMTP; Client does not have permissions to send as this sender" },
  messageTooLarge: { code: 552, text: "5.3.4 Message size exceeds fixed maximum message size" },
  storeFailed: { code: 451, text: "4.3.0 Temporary server error. Please try again later" },
  closing: { code: 421, text: "4.3.2 Service not available, closing transmission channel" },
} as const;

export type Reply = { code: number; text: string };

/** A reply as smtp-server sends what a handler fails with. */
export const replyError = (reply: Reply): Error => Object.assign(new Error(reply.text), { responseCode: reply.code });
