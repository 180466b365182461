import type { Argv } from "yargs";
import { type LintArguments, lintOptions } from "./commands/lint.js";

/** An option as lintOptions declares it: the only spec keys read here. Any other key turns the fast path off. */
interface OptionSpec {
  alias?: string;
  describe?: string;
  /** What the help gives as the default: help text only, like describe. */
  defaultDescription?: string;
  type?: "string" | "boolean" | "number";
  choices?: readonly string[];
  default?: unknown;
  array?: boolean;
  /** A value must follow: here, an option with none (or with one that looks like another option) is left to yargs, which refuses it. */
  requiresArg?: boolean;
}

const KNOWN_SPEC_KEYS = new Set(["alias", "describe", "defaultDescription", "type", "choices", "default", "array", "requiresArg"]);

interface Declared {
  positional?: { name: string; spec: OptionSpec };
  options: Map<string, OptionSpec>;
}

/**
 * What lintOptions declares, read by handing it a stand-in for yargs that records `positional`
 * and `option` calls. Undefined when it uses anything else (`conflicts`, `coerce`, `check`, …):
 * then every lint goes through yargs, slower but never different.
 */
function declaredOptions(): Declared | undefined {
  const declared: Declared = { options: new Map() };
  let understood = true;
  const recorder: Record<string, unknown> = new Proxy(
    {},
    {
      get(_, method) {
        return (name: unknown, spec: unknown) => {
          const plain = typeof spec === "object" && spec !== null && Object.keys(spec).every((key) => KNOWN_SPEC_KEYS.has(key));
          // Help text only: nothing a command line can say.
          if (method === "example" || method === "epilogue") return recorder;
          if (method === "positional" && declared.positional === undefined && typeof name === "string" && plain) {
            declared.positional = { name, spec: spec as OptionSpec };
          } else if (method === "option" && typeof name === "string" && plain && !declared.options.has(name)) {
            declared.options.set(name, spec as OptionSpec);
          } else {
            understood = false;
          }
          return recorder;
        };
      },
    },
  );
  lintOptions(recorder as unknown as Argv);
  return understood ? declared : undefined;
}

/** `max-warnings` as yargs passes it to the command: `maxWarnings` (split and joined: no regular expression to compile on every start). */
export const camelCase = (name: string) =>
  name
    .split("-")
    .map((part, index) => (index === 0 ? part : (part[0] ?? "").toUpperCase() + part.slice(1)))
    .join("");
/** Values yargs might read as something else than the text given (numbers, booleans, options). */
const AMBIGUOUS_VALUE = /^(?:$|-|[+.]?\d|0[xob]|true$|false$|null$|undefined$|NaN$|Infinity$)/i;
const WHOLE_NUMBER = /^(?:0|[1-9]\d{0,8})$/;

/**
 * The arguments yargs would give the lint command for `argv`, or undefined for anything but a
 * plain `smtpcfg lint …`: help, the version, an unknown, repeated or negated option, `--`, short
 * options run together, or a value yargs might coerce or reject. main() handles those with yargs.
 * Only `--verbose` of the global options is known here; it matters only to internal errors.
 */
export function parseLintArgv(argv: readonly string[]): { args: LintArguments; verbose: boolean } | undefined {
  if (argv[0] !== "lint") return undefined;
  const declared = declaredOptions();
  if (declared?.positional?.name !== "paths") return undefined;
  const options = new Map<string, { name: string; spec: OptionSpec }>();
  for (const [name, spec] of [...declared.options, ["verbose", { type: "boolean" }] as const]) {
    if (spec.array || options.has(name) || (spec.alias !== undefined && options.has(spec.alias))) return undefined;
    options.set(`--${name}`, { name, spec });
    if (spec.alias !== undefined) {
      if (spec.alias.length !== 1) return undefined;
      options.set(`-${spec.alias}`, { name, spec });
    }
  }
  const values = new Map<string, unknown>();
  const paths: string[] = [];
  for (let index = 1; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (!arg.startsWith("-")) {
      if (AMBIGUOUS_VALUE.test(arg)) return undefined;
      paths.push(arg);
      continue;
    }
    const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    const option = options.get(flag);
    if (option === undefined || values.has(option.name)) return undefined;
    const { spec } = option;
    if (spec.type === "boolean") {
      // `--quiet true` and `--quiet=false` are yargs's to read.
      const next = argv[index + 1];
      if (equals !== -1 || next === "true" || next === "false") return undefined;
      values.set(option.name, true);
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) value = arg.slice(equals + 1);
    else value = argv[++index];
    if (value === undefined) return undefined;
    if (spec.type === "number") {
      if (!WHOLE_NUMBER.test(value)) return undefined;
      values.set(option.name, Number(value));
    } else if (spec.choices !== undefined) {
      if (!spec.choices.includes(value)) return undefined;
      values.set(option.name, value);
    } else if (spec.type === "string") {
      if (AMBIGUOUS_VALUE.test(value)) return undefined;
      values.set(option.name, value);
    } else {
      return undefined;
    }
  }
  const args: Record<string, unknown> = { paths };
  for (const [name, spec] of declared.options) {
    // Like yargs: an option that is not given and has no default is absent, not undefined.
    const value = values.has(name) ? values.get(name) : spec.default;
    if (value !== undefined) args[camelCase(name)] = value;
  }
  return { args: args as unknown as LintArguments, verbose: values.has("verbose") };
}
