import type { DataPath } from "./data-path.js";
import type { LintableConfig, LintableTenant } from "./lintable.js";

type Defined<T> = NonNullable<T>;
type ItemOf<T> = Defined<Defined<T>[number & keyof Defined<T>]>;
type ListKey = "apps" | "mailboxes" | "omada";

export interface Located<T> {
  value: T;
  path: DataPath;
}

export type LocatedItem<K extends ListKey> = Located<ItemOf<LintableTenant[K]>> & { tenant: Located<LintableTenant> };

/**
 * The lists below, made once per config: every rule walks them, some once per reference they
 * check, and a 1,000-tenant config has thousands of items.
 */
const walked = new WeakMap<LintableConfig, Map<string, readonly unknown[]>>();

function once<T>(config: LintableConfig, key: string, make: () => T[]): readonly T[] {
  const lists = walked.get(config) ?? new Map<string, readonly unknown[]>();
  walked.set(config, lists);
  const list = (lists.get(key) as readonly T[] | undefined) ?? make();
  lists.set(key, list);
  return list;
}

/** Every defined tenant, with its path. */
export function tenantsOf(config: LintableConfig): readonly Located<LintableTenant>[] {
  return once(config, "tenants", () => {
    const located: Located<LintableTenant>[] = [];
    const tenants = config.tenants ?? [];
    for (let index = 0; index < tenants.length; index++) {
      const tenant = tenants[index];
      if (tenant) located.push({ value: tenant, path: ["tenants", index] });
    }
    return located;
  });
}

/** Every defined item of one list of every tenant, with its path and tenant. */
export function itemsOf<K extends ListKey>(config: LintableConfig, key: K): readonly LocatedItem<K>[] {
  return once(config, key, () => {
    const located: LocatedItem<K>[] = [];
    for (const tenant of tenantsOf(config)) {
      const items = (tenant.value[key] ?? []) as (ItemOf<LintableTenant[K]> | undefined)[];
      for (let index = 0; index < items.length; index++) {
        const item = items[index];
        if (item) located.push({ value: item, path: ["tenants", tenant.path[1] as number, key, index], tenant });
      }
    }
    return located;
  });
}
