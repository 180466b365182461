import { omadaPort, portPaths } from "../../config/smtp-port.js";
import { itemsOf } from "../../config/walk.js";
import type { Fix, Severity } from "../../diagnostic.js";
import { didYouMean } from "../../text/did-you-mean.js";
import { listOr, quote } from "../../text/quote.js";
import { attribute, type XmlAttribute, type XmlElement } from "../../xml/document.js";
import { credentialsOf, misspelt, portNumber, quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { Rule, SpanReport } from "../rule.js";

/** MailKit's SecureSocketOptions, the values Omada takes (KNOWLEDGE.md §4). */
const MODES = ["None", "Auto", "SslOnConnect", "StartTls", "StartTlsWhenAvailable"] as const;
type Mode = (typeof MODES)[number];

const STRIPPING =
  "an attacker on the network path who removes STARTTLS from the server's reply makes the client go on in plain text and send the OAuth bearer token in clear, and whoever captures the token can send mail as the mailbox until it expires";
const USE_START_TLS_XML = 'Use secureSocketOptions="StartTls"';
const USE_START_TLS_YAML = "Use secureSocketOptions: StartTls";

/** Inserts `secureSocketOptions="StartTls"` after the last attribute of the start tag, on a line of its own when the attributes are on lines of their own. */
function insertStartTls(text: string, network: XmlElement): Fix {
  const last = network.attributes.at(-1);
  if (!last) return { offset: network.nameSpan.end, length: 0, text: ' secureSocketOptions="StartTls"' };
  const offset = last.valueSpan.end + 1;
  // Where the line of the last attribute starts, after a line break of any kind (LF, CRLF, a lone CR).
  const lineStart = Math.max(text.lastIndexOf("\n", last.nameSpan.start), text.lastIndexOf("\r", last.nameSpan.start)) + 1;
  const before = text.slice(lineStart, last.nameSpan.start);
  const ownLine = /^[ \t]*$/.test(before) && lineStart > network.nameSpan.start;
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
      message: `network has no secureSocketOptions, so Omada uses StartTlsWhenAvailable: ${STRIPPING}. ${USE_START_TLS_XML}, which refuses to go on without TLS`,
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
  const problem = modeProblem(known, port, oauth, `secureSocketOptions ${quoteValue(known)}`, USE_START_TLS_XML);
  if (!problem) return undefined;
  const { startTls, ...report } = problem;
  const fixed = startTls === "always" || (startTls === "where-repairable" && repairable);
  return { ...span, ...report, ...(fixed ? { fix: replaceWith(mode, "StartTls") } : {}) };
}

/** What is wrong with a mode on a port, and whether --fix writes StartTls instead: always, or only where that is certainly right (see check). */
interface ModeProblem {
  message: string;
  severity?: Severity;
  startTls?: "always" | "where-repairable";
}

/**
 * What is wrong with a known mode on a port (undefined: not known), when OAuth is in use or not.
 * `subject` begins the message; `useStartTls` says how to write the fix in the file's own syntax.
 */
function modeProblem(mode: Mode, port: number | undefined, oauth: boolean, subject: string, useStartTls: string): ModeProblem | undefined {
  if (port === 465 && mode !== "SslOnConnect" && mode !== "Auto") {
    return {
      message: `${subject} waits for a plain-text greeting, but port 465 expects TLS from the first byte: the connection hangs until it times out. Use SslOnConnect on port 465, or better port 587 with StartTls`,
    };
  }
  if (port === 587 && mode === "SslOnConnect") {
    return {
      message: `${subject} starts TLS as soon as it connects, but port 587 speaks plain text first and upgrades with STARTTLS: the TLS handshake fails. Use StartTls on port 587 (SslOnConnect belongs to port 465)`,
      startTls: "always",
    };
  }
  if (!oauth) return undefined;
  if (mode === "None") {
    return {
      message: `${subject} sends the OAuth bearer token in clear: anyone on the network path can capture it and send mail as the mailbox until it expires (and Exchange Online answers 530 5.7.57 to AUTH without TLS). Use StartTls on port 587`,
    };
  }
  const fallsBack = mode === "StartTlsWhenAvailable" || (mode === "Auto" && port !== 465);
  if (!fallsBack) return undefined;
  const means = mode === "Auto" ? ` means StartTlsWhenAvailable on ${port === undefined ? "any port but 465" : `port ${port}`}, which` : "";
  return {
    severity: "warning",
    message: `${subject}${means} goes on in plain text when the server does not offer STARTTLS: ${STRIPPING}. ${useStartTls}, which refuses to go on without TLS`,
    startTls: "where-repairable",
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
  checkConfig(context) {
    for (const omada of itemsOf(context.config, "omada")) {
      const modePath = [...omada.path, "secureSocketOptions"];
      // A mode or port the schema rejected is reported there: what is left would be judged on a default.
      if (context.rejected(modePath) || portPaths(omada).some((path) => context.rejected(path))) continue;
      const written = omada.value.secureSocketOptions;
      const { port, path: portPath } = omadaPort(context.config, omada);
      // With the default mode (StartTls), only a port can be at fault; with the default port too, nothing is.
      const path = written === undefined ? portPath : modePath;
      if (path === undefined) continue;
      const subject = written === undefined ? `${port} with the default secureSocketOptions "StartTls"` : quote(written);
      // Generate always writes client credentials: OAuth is in use.
      const problem = modeProblem(written ?? "StartTls", port, true, subject, USE_START_TLS_YAML);
      if (problem) context.report({ path, message: problem.message, ...(problem.severity ? { severity: problem.severity } : {}) });
    }
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
