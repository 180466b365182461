import type { ErrorObject } from "ajv";
import type { Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import validate from "../generated/validate-config.js";
import type { SourceText } from "../source.js";
import type { SmtpcfgConfiguration } from "./model.js";
import { schemaDiagnostics } from "./schema-diagnostics.js";
import { parseYamlSource, type YamlSource } from "./yaml-document.js";

export interface LoadedConfig {
  /** Parse and schema findings, in file order of discovery. */
  diagnostics: Diagnostic[];
  /** Present when the YAML parsed (schema errors or not). */
  yaml?: YamlSource;
  schemaErrors: readonly ErrorObject[];
  /** Present only when the file is free of syntax and schema errors. */
  config?: SmtpcfgConfiguration;
}

function emptyDocument(source: SourceText): Diagnostic {
  const start = { line: 1, column: 1 };
  return {
    ruleId: "schema",
    severity: "error",
    message: "the document is empty; a configuration needs at least `version: 1` and `tenants:`",
    file: source.file,
    range: { start, end: start },
    docsUrl: ruleDocsUrl("schema"),
  };
}

/** Parses and validates a config file. Never throws for bad input: problems are diagnostics. */
export function loadConfig(source: SourceText): LoadedConfig {
  if (source.text.trim() === "") return { diagnostics: [emptyDocument(source)], schemaErrors: [] };
  const yaml = parseYamlSource(source);
  if (yaml.syntaxDiagnostics.some((d) => d.severity === "error")) {
    return { diagnostics: yaml.syntaxDiagnostics, schemaErrors: [] };
  }
  // Only comments, a bare `---` or `~`: as empty as an empty file, not a document whose value is null.
  if (yaml.data === null || yaml.data === undefined)
    return { diagnostics: [...yaml.syntaxDiagnostics, emptyDocument(source)], schemaErrors: [] };
  const schemaErrors = validate(yaml.data) ? [] : (validate.errors ?? []);
  const diagnostics = [...yaml.syntaxDiagnostics, ...schemaDiagnostics(schemaErrors, yaml)];
  const config = schemaErrors.length === 0 ? (yaml.data as SmtpcfgConfiguration) : undefined;
  return config ? { diagnostics, yaml, schemaErrors, config } : { diagnostics, yaml, schemaErrors };
}
