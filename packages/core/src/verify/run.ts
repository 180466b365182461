import { randomBytes } from "node:crypto";
import type { SmtpcfgConfiguration } from "../config/model.js";
import type { FixNames } from "../knowledge/entry.js";
import { looksLikeSecret } from "../text/secret-shape.js";
import { authorityPort } from "./authority.js";
import { checkClaims, decodeClaims, outlookAudiences, text } from "./claims.js";
import { type CredentialProblem, type ResolvedCredential, resolveCredential } from "./credential.js";
import { diagnose, type Failure, smtpFailure, tokenFailure } from "./diagnose.js";
import { type EndpointsOverride, readCaFile } from "./endpoints.js";
import type { NetworkResult, VerifyNetwork } from "./network.js";
import type { MailboxName, MailboxReport, StepName, StepReport, VerifyEvent, VerifyReport } from "./report.js";
import { SecretKeeper } from "./secrets.js";
import { type VerifyTarget, verifyTargets } from "./targets.js";

export interface VerifyOptions {
  network: VerifyNetwork;
  /** Absolute folder of the config: secret, certificate and CA files are relative to it. */
  configDir: string;
  /** Where `env:` secrets are read. */
  env: Readonly<Record<string, string | undefined>>;
  tenants?: readonly string[];
  mailboxes?: readonly string[];
  /** `--endpoints FILE`: applied to every tenant. */
  endpoints?: EndpointsOverride;
  /** Send a test message To this address (From the mailbox, or `from`). */
  send?: { to: string; from?: string };
  /** Mailboxes verified at the same time (default 4). */
  concurrency?: number;
  /** Told the mailboxes to verify, in report order, before any network step. */
  onStart?: (mailboxes: readonly MailboxName[]) => void;
  onEvent?: (event: VerifyEvent) => void;
  /** Secrets and tokens met are added here, for the caller to redact what it prints besides the report. */
  secrets?: SecretKeeper;
}

type TokenOutcome = { accessToken: string } | { failure: Failure };

const DEFAULT_CONCURRENCY = 4;

/**
 * Verifies every selected mailbox: credential → token → claim checks → SMTP STARTTLS → AUTH
 * XOAUTH2 → optional test message. One token per app (tenant and client id), shared by its
 * mailboxes; up to `concurrency` mailboxes at a time. Throws only for bad input (UsageError,
 * InputError); every network outcome is in the report, with no secret or token in it.
 */
export async function verify(config: SmtpcfgConfiguration, options: VerifyOptions): Promise<VerifyReport> {
  const targets = verifyTargets(config, {
    configDir: options.configDir,
    ...(options.tenants ? { tenants: options.tenants } : {}),
    ...(options.mailboxes ? { mailboxes: options.mailboxes } : {}),
    ...(options.endpoints ? { endpoints: options.endpoints } : {}),
  });
  const cas = new Map<string, string>();
  for (const { endpoints } of targets)
    if (endpoints.caFile && !cas.has(endpoints.caFile)) cas.set(endpoints.caFile, readCaFile(endpoints.caFile));

  options.onStart?.(targets.map(({ tenant, app, mailbox }) => ({ tenant: tenant.name, app: app.name, mailbox: mailbox.address })));
  const secrets = options.secrets ?? new SecretKeeper();
  const started = new Date();
  const runId = randomBytes(4).toString("hex");
  const credentials = new Map<string, ReturnType<typeof resolveCredential>>();
  const tokens = new Map<string, Promise<TokenOutcome>>();
  let tokenRequests = 0;
  const appKey = (target: VerifyTarget) => `${target.tenant.tenantId.toLowerCase()}\n${target.app.clientId.toLowerCase()}`;

  const credential = (target: VerifyTarget) => {
    let resolved = credentials.get(appKey(target));
    if (!resolved) {
      resolved = resolveCredential(target.app, { configDir: options.configDir, env: options.env });
      if ("credential" in resolved) rememberCredential(secrets, resolved.credential);
      credentials.set(appKey(target), resolved);
    }
    return resolved;
  };

  const token = (target: VerifyTarget, resolved: ResolvedCredential): { outcome: Promise<TokenOutcome>; reused: boolean } => {
    const known = tokens.get(appKey(target));
    if (known) return { outcome: known, reused: true };
    tokenRequests++;
    const { endpoints } = target;
    const ca = endpoints.caFile ? cas.get(endpoints.caFile) : undefined;
    const outcome = options.network
      .acquireToken({
        authority: endpoints.authority,
        tenantId: target.tenant.tenantId,
        clientId: target.app.clientId,
        credential: resolved,
        scope: endpoints.scope,
        ...(ca ? { ca } : {}),
      })
      .then((result): TokenOutcome => {
        if (!result.ok) return { failure: tokenFailure(result.failure) };
        secrets.add(result.accessToken);
        return { accessToken: result.accessToken };
      });
    tokens.set(appKey(target), outcome);
    return { outcome, reused: false };
  };

  const reports: MailboxReport[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < targets.length; index = next++) {
      const target = targets[index] as VerifyTarget;
      const ca = target.endpoints.caFile ? cas.get(target.endpoints.caFile) : undefined;
      const report = secrets.redactAll(await verifyMailbox(target, { ...options, secrets, runId, credential, token, ca, index }));
      reports[index] = report;
      options.onEvent?.({ type: "done", index, report });
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, targets.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    runId,
    startedAt: started.toISOString(),
    passed: reports.every((report) => report.passed),
    ms: Date.now() - started.getTime(),
    tokenRequests,
    mailboxes: reports,
  };
}

function rememberCredential(secrets: SecretKeeper, credential: ResolvedCredential): void {
  secrets.add(credential.kind === "secret" ? credential.secret : credential.privateKey);
}

interface MailboxContext extends VerifyOptions {
  secrets: SecretKeeper;
  runId: string;
  credential: (target: VerifyTarget) => { credential: ResolvedCredential } | { problem: CredentialProblem };
  token: (target: VerifyTarget, credential: ResolvedCredential) => { outcome: Promise<TokenOutcome>; reused: boolean };
  ca: string | undefined;
  index: number;
}

/**
 * Where the config reads the app's credential from: the environment variable or file a fix names,
 * unless the name is shaped like a client secret (the secret itself, written where its name belongs).
 */
function credentialSource({ credential }: VerifyTarget["app"]): Pick<FixNames, "variable" | "file"> {
  const secret = credential.clientSecret;
  if (typeof secret === "object" && secret.env !== undefined) return looksLikeSecret(secret.env) ? {} : { variable: secret.env };
  if (typeof secret === "object" && secret.file !== undefined) return looksLikeSecret(secret.file) ? {} : { file: secret.file };
  return credential.certificate ? { file: credential.certificate.certificateFile } : {};
}

/** The names a fix may mention, from the config and from what verify saw. */
function fixNames(target: VerifyTarget, extra: FixNames): FixNames {
  const { tenant, app, mailbox, endpoints } = target;
  const names: FixNames = {
    tenant: tenant.name,
    tenantId: tenant.tenantId,
    app: app.name,
    clientId: app.clientId,
    mailbox: mailbox.address,
    scope: endpoints.scope,
    authority: endpoints.authority,
    authorityPort: authorityPort(endpoints.authority),
    smtpHost: endpoints.smtpHost,
    smtpPort: String(endpoints.smtpPort),
    ...credentialSource(app),
    ...extra,
  };
  // Without one in the config, the token's oid is the service principal's object id Exchange needs.
  const servicePrincipalObjectId = app.servicePrincipalObjectId ?? extra.tokenOid;
  if (servicePrincipalObjectId) names.servicePrincipalObjectId = servicePrincipalObjectId;
  if (app.applicationObjectId) names.applicationObjectId = app.applicationObjectId;
  return names;
}

async function verifyMailbox(target: VerifyTarget, context: MailboxContext): Promise<MailboxReport> {
  const steps: StepReport[] = [];
  const started = Date.now();
  const names: FixNames = {};
  let failure: Failure | undefined;
  const { tenant, app, mailbox, endpoints } = target;

  /** Runs a step and records it; a failed step ends the mailbox's checks. */
  const run = async <T>(
    step: StepName,
    body: () => Promise<{ value: T; detail: string } | { failure: Failure }>,
  ): Promise<T | undefined> => {
    context.onEvent?.({ type: "step", index: context.index, step });
    const begun = Date.now();
    const outcome = await body();
    const ms = Date.now() - begun;
    if ("failure" in outcome) {
      failure = outcome.failure;
      steps.push({ step, status: "failed", ms, detail: outcome.failure.detail });
      return undefined;
    }
    steps.push({ step, status: "passed", ms, detail: outcome.detail });
    return outcome.value;
  };

  const credential = await run("credential", async () => {
    const resolved = context.credential(target);
    if ("problem" in resolved) {
      const { variable, file, detail } = resolved.problem;
      Object.assign(names, variable ? { variable } : {}, file ? { file } : {});
      return { failure: { step: "credential", id: resolved.problem.id ?? "credential-missing", detail } };
    }
    return { value: resolved.credential, detail: resolved.credential.source };
  });

  const accessToken =
    credential &&
    (await run("token", async () => {
      const { outcome, reused } = context.token(target, credential);
      const got = await outcome;
      if ("failure" in got) return { failure: got.failure };
      const detail = `${endpoints.authority}/${tenant.tenantId}, scope ${endpoints.scope}${reused ? " (the app's token, reused)" : ""}`;
      return { value: got.accessToken, detail };
    }));

  const claimsChecked =
    accessToken &&
    (await run("claims", async () => {
      const claims = decodeClaims(accessToken);
      if (!claims)
        return {
          failure: {
            step: "claims",
            id: "token-endpoint-error",
            detail: "the token endpoint returned a token that is not a JWT: Exchange Online takes only Entra ID's JWT access tokens",
          },
        };
      const oid = text(claims.oid);
      if (oid) names.tokenOid = oid;
      const problem = checkClaims(claims, {
        audiences: outlookAudiences(endpoints.cloud),
        tenantId: tenant.tenantId,
        ...(app.servicePrincipalObjectId ? { servicePrincipalObjectId: app.servicePrincipalObjectId } : {}),
        now: Date.now(),
      });
      if (problem) return { failure: { step: "claims", id: problem.id, detail: problem.detail } };
      return { value: true, detail: `aud ${String(claims.aud)}, roles ∋ SMTP.SendAsApp, oid ${oid ?? "none"}` };
    }));

  if (claimsChecked && accessToken) {
    const smtpTarget = { host: endpoints.smtpHost, port: endpoints.smtpPort, ...(context.ca ? { ca: context.ca } : {}) };
    const session = await run("starttls", async () => {
      const opened = await context.network.openSmtp(smtpTarget);
      if (!opened.ok) return { failure: smtpFailure("starttls", opened.failure) };
      return { value: opened.session, detail: `${smtpTarget.host}:${smtpTarget.port}, ${opened.session.protocol}` };
    });
    if (session) {
      try {
        const replied = (step: StepName, result: NetworkResult<{ reply: string }>) =>
          result.ok ? { value: true, detail: result.reply } : { failure: smtpFailure(step, result.failure) };
        // The AUTH argument carries the token in base64: a server that echoes it back must not get it printed either.
        context.secrets.add(Buffer.from(`user=${mailbox.address}\x01auth=Bearer ${accessToken}\x01\x01`).toString("base64"));
        const authenticated = await run("auth", async () => replied("auth", await session.authenticate(mailbox.address, accessToken)));
        if (authenticated && context.send) {
          const from = context.send.from ?? mailbox.address;
          if (from !== mailbox.address) names.from = from;
          const when = new Date().toISOString();
          await run("send", async () =>
            replied(
              "send",
              await session.send({
                from,
                to: context.send?.to as string,
                subject: `smtpcfg verify ${context.runId} ${when}`,
                text: [
                  "A test message from smtpcfg verify.",
                  `Run: ${context.runId}, ${when}`,
                  `Mailbox: ${mailbox.address}`,
                  `App: ${app.name} (tenant ${tenant.name})`,
                  "",
                ].join("\n"),
              }),
            ),
          );
        }
      } finally {
        await session.quit();
      }
    }
  }

  return {
    tenant: tenant.name,
    app: app.name,
    mailbox: mailbox.address,
    passed: failure === undefined,
    ms: Date.now() - started,
    steps,
    ...(failure ? { diagnosis: diagnose(failure, fixNames(target, names), endpoints.cloud) } : {}),
  };
}
