import type { Endpoints } from "./model.js";

/** A config or a tenant, as far as endpoints go: the parsed model's or a lintable one's. */
interface WithEndpoints {
  endpoints?: Partial<Endpoints>;
}

/**
 * A tenant's endpoint value that an endpoints block gives, and whether the tenant's own block
 * gives it (else the top-level one does); undefined when neither does and the cloud's default
 * applies. The one place that says a tenant's own block wins, for generate, verify and the rules
 * that check what they will use.
 */
export function endpointOverride<K extends keyof Endpoints>(
  config: WithEndpoints,
  tenant: WithEndpoints,
  key: K,
): { value: NonNullable<Endpoints[K]>; own: boolean } | undefined {
  const own = tenant.endpoints?.[key];
  if (own !== undefined && own !== null) return { value: own, own: true };
  const shared = config.endpoints?.[key];
  return shared === undefined || shared === null ? undefined : { value: shared, own: false };
}
