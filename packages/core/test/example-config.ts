import type { LintableConfig } from "../src/config/lintable.js";
import { loadConfig } from "../src/config/load.js";
import type { LintOptions } from "../src/lint/lint-file.js";
import type { LintSettings } from "../src/lint/settings.js";

/**
 * A rule page shows the config an XML or PowerShell example is linted with (`--config`) in a
 * ```yaml smtpcfg.yaml block before it. The lint options that block gives, as the CLI makes them
 * of a --config: the config itself, and its lint block. The n-th such block of a piece of
 * markdown, or the last one there is; none when there is none.
 */
export function exampleConfig(markdown: string, index = 0): Pick<LintOptions, "config" | "settings"> {
  const blocks = [...markdown.matchAll(/^```yaml smtpcfg\.yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
  const text = blocks[Math.min(index, blocks.length - 1)];
  if (text === undefined) return {};
  const config = loadConfig({ file: "smtpcfg.yaml", text, bom: false }).yaml?.data as LintableConfig | undefined;
  if (!config) throw new Error(`the smtpcfg.yaml example does not parse:\n${text}`);
  const settings = config.lint as LintSettings | undefined;
  return settings ? { config, settings } : { config };
}
