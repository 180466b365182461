import type { SmtpcfgConfiguration } from "./model.js";

/**
 * The config as semantic rules see it: values the schema rejected have been removed, so every
 * value present has its documented type, but anything may be missing.
 */
export type Lintable<T> = T extends readonly (infer Item)[]
  ? (Lintable<Item> | undefined)[]
  : T extends object
    ? { [Key in keyof T]?: Lintable<T[Key]> }
    : T;

export type LintableConfig = Lintable<SmtpcfgConfiguration>;
export type LintableTenant = NonNullable<NonNullable<LintableConfig["tenants"]>[number]>;
export type LintableApp = NonNullable<NonNullable<LintableTenant["apps"]>[number]>;
