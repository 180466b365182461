import { dirname, resolve } from "node:path";
import { InputError, isMailboxAddress, readEndpointsFile, SecretKeeper, UsageError, type VerifyReport, verify } from "@smtpcfg/core";
import type { Argv } from "yargs";
import { EXIT } from "../exit-codes.js";
import { type Io, useColor } from "../io.js";
import { readConfig } from "../read-config.js";
import { progress } from "../verify-progress.js";
import { mailboxDetails, paint, summaryLine } from "../verify-text.js";

export interface VerifyArguments {
  config: string;
  tenant: string[] | undefined;
  mailbox: string[] | undefined;
  send: boolean;
  to: string | undefined;
  from: string | undefined;
  endpoints: string | undefined;
  concurrency: number;
  timeout: number;
  format: "stylish" | "json";
  verbose: boolean | undefined;
}

const DEFAULT_CONFIG = "smtpcfg.yaml";
/** A transient failure (HTTP 5xx, a reset, a timeout) is tried this many more times. */
const RETRIES = 2;
const MAX_CONCURRENCY = 64;
const MAX_TIMEOUT_S = 600;

export function verifyOptions(yargs: Argv): Argv<VerifyArguments> {
  return yargs
    .option("config", {
      alias: "c",
      describe: "The config whose mailboxes to verify",
      type: "string",
      default: DEFAULT_CONFIG,
      requiresArg: true,
    })
    .option("tenant", {
      alias: "t",
      describe: "Only this tenant (by name; repeat for several)",
      type: "string",
      array: true,
      requiresArg: true,
    })
    .option("mailbox", {
      alias: "m",
      describe: "Only this mailbox (by address; repeat for several)",
      type: "string",
      array: true,
      requiresArg: true,
    })
    .option("send", { describe: "Also send a test message (needs --to)", type: "boolean", default: false })
    .option("to", { describe: "Recipient of the test message", type: "string", requiresArg: true })
    .option("from", {
      describe: "From address of the test message (default: the mailbox itself); needs SendAs",
      type: "string",
      requiresArg: true,
    })
    .option("endpoints", {
      describe: "A connection file (what `smtpcfg emulate` writes): its authority, scope, SMTP host and port and CA apply to every tenant",
      type: "string",
      requiresArg: true,
    })
    .option("concurrency", { alias: "j", describe: "Mailboxes verified at the same time", type: "number", default: 4, requiresArg: true })
    .option("timeout", { describe: "Seconds each network step may take", type: "number", default: 15, requiresArg: true })
    .option("format", {
      alias: "f",
      describe: "Output format",
      choices: ["stylish", "json"] as const,
      default: "stylish" as const,
      requiresArg: true,
    })
    .option("verbose", {
      describe: "Show every step of every mailbox, not only of those that failed; stack traces of internal errors",
      type: "boolean",
    })
    .example("$0 verify", `Token, claims, STARTTLS and AUTH XOAUTH2 for every mailbox of ./${DEFAULT_CONFIG}`)
    .example("$0 verify --send --to me@contoso.com", "Also send each mailbox's test message to me@contoso.com")
    .example(
      "$0 verify --mailbox omada-notify@contoso.com --send --to me@contoso.com --from identity-team@contoso.com",
      "Test SendAs: From another mailbox that grants the app SendAs",
    )
    .example("$0 verify --endpoints smtpcfg-emulator.json", "Against a running `smtpcfg emulate`")
    .example("$0 verify --format json > verify.json", "A machine-readable report")
    .epilogue(
      "Exit codes: 0 every mailbox passed, 1 at least one failed, 2 usage error, a config with errors or an unreadable --endpoints or CA file, 3 internal error.",
    )
    .strict() as unknown as Argv<VerifyArguments>;
}

function checkArguments(args: VerifyArguments): void {
  if (args.send && !args.to) throw new UsageError("--send needs --to ADDRESS: the recipient of the test message");
  if (!args.send && (args.to !== undefined || args.from !== undefined)) throw new UsageError("--to and --from go with --send");
  for (const option of ["to", "from"] as const) {
    const address = args[option];
    if (address !== undefined && !isMailboxAddress(address))
      throw new UsageError(`--${option} ${JSON.stringify(address)} is not an email address (user@domain)`);
  }
  if (!Number.isInteger(args.concurrency) || args.concurrency < 1 || args.concurrency > MAX_CONCURRENCY)
    throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  if (!Number.isFinite(args.timeout) || args.timeout <= 0 || args.timeout > MAX_TIMEOUT_S)
    throw new UsageError(`--timeout must be a number of seconds above 0, at most ${MAX_TIMEOUT_S}`);
}

/** An unexpected error with every secret and token verify met taken out of its message and stack; usage and input errors as they are. */
function redacted(error: unknown, secrets: SecretKeeper): unknown {
  if (error instanceof UsageError || error instanceof InputError) return error;
  if (!(error instanceof Error)) return secrets.redact(String(error));
  const safe = new Error(secrets.redact(error.message));
  safe.name = error.name;
  safe.stack = secrets.redact(error.stack ?? "");
  return safe;
}

export async function verifyCommand(args: VerifyArguments, io: Io): Promise<number> {
  checkArguments(args);
  const configPath = resolve(io.cwd, args.config);
  const read = await readConfig(configPath, args.config, io, "verify", "nothing verified");
  if (typeof read === "number") return read;
  const endpoints = args.endpoints === undefined ? undefined : readEndpointsFile(resolve(io.cwd, args.endpoints), args.endpoints);

  const secrets = new SecretKeeper();
  const p = paint(args.format === "stylish" && useColor(io));
  let report: VerifyReport;
  try {
    // msal-node and nodemailer load here, never for the other commands.
    const { createNodeNetwork } = await import("@smtpcfg/core/node-network");
    const network = createNodeNetwork({ timeoutMs: Math.round(args.timeout * 1000), retries: RETRIES });
    let onEvent: Parameters<typeof verify>[1]["onEvent"];
    report = await verify(read.config, {
      network,
      configDir: dirname(configPath),
      env: io.env,
      secrets,
      concurrency: args.concurrency,
      ...(args.tenant ? { tenants: args.tenant } : {}),
      ...(args.mailbox ? { mailboxes: args.mailbox } : {}),
      ...(endpoints ? { endpoints } : {}),
      ...(args.send && args.to ? { send: { to: args.to, ...(args.from ? { from: args.from } : {}) } } : {}),
      onStart: (mailboxes) => {
        if (args.format === "stylish") onEvent = progress(io, mailboxes, p);
      },
      onEvent: (event) => onEvent?.(event),
    });
  } catch (error) {
    throw redacted(error, secrets);
  }

  if (args.format === "json") {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const shown = report.mailboxes.filter((mailbox) => args.verbose || !mailbox.passed);
    if (shown.length > 0) io.stdout.write(`\n${shown.map((mailbox) => mailboxDetails(mailbox, p)).join("\n")}`);
    io.stdout.write(`\n${summaryLine(report)}`);
  }
  return report.passed ? EXIT.ok : EXIT.findings;
}
