import {
  findEntry,
  findRule,
  KNOWLEDGE,
  type KnowledgeEntry,
  matchText,
  nearest,
  RULES,
  type RuleMeta,
  renderEntry,
  ruleDocsUrl,
  UsageError,
} from "@smtpcfg/core";
import type { Argv } from "yargs";
import { EXIT } from "../exit-codes.js";
import type { Io } from "../io.js";

export interface ExplainArguments {
  query: string[] | undefined;
  list: boolean | undefined;
  format: "text" | "json";
}

export function explainOptions(yargs: Argv): Argv<ExplainArguments> {
  return yargs
    .positional("query", {
      describe: "An AADSTS code or message, an SMTP reply (quoted, or as several words), a knowledge-base id or a lint rule id",
      type: "string",
      array: true,
    })
    .option("list", { describe: "List every knowledge-base entry and lint rule", type: "boolean" })
    .option("format", {
      alias: "f",
      describe: "Output format",
      choices: ["text", "json"] as const,
      default: "text" as const,
      requiresArg: true,
    })
    .example("$0 explain AADSTS7000215", "Why Entra ID rejected the client secret, and what to do")
    .example('$0 explain "5.7.139 SmtpClientAuthentication is disabled for the Mailbox"', "An SMTP reply as the server wrote it")
    .example("$0 explain 535 5.7.3", "A reply code alone")
    .example("$0 explain wrong-sp-object-id", "A knowledge-base entry by its id")
    .example("$0 explain secret-id-as-secret", "A lint rule: what it finds, and its docs page")
    .example("$0 explain --list", "Everything explain knows")
    .example("$0 explain AADSTS700016 --format json", "As JSON")
    .epilogue(
      "Commands show the names to fill in as <name>; smtpcfg verify fills them from the config.\nExit codes: 0 explained, 1 nothing known by that, 2 usage error.",
    )
    .strict() as unknown as Argv<ExplainArguments>;
}

type Found = { kind: "knowledge"; entry: KnowledgeEntry } | { kind: "rule"; meta: RuleMeta };

/** The entry an AADSTS code no entry lists falls back to: closest to such a code, never its explanation. */
const TOKEN_ENDPOINT_FALLBACK = "token-endpoint-error";

/** The AADSTS codes a query names that no knowledge-base entry lists. */
function unknownCodes(query: string): string[] {
  const known = new Set(KNOWLEDGE.flatMap((entry) => entry.codes));
  return [...query.matchAll(/\bAADSTS[ :_-]*(\d{5,8})\b/gi)].map((match) => `AADSTS${match[1]}`).filter((code) => !known.has(code));
}

/**
 * What a query names: a knowledge-base id, a rule id, else every entry its text matches, best
 * first. A query whose only match is the generic token endpoint entry, reached through an AADSTS
 * code no entry lists, names nothing the knowledge base knows.
 */
function lookUp(query: string): Found[] {
  const id = query.trim().toLowerCase();
  const entry = findEntry(id);
  if (entry) return [{ kind: "knowledge", entry }];
  const rule = findRule(id);
  if (rule) return [{ kind: "rule", meta: rule.meta }];
  const matches = matchText(query);
  if (matches.length === 1 && matches[0]?.id === TOKEN_ENDPOINT_FALLBACK && unknownCodes(query).length > 0) return [];
  return matches.map((each) => ({ kind: "knowledge", entry: each }));
}

function asJson(found: Found) {
  if (found.kind === "rule") return { kind: "rule", ...found.meta, docs: ruleDocsUrl(found.meta.id) };
  const { id, title, codes, links } = found.entry;
  return { kind: "knowledge", id, title, codes, ...renderEntry(found.entry, {}), links };
}

const indent = (text: string) => `  ${text}`;

function asText(found: Found): string {
  if (found.kind === "rule") {
    const { id, description, defaultSeverity, fixable } = found.meta;
    return [
      `${id} (lint rule)`,
      indent(description),
      indent(`Default severity: ${defaultSeverity} · Fixable: ${fixable ? "yes" : "no"}`),
      indent(`Docs: ${ruleDocsUrl(id)}`),
      "",
    ].join("\n");
  }
  const { entry } = found;
  const { cause, fix, commands } = renderEntry(entry, {});
  const lines = [`${entry.id}: ${entry.title}`];
  if (entry.codes.length > 0) lines.push(indent(`Known by: ${entry.codes.join(", ")}`));
  lines.push("", "Cause", indent(cause), "", "Fix", indent(fix));
  if (commands.length > 0) lines.push("", "Commands (PowerShell; put the values in place of each <name>)", ...commands.map(indent));
  if (entry.links.length > 0) lines.push("", "Links", ...entry.links.map(indent));
  return `${lines.join("\n")}\n`;
}

function list(io: Io, format: ExplainArguments["format"]): number {
  if (format === "json") {
    const knowledge = KNOWLEDGE.map(({ id, title, codes }) => ({ id, title, codes }));
    const rules = RULES.map(({ meta }) => ({ id: meta.id, description: meta.description }));
    io.stdout.write(`${JSON.stringify({ knowledge, rules }, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...[...KNOWLEDGE.map((entry) => entry.id), ...RULES.map((rule) => rule.meta.id)].map((id) => id.length));
  const row = (id: string, text: string) => indent(`${id.padEnd(width)}  ${text}`);
  io.stdout.write(
    [
      "Knowledge base (smtpcfg explain ID, or a code or reply it lists):",
      ...KNOWLEDGE.map((entry) => row(entry.id, entry.title)),
      "",
      "Lint rules (smtpcfg explain RULE):",
      ...RULES.map((rule) => row(rule.meta.id, rule.meta.description)),
      "",
    ].join("\n"),
  );
  return EXIT.ok;
}

/**
 * The ids and codes nearest to a query nothing matched, each code with the entry it belongs to;
 * for an AADSTS code no entry lists, the generic token endpoint entry first.
 */
function closestTo(query: string): string[] {
  const owner = new Map<string, string>();
  for (const entry of KNOWLEDGE) for (const code of entry.codes) owner.set(code, entry.id);
  const candidates = [...KNOWLEDGE.map((entry) => entry.id), ...owner.keys(), ...RULES.map((rule) => rule.meta.id)];
  const closest = nearest(query, candidates, 3).map((candidate) =>
    owner.has(candidate) ? `${candidate} (${owner.get(candidate)})` : candidate,
  );
  return unknownCodes(query).length > 0
    ? [TOKEN_ENDPOINT_FALLBACK, ...closest.filter((each) => each !== TOKEN_ENDPOINT_FALLBACK)]
    : closest;
}

/** Why nothing was found: the unknown AADSTS codes, or the query as a whole. */
function nothingKnown(query: string): string {
  const codes = unknownCodes(query);
  return codes.length > 0
    ? `${codes.join(", ")} ${codes.length === 1 ? "is" : "are"} not in the knowledge base`
    : `nothing known as ${JSON.stringify(shownQuery(query))}`;
}

/**
 * The query as explain repeats it. People paste whole log lines, and those may hold an access
 * token, a client secret or an AUTH XOAUTH2 argument: each is one long word, which codes, reply
 * texts and ids never are, so a word of more than 24 characters is shown as "…".
 */
function shownQuery(query: string): string {
  return query.replace(/\S{25,}/g, "…");
}

/** Prints what a code, a reply or an id means; exit 1 with the closest entries when nothing is known by it. */
export async function explainCommand(args: ExplainArguments, io: Io): Promise<number> {
  if (args.list) {
    if ((args.query ?? []).length > 0) throw new UsageError("--list lists everything and takes no query: drop one or the other");
    return list(io, args.format);
  }
  const query = (args.query ?? []).join(" ").trim();
  if (query === "") throw new UsageError("name an AADSTS code, an SMTP reply, a knowledge-base id or a rule id, or use --list");
  const found = lookUp(query);
  if (args.format === "json") {
    const shown = shownQuery(query);
    const report =
      found.length > 0 ? { query: shown, matches: found.map(asJson) } : { query: shown, matches: [], closest: closestTo(query) };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return found.length > 0 ? EXIT.ok : EXIT.findings;
  }
  if (found.length === 0) {
    io.stderr.write(`smtpcfg: ${nothingKnown(query)}. Closest: ${closestTo(query).join(", ")}. smtpcfg explain --list shows everything.\n`);
    return EXIT.findings;
  }
  io.stdout.write(found.map(asText).join("\n"));
  return EXIT.ok;
}
