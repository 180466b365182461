import { CLOUDS, type Cloud } from "../clouds.js";
import { bestMatches, type FixNames, findEntry, type KnowledgeEntry, matchText, renderEntry } from "../knowledge/index.js";
import type { NetworkFailure } from "./network.js";
import type { Diagnosis, StepName } from "./report.js";

/** What failed and what verify knows about it; the knowledge base supplies the cause and the fix. */
export interface Failure {
  step: StepName;
  /** Knowledge base id, when verify knows it; else the text is matched against the knowledge base. */
  id?: string;
  detail: string;
  /** What the server said (an AADSTS code, an SMTP reply): matched against the knowledge base when there is no id. */
  said?: string;
}

/** The knowledge base id of a token endpoint failure. */
export function tokenFailure(failure: NetworkFailure): Failure {
  const failed = { step: "token" as const, detail: failure.message };
  if (failure.kind === "timeout") return { ...failed, id: "timeout" };
  if (failure.kind === "tls") return { ...failed, id: "token-endpoint-tls-failed" };
  if (failure.kind === "unreachable" || failure.status === 503) return { ...failed, id: "token-endpoint-unreachable" };
  const known = failure.code ? matchText(failure.code)[0] : undefined;
  return { ...failed, id: known?.id ?? "token-endpoint-error", ...(failure.code ? { said: failure.code } : {}) };
}

const SMTP_IDS: Partial<Record<NetworkFailure["kind"], string>> = {
  "starttls-missing": "starttls-missing",
  tls: "tls-failed",
  timeout: "timeout",
  unreachable: "smtp-unreachable",
};

/** The knowledge base id of an SMTP failure: by its kind, or by the server's reply. */
export function smtpFailure(step: StepName, failure: NetworkFailure): Failure {
  const id = SMTP_IDS[failure.kind];
  if (id) return { step, id, detail: failure.message };
  return { step, detail: failure.message, ...(failure.reply ? { said: failure.reply } : {}) };
}

/** The failure with its knowledge base entry rendered with the config's names, its commands signed in to the tenant's cloud. */
export function diagnose(failure: Failure, names: FixNames, cloud: Cloud = CLOUDS.global): Diagnosis {
  const base = { step: failure.step, detail: failure.detail };
  const known = failure.id ? findEntry(failure.id) : undefined;
  const candidates = known ? [known] : failure.said ? bestMatches(failure.said) : [];
  const [entry] = candidates;
  if (!entry) {
    return {
      ...base,
      title: failure.said ? `the server answered: ${failure.said}` : failure.detail,
      cause: "smtpcfg knows no cause for this answer.",
      fix: "Look the answer up in the server's documentation; `smtpcfg explain` lists what smtpcfg knows.",
      commands: [],
      links: [],
    };
  }
  if (candidates.length > 1) return undecided(base, failure.said as string, candidates);
  // The config gives every name verify can know: a sentence for a name it does not give is left out.
  const rendered = renderEntry(entry, names, { complete: true, cloud });
  return { ...base, id: entry.id, title: entry.title, ...rendered, links: entry.links };
}

/**
 * An answer that fits several entries equally (a 535 5.7.139 reply in words none of them knows):
 * each is named, none is picked, as the cause and fix of one would be told as certain.
 */
function undecided(base: Pick<Diagnosis, "step" | "detail">, said: string, candidates: readonly KnowledgeEntry[]): Diagnosis {
  const ids = candidates.map((candidate) => candidate.id);
  return {
    ...base,
    title: `the server answered: ${said}`,
    cause: `This answer fits ${candidates.length} known causes, and its words are none of those that tell them apart, so smtpcfg cannot say which it is: ${candidates.map((candidate) => `${candidate.title} (${candidate.id})`).join("; ")}.`,
    fix: `Compare the server's words with each of these causes; smtpcfg explain ID prints the fix and commands of each: ${ids.map((id) => `smtpcfg explain ${id}`).join(", ")}.`,
    commands: [],
    links: [...new Set(candidates.flatMap((candidate) => candidate.links))],
  };
}
