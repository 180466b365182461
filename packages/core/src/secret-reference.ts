import { readSecretFile } from "./secret-file.js";
import { looksLikeSecret } from "./text/secret-shape.js";

/** Where `env:` and `file:` secrets are read from. */
export interface CredentialSources {
  /** Absolute folder of the config: `file:` secrets and certificate files are relative to it. */
  configDir: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Why there is no credential: the variable or file the config names, for the diagnosis. */
export interface CredentialProblem {
  detail: string;
  variable?: string;
  file?: string;
}

export type SecretRead = { value: string } | { problem: CredentialProblem };

/**
 * The problem of a variable or file the config names that is shaped like a client secret: the
 * secret itself, written where its name belongs. It is not named, in the detail or for a fix.
 */
function secretAsName(what: "environment variable" | "file", problem: string): CredentialProblem {
  const where = what === "file" ? "path" : "variable's name";
  return {
    detail: `the ${what} the config names ${problem}, and its name is shaped like a client secret (not shown): the secret itself may be written where the ${where} belongs; put it in ${what === "file" ? "a file" : "an environment variable"} and write the ${where} there`,
  };
}

/** A file the config names for a credential (surrounding whitespace removed), or the problem naming it. */
export function readCredentialFile(file: string, configDir: string): SecretRead {
  const read = readSecretFile(file, configDir);
  if ("value" in read) return read;
  return { problem: looksLikeSecret(file) ? secretAsName("file", read.problem) : { detail: `the file ${file} ${read.problem}`, file } };
}

/** A client secret: an environment variable, a file relative to the config (surrounding whitespace removed), or a literal. */
export function readSecret(reference: string | { env?: string; file?: string }, sources: CredentialSources): SecretRead {
  if (typeof reference === "string") return { value: reference };
  if (reference.env !== undefined) {
    const value = sources.env[reference.env];
    if (value === undefined || value.trim() === "") {
      if (looksLikeSecret(reference.env)) return { problem: secretAsName("environment variable", "is not set") };
      return { problem: { detail: `the environment variable ${reference.env} is not set`, variable: reference.env } };
    }
    return { value };
  }
  if (reference.file !== undefined) return readCredentialFile(reference.file, sources.configDir);
  return { problem: { detail: "the client secret names neither env nor file" } };
}
