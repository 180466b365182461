import { compact } from "./compact.js";
import type { Formatter } from "./formatter.js";
import { github } from "./github.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";

export const FORMATTERS = { stylish, compact, json, sarif, github } as const satisfies Record<string, Formatter>;
export type FormatName = keyof typeof FORMATTERS;
export type { FormatContext, Formatter } from "./formatter.js";
