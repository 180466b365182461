import { CLOUDS, type Cloud, type CloudName, hostOf, placementsOfHost } from "../clouds.js";
import type { Endpoints } from "../config/model.js";

/** What a notificationSettings file says about the endpoints, as written (trimmed). */
export interface WrittenEndpoints {
  instance?: string;
  host?: string;
  scopes?: string;
}

const hostIn = (value: string | undefined) => (value === undefined ? undefined : hostOf(value)?.toLowerCase());
/** An authority URL as Omada reads it: without regard to case or a trailing slash. */
export const sameAuthority = (a: string, b: string) => a.toLowerCase().replace(/\/+$/, "") === b.toLowerCase().replace(/\/+$/, "");
const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The cloud a file's endpoints point to: each value counts for every cloud it belongs to, and more
 * for the cloud whose own default it is; a tie goes to the cloud listed first (global before gcc).
 * A file that names no known host is taken to be global, its endpoints kept as overrides.
 */
export function inferCloud(written: WrittenEndpoints): Cloud {
  const score = new Map<CloudName, number>();
  const own = (cloud: Cloud): (string | undefined)[] => [cloud.authorityHost, cloud.smtpHost, hostOf(cloud.outlookResource)];
  [hostIn(written.instance), hostIn(written.host), hostIn(written.scopes)].forEach((host, index) => {
    if (host === undefined) return;
    for (const { cloud } of placementsOfHost(host)) {
      const isDefault = own(CLOUDS[cloud])[index] === host;
      score.set(cloud, (score.get(cloud) ?? 0) + (isDefault ? 2 : 1));
    }
  });
  let best: Cloud = CLOUDS.global;
  for (const cloud of Object.values(CLOUDS)) if ((score.get(cloud.name) ?? 0) > (score.get(best.name) ?? 0)) best = cloud;
  return best;
}

/** The endpoints a tenant needs so that generate writes the file's values where they are not the cloud's defaults. */
export function endpointOverrides(cloud: Cloud, written: WrittenEndpoints): Endpoints {
  const overrides: Endpoints = {};
  if (written.instance !== undefined && !sameAuthority(written.instance, `https://${cloud.authorityHost}`))
    overrides.authority = written.instance;
  if (written.host !== undefined && !sameText(written.host, cloud.smtpHost)) overrides.smtpHost = written.host;
  if (written.scopes !== undefined && !sameText(written.scopes, `${cloud.outlookResource}/.default`)) overrides.scope = written.scopes;
  return overrides;
}
