import type { DataPath } from "./data-path.js";
import type { LintableConfig, LintableTenant } from "./lintable.js";

type Defined<T> = NonNullable<T>;
type ItemOf<T> = Defined<Defined<T>[number & keyof Defined<T>]>;
type ListKey = "apps" | "mailboxes" | "omada";

export interface Located<T> {
  value: T;
  path: DataPath;
}

export function* tenantsOf(config: LintableConfig): Generator<Located<LintableTenant>> {
  for (const [index, tenant] of (config.tenants ?? []).entries()) {
    if (tenant) yield { value: tenant, path: ["tenants", index] };
  }
}

/** Every defined item of one list of every tenant, with its path and tenant. */
export function* itemsOf<K extends ListKey>(
  config: LintableConfig,
  key: K,
): Generator<Located<ItemOf<LintableTenant[K]>> & { tenant: Located<LintableTenant> }> {
  for (const tenant of tenantsOf(config)) {
    for (const [index, item] of (tenant.value[key] ?? []).entries()) {
      if (item) yield { value: item as ItemOf<LintableTenant[K]>, path: [...tenant.path, key, index], tenant };
    }
  }
}
