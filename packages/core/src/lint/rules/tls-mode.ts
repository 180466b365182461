import type { Fix } from "../../diagnostic.js";
import { didYouMean } from "../../text/did-you-mean.js";
import { listOr } from "../../text/quote.js";
import { attribute, type XmlAttribute, type XmlElement } from "../../xml/document.js";
import { credentialsOf, misspelt, portNumber, quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { Rule, SpanReport } from "../rule.js";

/** MailKit's SecureSocketOptions, the values Omada takes (KNOWLEDGE.md §4). */
const MODES = ["None", "Auto", "SslOnConnect", "StartTls", "StartTlsWhenAvailable"] as const;
type Mode = (typeof MODES)[number];

const STRIPPING =
  "an attacker on the network path who removes STARTTLS from the server's reply makes the client go on in plain text and send the OAuth bearer token in clear, and whoever captures the token can send mail as the mailbox until it expires";
const USE_START_TLS = 'Use secureSocketOptions="StartTls", which refuses to go on without TLS';

/** Inserts `secureSocketOptions="StartTls"` after the last attribute of the start tag, on a line of its own when the attributes are on lines of their own. */
function insertStartTls(text: string, network: XmlElement): Fix {
  const last = network.attributes.at(-1);
  if (!last) return { offset: network.nameSpan.end, length: 0, text: ' secureSocketOptions="StartTls"' };
  const offset = last.valueSpan.end + 1;
  const before = text.slice(text.lastIndexOf("\n", last.nameSpan.start) + 1, last.nameSpan.start);
  const ownLine = /^[ \t]*$/.test(before) && text.lastIndexOf("\n", last.nameSpan.start) > network.nameSpan.start;
  return { offset, length: 0, text: ownLine ? `\n${before}secureSocketOptions="StartTls"` : ' secureSocketOptions="StartTls"' };
}

function replaceWith(mode: XmlAttribute, text: string): Fix {
  return { offset: mode.valueSpan.start, length: mode.valueSpan.end - mode.valueSpan.start, text };
}

/** The finding for one `network` element, if any. */
function check(text: string, network: XmlElement, oauth: boolean): SpanReport | undefined {
  const mode = attribute(network, "secureSocketOptions");
  const portValue = attribute(network, "port")?.value;
  const port = portNumber(portValue);
  // --fix writes StartTls only where it is certainly right: port 587, and a start tag the fix can edit on its own.
  const repairable = port === 587 && !network.attributes.some((candidate) => candidate.recovered);
  if (!mode) {
    if (!oauth || misspelt(network, "secureSocketOptions")) return undefined;
    return {
      start: network.nameSpan.start,
      end: network.nameSpan.end,
      severity: "warning",
      message: `network has no secureSocketOptions, so Omada uses StartTlsWhenAvailable: ${STRIPPING}. ${USE_START_TLS}`,
      ...(repairable ? { fix: insertStartTls(text, network) } : {}),
    };
  }
  const span = { start: mode.valueSpan.start, end: mode.valueSpan.end };
  const written = mode.value.trim();
  const known = MODES.find((candidate) => candidate === written);
  if (known === undefined) {
    const sameLetters = MODES.find((candidate) => candidate.toLowerCase() === written.toLowerCase());
    return {
      ...span,
      message: `secureSocketOptions ${quoteValue(mode.value)} is not one of ${listOr([...MODES])} (MailKit's SecureSocketOptions, written exactly so), so Omada cannot read it${didYouMean(written, MODES)}`,
      ...(sameLetters ? { fix: replaceWith(mode, sameLetters) } : {}),
    };
  }
  return checkMode(known, mode, port, oauth, repairable, span);
}

function checkMode(
  mode: Mode,
  attribute: XmlAttribute,
  port: number | undefined,
  oauth: boolean,
  repairable: boolean,
  span: { start: number; end: number },
): SpanReport | undefined {
  const subject = `secureSocketOptions ${quoteValue(mode)}`;
  if (port === 465 && mode !== "SslOnConnect" && mode !== "Auto") {
    return {
      ...span,
      message: `${subject} waits for a plain-text greeting, but port 465 expects TLS from the first byte: the connection hangs until it times out. Use SslOnConnect on port 465, or better port 587 with StartTls`,
    };
  }
  if (port === 587 && mode === "SslOnConnect") {
    return {
      ...span,
      message: `${subject} starts TLS as soon as it connects, but port 587 speaks plain text first and upgrades with STARTTLS: the TLS handshake fails. Use StartTls on port 587 (SslOnConnect belongs to port 465)`,
      fix: replaceWith(attribute, "StartTls"),
    };
  }
  if (!oauth) return undefined;
  if (mode === "None") {
    return {
      ...span,
      message: `${subject} sends the OAuth bearer token in clear: anyone on the network path can capture it and send mail as the mailbox until it expires (and Exchange Online answers 530 5.7.57 to AUTH without TLS). Use StartTls on port 587`,
    };
  }
  const fallsBack = mode === "StartTlsWhenAvailable" || (mode === "Auto" && port !== 465);
  if (!fallsBack) return undefined;
  const means = mode === "Auto" ? ` means StartTlsWhenAvailable on ${port === undefined ? "any port but 465" : `port ${port}`}, which` : "";
  return {
    ...span,
    severity: "warning",
    message: `${subject}${means} goes on in plain text when the server does not offer STARTTLS: ${STRIPPING}. ${USE_START_TLS}`,
    ...(repairable ? { fix: replaceWith(attribute, "StartTls") } : {}),
  };
}

export const tlsMode: Rule = {
  meta: {
    id: "tls-mode",
    description:
      "secureSocketOptions that can send the OAuth token in clear (None, StartTlsWhenAvailable, missing) or that does not fit the port",
    defaultSeverity: "error",
    fixable: true,
  },
  checkXml(context) {
    const { document } = context;
    const { anyCredentials, networks } = settingsElements(document);
    for (const network of networks) {
      // OAuth is in use when the network holds client credentials, or when the file has some misplaced elsewhere.
      const oauth = credentialsOf(network) !== undefined || anyCredentials;
      const finding = check(document.text, network, oauth);
      if (finding) context.report(finding);
    }
  },
};
