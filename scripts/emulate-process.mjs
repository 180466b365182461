// `smtpcfg emulate` as its own process, as a user runs it in a second terminal: for the demo and
// for bench/verify.mjs (whose runs block its own process, so the emulator cannot live in it).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const CONNECTION_FILE = "smtpcfg-emulator.json";
const START_TIMEOUT_MS = 30_000;

/** Starts `smtpcfg emulate ARGS` in `cwd`; resolves once its connection file is written, with what it printed and a stop(). */
export async function startEmulate(cli, cwd, env, args) {
  const child = spawn(process.execPath, [cli, "emulate", "--connection-file", CONNECTION_FILE, ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  let ended;
  exited.then((how) => {
    ended = how;
  });
  for (const started = Date.now(); !existsSync(join(cwd, CONNECTION_FILE)); await sleep(50)) {
    if (ended !== undefined || Date.now() - started > START_TIMEOUT_MS) {
      child.kill();
      throw new Error(`smtpcfg emulate did not start (${ended ?? "no connection file"}):\n${output}`);
    }
  }
  // The rest of its banner follows the connection file by a moment.
  await sleep(100);
  return {
    connectionFile: CONNECTION_FILE,
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
