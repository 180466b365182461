import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { PROJECT_URL, ruleDocsUrl } from "../docs-url.js";
import { RULES } from "../lint/rules/index.js";
import type { Formatter } from "./formatter.js";
import { displayFile } from "./relative.js";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/**
 * A file as a SARIF artifactLocation. Below cwd: a relative reference against %SRCROOT%, each
 * segment percent-encoded so `#`, `?` or `:` in a name cannot turn into a fragment, query or
 * scheme (encodeURI keeps them). Elsewhere there is no root to resolve against: a file: URI.
 */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const shown = displayFile(file, cwd);
  if (isAbsolute(shown)) return { uri: pathToFileURL(file).href };
  return { uri: shown.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

/** The SARIF reportingDescriptor of an id: a rule's links to its docs page; an id that is no rule links nowhere. */
function descriptor(id: string) {
  const meta = RULES.find((rule) => rule.meta.id === id)?.meta;
  if (!meta) return { id, shortDescription: { text: id }, defaultConfiguration: { level: "error" } };
  return {
    id,
    shortDescription: { text: meta.description },
    helpUri: ruleDocsUrl(id),
    defaultConfiguration: { level: meta.defaultSeverity === "warning" ? "warning" : "error" },
  };
}

/** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
export const sarif: Formatter = (diagnostics, context) => {
  const ruleIds = [...new Set([...RULES.map((rule) => rule.meta.id), ...diagnostics.map((d) => d.ruleId)])];
  const rules = ruleIds.map(descriptor);
  const results = diagnostics.map((d) => ({
    ruleId: d.ruleId,
    ruleIndex: ruleIds.indexOf(d.ruleId),
    level: d.severity === "error" ? "error" : "warning",
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(d.file, context.cwd),
          region: {
            startLine: d.range.start.line,
            startColumn: d.range.start.column,
            endLine: d.range.end.line,
            endColumn: d.range.end.column,
          },
        },
      },
    ],
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "smtpcfg", version: context.toolVersion, informationUri: PROJECT_URL, rules } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
