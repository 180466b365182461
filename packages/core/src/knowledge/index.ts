export type { FixNames, KnowledgeEntry } from "./entry.js";
export { findEntry, KNOWLEDGE } from "./knowledge.js";
export { bestMatches, matchText } from "./match.js";
export { type RenderedEntry, type RenderOptions, renderEntry } from "./render.js";
