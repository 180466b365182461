import type { DataPath } from "../config/data-path.js";
import type { LintableConfig } from "../config/lintable.js";
import type { Fix, Severity } from "../diagnostic.js";
import type { PowerShellScript } from "../powershell/script.js";
import type { SourceText } from "../source.js";
import type { XmlDocument } from "../xml/document.js";

/** What kind of file a rule checks; a rule may check several. */
export type FileKind = "config" | "xml" | "powershell";

export interface RuleMeta {
  /** Stable id, used in output, in `lint.rules` and in docs/rules/<id>.md. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
}

export interface ConfigReport {
  path: DataPath;
  message: string;
  /** Underline the key instead of the value. */
  key?: boolean;
  /** Overrides the rule's default severity for this one finding (e.g. expiring soon vs expired). */
  severity?: Severity;
}

export interface ConfigRuleContext {
  config: LintableConfig;
  /** Today's date as YYYY-MM-DD (injectable, so date rules are testable). */
  today: string;
  options: Readonly<Record<string, unknown>>;
  /** The line where a path starts, for messages that point at an earlier definition. */
  lineOf(path: DataPath): number;
  /**
   * Whether the schema rejected the value at this path or around it, or the key is in the file
   * misspelt (`cloudd:`): then its absence from `config` says nothing about the file, and rules
   * that would judge it missing stay quiet (the schema finding already names the one mistake).
   */
  rejected(path: DataPath): boolean;
  report(report: ConfigReport): void;
}

/** A finding in an XML or PowerShell file, between two 0-based offsets of its text. */
export interface SpanReport {
  start: number;
  end: number;
  message: string;
  severity?: Severity;
  /** A safe repair: applied by `--fix`, shown by `--fix-dry-run`. */
  fix?: Fix;
}

/** What the rules of an XML file or a script get, besides the document or the script. */
export interface FileRuleContext {
  source: SourceText;
  today: string;
  options: Readonly<Record<string, unknown>>;
  /** The config given with `--config`, when there is one: rules that compare the file with it need it. */
  config?: LintableConfig;
  report(report: SpanReport): void;
}

export interface XmlRuleContext extends FileRuleContext {
  document: XmlDocument;
}

export interface PowerShellRuleContext extends FileRuleContext {
  script: PowerShellScript;
}

/** One rule: its description, and a check per kind of file it applies to. */
export interface Rule {
  meta: RuleMeta;
  checkConfig?(context: ConfigRuleContext): void;
  checkXml?(context: XmlRuleContext): void;
  checkPowerShell?(context: PowerShellRuleContext): void;
}
