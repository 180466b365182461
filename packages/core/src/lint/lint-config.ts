import { type DataPath, displayPath } from "../config/data-path.js";
import type { LintableConfig } from "../config/lintable.js";
import { loadConfig } from "../config/load.js";
import { misspeltPaths, pruneInvalid, rejectedPaths } from "../config/schema-diagnostics.js";
import type { YamlSource } from "../config/yaml-document.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostic.js";
import { ruleDocsUrl } from "../docs-url.js";
import type { SourceText } from "../source.js";
import { RULES } from "./rules/index.js";
import { applySeverities, type LintSettings, ruleOptions } from "./settings.js";
import { todayUtc } from "./today.js";

export interface ConfigLintOptions {
  /** Settings to use instead of the file's own `lint` block (the CLI's --config). */
  settings?: LintSettings;
  /** Today as YYYY-MM-DD; defaults to the real date (UTC). */
  today?: string;
}

/** Lints one config file: syntax, then the schema, then every semantic rule. Never throws for bad input. */
export function lintConfig(source: SourceText, options: ConfigLintOptions = {}): Diagnostic[] {
  return lintConfigSource(source, options).diagnostics;
}

export interface LintedConfig {
  /** Graded with `settings`, and sorted. */
  diagnostics: Diagnostic[];
  /** What graded the findings: the settings given, else the file's own `lint` block (as far as the schema accepts it). */
  settings: LintSettings | undefined;
  /** False when the file is no YAML document (a syntax error, an empty file): then no rule checked it. */
  rulesRan: boolean;
  /** Whether a line holds a key or value the schema rejected, which the rules then left unchecked. */
  unchecked: (line: number) => boolean;
}

const CHECKED_WHOLE = () => false;

/** lintConfig, with what the suppressions that follow it need to know: the settings it graded with, whether any rule ran, and which lines they left unchecked. */
export function lintConfigSource(source: SourceText, options: ConfigLintOptions = {}): LintedConfig {
  const { diagnostics, yaml, schemaErrors } = loadConfig(source);
  if (!yaml) {
    return {
      diagnostics: applySeverities(diagnostics, options.settings).sort(compareDiagnostics),
      settings: options.settings,
      rulesRan: false,
      unchecked: CHECKED_WHOLE,
    };
  }
  const config = (pruneInvalid(yaml.data, schemaErrors) ?? {}) as LintableConfig;
  const settings = options.settings ?? (config.lint as LintSettings | undefined);
  const today = options.today ?? todayUtc();
  const rejectedValues = rejectedPaths(schemaErrors);
  const rejected = [...rejectedValues, ...misspeltPaths(schemaErrors)];
  const isPrefix = (prefix: DataPath, path: DataPath) => prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);

  for (const rule of RULES) {
    if (!rule.checkConfig) continue;
    const { id, defaultSeverity } = rule.meta;
    rule.checkConfig({
      config,
      today,
      options: ruleOptions(settings, id),
      lineOf: (path) => yaml.locate(path).start.line,
      rejected: (path) => rejected.some((rejectedPath) => isPrefix(rejectedPath, path)),
      report: (report) => {
        diagnostics.push({
          ruleId: id,
          severity: report.severity ?? defaultSeverity,
          message: `${displayPath(report.path)} ${report.message}`,
          file: source.file,
          range: yaml.locate(report.path, report.key ? { key: true } : {}),
          docsUrl: ruleDocsUrl(id),
        });
      },
    });
  }
  return {
    diagnostics: applySeverities(diagnostics, settings).sort(compareDiagnostics),
    settings,
    rulesRan: true,
    unchecked: rejectedValues.length === 0 ? CHECKED_WHOLE : uncheckedLines(yaml, rejectedValues),
  };
}

/**
 * The lines of the keys and values the schema rejected, and of the keys that hold them (a rule that
 * judges `access` skips it when an item of it was rejected); all of them when it rejected the whole
 * document. Found on first use.
 */
function uncheckedLines(yaml: YamlSource, rejected: readonly DataPath[]): (line: number) => boolean {
  if (rejected.some((path) => path.length === 0)) return () => true;
  let lines: Set<number> | undefined;
  const linesOf = (path: DataPath) => [
    yaml.locate(path).start.line,
    ...path.map((_, index) => yaml.locate(path.slice(0, index + 1), { key: true }).start.line),
  ];
  return (line) => {
    lines ??= new Set(rejected.flatMap(linesOf));
    return lines.has(line);
  };
}
