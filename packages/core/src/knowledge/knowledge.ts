import type { KnowledgeEntry } from "./entry.js";
import { NETWORK_ENTRIES } from "./network.js";
import { SMTP_ENTRIES } from "./smtp.js";
import { TOKEN_CLAIM_ENTRIES } from "./token-claims.js";
import { TOKEN_ENDPOINT_ENTRIES } from "./token-endpoint.js";

/** Every entry, in the order of a login: token endpoint, token claims, SMTP, then this machine and the network. */
export const KNOWLEDGE: readonly KnowledgeEntry[] = [
  ...TOKEN_ENDPOINT_ENTRIES,
  ...TOKEN_CLAIM_ENTRIES,
  ...SMTP_ENTRIES,
  ...NETWORK_ENTRIES,
];

export function findEntry(id: string): KnowledgeEntry | undefined {
  return KNOWLEDGE.find((entry) => entry.id === id);
}
