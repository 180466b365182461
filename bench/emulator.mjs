// The emulator's throughput: 200 round trips (a client-credentials token over HTTPS, then an SMTP
// session with STARTTLS, AUTH XOAUTH2 and one message, through nodemailer) by 8 concurrent clients.
// The baseline, measured in the same run and interleaved with it: the same round trips against
// the same kind of servers doing nothing of their own (a plain HTTPS responder with a fixed token,
// a plain smtp-server that accepts any token and drops the message), with the same TLS key. The
// ratio is what the emulator's checks, signing and outbox cost. Every round trip is checked: a
// token, then "250 2.6.0 Queued mail for delivery" (baseline: any 250), and the outbox holds
// every message at the end of a run.
//
//   node bench/emulator.mjs [--runs N] [--warmup N] [--quick]
import { readdirSync } from "node:fs";
import { Agent, createServer, request } from "node:https";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { removeDir, root, scratchDir } from "./lib/cli.mjs";
import { BenchError, summarize } from "./lib/measure.mjs";
import { failedRow, note, noteStats, row, runStandalone } from "./lib/report.mjs";

const ROUND_TRIPS = 200;
const CLIENTS = 8;
/** Each sample is 200 round trips (seconds): fewer timed runs than the process benchmarks. */
const MOST_RUNS = 5;
const TENANT = "2487abfa-47fc-4f60-8af4-2b857b17432c";
const CLIENT_ID = "7a83471e-a8c7-4c06-8120-77b9aa56fa04";
const SECRET = "bench-secret-value";
const MAILBOX = "omada-notify@contoso.com";
const SCOPE = "https://outlook.office365.com/.default";

const fromEmulator = createRequire(join(root, "packages/emulator/package.json"));
const { createTransport } = fromEmulator("nodemailer");
const { SMTPServer } = fromEmulator("smtp-server");
const { generate } = fromEmulator("selfsigned");

const CONFIG = {
  version: 1,
  tenants: [
    {
      name: "contoso",
      tenantId: TENANT,
      apps: [{ name: "omada-smtp", clientId: CLIENT_ID, credential: { clientSecret: SECRET } }],
      mailboxes: [{ address: MAILBOX, app: "omada-smtp" }],
    },
  ],
};

/** One CA and server certificate (ECDSA, as the emulator makes them) for both sides. */
async function makeTls() {
  const ca = await generate([{ name: "commonName", value: "bench CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    algorithm: "sha256",
    ca: { key: ca.private, cert: ca.cert },
    extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
  });
  return { caCertPem: ca.cert, certPem: server.cert, keyPem: server.private };
}

const listen = (server) => new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));

/** The baseline: an HTTPS responder with a fixed token and an smtp-server that takes any XOAUTH2 token. */
async function startBaseline(tls) {
  const token = JSON.stringify({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: "x".repeat(1100) });
  const https = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(token);
    });
  });
  const smtp = new SMTPServer({
    secure: false,
    key: tls.keyPem,
    cert: tls.certPem,
    authMethods: ["XOAUTH2"],
    disableReverseLookup: true,
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on("end", () => callback());
    },
  });
  smtp.on("error", () => {});
  const [httpsPort, smtpPort] = await Promise.all([listen(https), listen(smtp.server)]);
  return {
    authority: `https://127.0.0.1:${httpsPort}`,
    smtpPort,
    queued: /^250 /,
    stop: () => Promise.all([new Promise((done) => https.close(done)), new Promise((done) => smtp.close(done))]),
  };
}

async function startEmulated(tls, outbox) {
  const { startEmulator } = await import(pathToFileURL(join(root, "packages/emulator/dist/index.js")).href);
  const emulator = await startEmulator(CONFIG, { tls, outbox });
  return {
    authority: emulator.endpoints.authority,
    smtpPort: emulator.endpoints.smtpPort,
    queued: /^250 2\.6\.0 Queued mail for delivery$/,
    stop: () => emulator.stop(),
  };
}

function postToken(target, agent, ca) {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: CLIENT_ID,
    client_secret: SECRET,
    scope: SCOPE,
  }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      `${target.authority}/${TENANT}/oauth2/v2.0/token`,
      { method: "POST", agent, ca, headers: { "content-type": "application/x-www-form-urlencoded" } },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => {
          const body = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200) return reject(new BenchError(`token endpoint answered ${res.statusCode}: ${body.slice(0, 200)}`));
          resolve(JSON.parse(body).access_token);
        });
      },
    );
    req.on("error", reject);
    req.end(form);
  });
}

/** 200 round trips by 8 clients; the elapsed milliseconds. */
async function roundTrips(target, ca) {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const agent = new Agent({ keepAlive: true, ca });
      try {
        while (next < ROUND_TRIPS) {
          next++;
          const accessToken = await postToken(target, agent, ca);
          const transport = createTransport({
            host: "127.0.0.1",
            port: target.smtpPort,
            requireTLS: true,
            tls: { ca },
            auth: { type: "OAuth2", user: MAILBOX, accessToken },
          });
          const info = await transport.sendMail({ from: MAILBOX, to: "someone@example.com", subject: "bench", text: "One of many." });
          if (!target.queued.test(info.response)) throw new BenchError(`unexpected reply to DATA: ${info.response}`);
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function benchmark({ runs, warmup }) {
  const name = `emulator: ${ROUND_TRIPS} token + AUTH + send, ${CLIENTS} clients`;
  const work = scratchDir("emulator");
  const stops = [];
  try {
    const tls = await makeTls();
    const baseline = await startBaseline(tls);
    stops.push(baseline.stop);
    const counted = Math.min(runs, MOST_RUNS);
    const rounds = Math.min(warmup, 1) + counted;
    const samples = { emulator: [], baseline: [] };
    note(`${name}: ${counted} interleaved runs after ${rounds - counted} warm-up round${rounds - counted === 1 ? "" : "s"}`);
    for (let round = 0; round < rounds; round++) {
      // A fresh emulator and outbox per run: every run starts from the same state. Which side goes
      // first alternates, so that neither always runs right after the other's garbage.
      const emulatorRun = async () => {
        const outbox = join(work, `outbox-${round}`);
        const emulated = await startEmulated(tls, outbox);
        const elapsed = await roundTrips(emulated, tls.caCertPem);
        await emulated.stop();
        const stored = readdirSync(outbox).filter((file) => file.endsWith(".eml")).length;
        if (stored !== ROUND_TRIPS) throw new BenchError(`the outbox holds ${stored} messages, not ${ROUND_TRIPS}`);
        removeDir(outbox);
        return elapsed;
      };
      const baselineRun = () => roundTrips(baseline, tls.caCertPem);
      let emulatorMs;
      let baselineMs;
      if (round % 2 === 0) {
        emulatorMs = await emulatorRun();
        baselineMs = await baselineRun();
      } else {
        baselineMs = await baselineRun();
        emulatorMs = await emulatorRun();
      }
      if (round < rounds - counted) continue;
      samples.emulator.push(emulatorMs);
      samples.baseline.push(baselineMs);
    }
    const emulatorStats = summarize(samples.emulator);
    const baselineStats = summarize(samples.baseline);
    noteStats("emulator", emulatorStats);
    noteStats("plain smtp-server + HTTPS responder", baselineStats);
    const perSecond = (ms) => ((ROUND_TRIPS / ms) * 1000).toFixed(1);
    note(`  messages per second: emulator ${perSecond(emulatorStats.median)}, baseline ${perSecond(baselineStats.median)}`);
    return [row(name, "ms", emulatorStats.median, baselineStats.median)];
  } catch (error) {
    return [failedRow(name, error)];
  } finally {
    for (const stop of stops) await stop();
    removeDir(work);
  }
}

await runStandalone(import.meta, benchmark);
