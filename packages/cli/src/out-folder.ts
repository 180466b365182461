import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

/** Whether a real path lies inside a real folder (or is the folder). */
function inside(folder: string, path: string): boolean {
  const rest = relative(folder, path);
  return rest === "" || (!rest.startsWith("..") && !isAbsolute(rest));
}

/** Where a path really leads: its nearest existing part resolved (a dangling link: where it points), then the rest. */
export function realPath(path: string): string | undefined {
  for (let part = path; ; part = dirname(part)) {
    let isLink: boolean;
    try {
      isLink = lstatSync(part).isSymbolicLink();
    } catch {
      if (dirname(part) === part) return undefined;
      continue;
    }
    const rest = relative(part, path);
    try {
      return join(realpathSync(part), rest);
    } catch {
      return isLink ? join(resolve(dirname(part), readlinkSync(part)), rest) : undefined;
    }
  }
}

/**
 * Where a path inside the output folder really leads, when a symbolic link on the way (a tenant
 * folder, or the file itself) takes it outside the folder; undefined when it stays inside. The
 * output folder itself may be a link: the user named it. Names never hold `..` (generate refuses
 * such tenant and Omada names), so only links can lead out.
 */
export function leadsOutside(outDir: string, path: string): string | undefined {
  const root = realPath(outDir);
  const real = realPath(path);
  if (root === undefined || real === undefined || inside(root, real)) return undefined;
  return real;
}
