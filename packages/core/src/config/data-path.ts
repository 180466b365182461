/** A path into the config data: keys and array indices, as ajv and yaml both understand it. */
export type DataPath = readonly (string | number)[];

/** An ajv instancePath (JSON Pointer) as a DataPath. */
export function toDataPath(instancePath: string): DataPath {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

/** tenants[0].apps[1].clientId — the path as messages show it. */
export function displayPath(path: DataPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? segment : /^[A-Za-z_][\w-]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "the document" : out;
}
