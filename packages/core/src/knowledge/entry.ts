/**
 * One thing that goes wrong between a config and a sent message, as `smtpcfg explain` and verify
 * report it. `cause`, `fix` and `commands` may hold `{name}` placeholders, one of the FixNames;
 * renderEntry fills them.
 */
export interface KnowledgeEntry {
  /** Stable, kebab-case; never the id of a lint rule (`explain` takes both). */
  id: string;
  /** One line. */
  title: string;
  /** What it is known by: "AADSTS7000215", "535 5.7.3"… Empty for what verify finds itself (token claims, network). */
  codes: string[];
  cause: string;
  fix: string;
  /** PowerShell (Microsoft Graph PowerShell or Exchange Online PowerShell) to run, in order. */
  commands: string[];
  links: string[];
}

/**
 * The names a fix can mention, from the config and from what verify saw. There is no name for a
 * secret, a token or a key: a fix never needs one, so none can end up in output.
 */
export interface FixNames {
  /** The tenant's name in the config. */
  tenant?: string;
  tenantId?: string;
  /** The app's name in the config. */
  app?: string;
  clientId?: string;
  /** The Enterprise application's object id as the config gives it. */
  servicePrincipalObjectId?: string;
  /** The App registration's object id as the config gives it. */
  applicationObjectId?: string;
  /** The `oid` claim of the token Entra ID issued: the real service principal's object id. */
  tokenOid?: string;
  /** The mailbox that authenticates. */
  mailbox?: string;
  /** The From address of a test message. */
  from?: string;
  /** The scope the token was requested with. */
  scope?: string;
  /** The authority (token endpoint's base URL) used. */
  authority?: string;
  /** The port the authority is reached on: 443 unless its URL names another. */
  authorityPort?: string;
  smtpHost?: string;
  /** The SMTP port connected to: 587 unless the config or --endpoints names another. */
  smtpPort?: string;
  /** The environment variable the client secret is read from. */
  variable?: string;
  /** The secret, certificate or key file read. */
  file?: string;
}

const NAMES: Readonly<Record<keyof FixNames, true>> = {
  tenant: true,
  tenantId: true,
  app: true,
  clientId: true,
  servicePrincipalObjectId: true,
  applicationObjectId: true,
  tokenOid: true,
  mailbox: true,
  from: true,
  scope: true,
  authority: true,
  authorityPort: true,
  smtpHost: true,
  smtpPort: true,
  variable: true,
  file: true,
};

/** Every FixNames key (the record above makes the compiler check that none is left out): the only `{placeholders}` an entry may hold. */
export const FIX_NAMES = Object.keys(NAMES) as readonly (keyof FixNames)[];

/**
 * Where a credential is read from: a config names one of them at most (none for a secret written
 * in it). A cause or fix gives each its own sentence; renderEntry leaves out the sentence of one
 * without a value when the other has one, or when the names are complete (verify's), and keeps
 * both, as markers, for explain.
 */
export const ALTERNATIVE_NAMES: readonly (keyof FixNames)[] = ["variable", "file"];
