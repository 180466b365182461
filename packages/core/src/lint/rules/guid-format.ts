import type { Fix } from "../../diagnostic.js";
import { isGuid } from "../../text/identifiers.js";
import { isPlaceholder } from "../../text/placeholder.js";
import { attribute, type XmlAttribute } from "../../xml/document.js";
import { quoteValue, settingsElements } from "../../xml/notification-settings.js";
import type { Rule, SpanReport, XmlRuleContext } from "../rule.js";
import { tenantIdProblem } from "./tenant-id-format.js";

type Problem = Omit<SpanReport, "start" | "end">;

const GUID_INSIDE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const CLIENT_ID_HOME = "Use the Application (client) ID from App registrations › (the app) › Overview";

/**
 * A GUID with braces or spaces around it (`{7a83…}`, as some tools copy it): certainly the GUID
 * meant, so the finding can repair it. Anything longer may hold another id and is left alone.
 */
function wrappedGuid(id: XmlAttribute, name: string): Problem | undefined {
  const match = /^(\s*)(\{?)\s*([0-9a-f-]{36})\s*(\}?)(\s*)$/i.exec(id.value);
  const bare = match?.[3];
  if (!match || bare === undefined || !isGuid(bare)) return undefined;
  const braces = match[2] !== "" || match[4] !== "";
  const spaces = id.value.replace(/[{}]/g, "").trim() !== id.value.replace(/[{}]/g, "");
  const around = braces && spaces ? "braces and spaces" : braces ? "braces" : "spaces";
  return {
    message: `${name} ${quoteValue(id.value)} has ${around} around the GUID: Entra takes the value as written and does not recognise it. Write only the GUID`,
    fix: replaceValue(id, bare),
  };
}

/** The fix that writes `text` as an attribute's value. */
function replaceValue(attribute: XmlAttribute, text: string): Fix {
  return { offset: attribute.valueSpan.start, length: attribute.valueSpan.end - attribute.valueSpan.start, text };
}

/** What is wrong with a clientId, or undefined when it is a GUID. */
function clientIdProblem(clientId: XmlAttribute): Problem | undefined {
  const { value } = clientId;
  if (isGuid(value)) return undefined;
  const trimmed = value.trim();
  const subject = `clientId ${quoteValue(value)}`;
  if (trimmed === "") return { message: `clientId is empty, so Entra cannot tell which app asks for a token. ${CLIENT_ID_HOME}` };
  const wrapped = wrappedGuid(clientId, "clientId");
  if (wrapped) return wrapped;
  if (isPlaceholder(trimmed)) return { message: `${subject} is a placeholder, not a client ID. ${CLIENT_ID_HOME}` };
  const inside = trimmed.match(GUID_INSIDE);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && inside?.length === 1) {
    return {
      message: `${subject} is a URI (such as the Application ID URI), not the client ID: Entra finds no app by it (AADSTS700016). ${CLIENT_ID_HOME}; did you mean ${JSON.stringify(inside[0])}?`,
    };
  }
  return { message: `${subject} is not a GUID (8-4-4-4-12 hex digits), so Entra finds no app by it (AADSTS700016). ${CLIENT_ID_HOME}` };
}

/** What is wrong with the shape of a tenantId; aliases, placeholders and URLs are tenant-id-format's, as mistakes of meaning. */
function tenantIdShapeProblem(tenantId: XmlAttribute): Problem | undefined {
  const { value } = tenantId;
  // Spaces around a good tenant id are this rule's to report, with the fix that trims them.
  if (value.trim() !== value && tenantIdProblem(value.trim(), "instance") === undefined) {
    return (
      wrappedGuid(tenantId, "tenantId") ?? {
        message: `tenantId ${quoteValue(value)} has spaces around the domain: Entra takes the value as written and does not recognise it. Write only the domain`,
        fix: replaceValue(tenantId, value.trim()),
      }
    );
  }
  const problem = tenantIdProblem(value, "instance");
  if (problem?.kind !== "shape") return undefined;
  const wrapped = wrappedGuid(tenantId, "tenantId");
  if (wrapped) return wrapped;
  return { message: `${value.trim() === "" ? "tenantId" : `tenantId ${quoteValue(value)}`} ${problem.message}` };
}

function reportProblem(context: XmlRuleContext, id: XmlAttribute | undefined, problemOf: (id: XmlAttribute) => Problem | undefined): void {
  const problem = id === undefined ? undefined : problemOf(id);
  if (id && problem) context.report({ ...id.valueSpan, ...problem });
}

export const guidFormat: Rule = {
  meta: {
    id: "guid-format",
    description: "A clientId that is not a GUID, or a tenantId that is neither a GUID nor a domain",
    defaultSeverity: "error",
    fixable: true,
  },
  checkXml(context) {
    for (const credentials of settingsElements(context.document).credentials) {
      reportProblem(context, attribute(credentials, "clientId"), clientIdProblem);
      reportProblem(context, attribute(credentials, "tenantId"), tenantIdShapeProblem);
    }
  },
};
