import { Agent, request } from "node:https";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import type { NetworkFailure, NetworkLimits, NetworkResult } from "./network.js";
import { withRetries } from "./retry.js";
import { isTlsCode, trustingContext } from "./trust.js";

type Answer = { status: number; headers: Record<string, string>; text: string };

/**
 * msal-node's HTTP client, on https.request with an Agent that trusts the configured CA. msal-node
 * reports a failed request only as network_error: this client keeps the real cause (`failure`).
 * Transient failures (5xx, resets, timeouts) are retried here, below msal-node, whose throttling
 * would otherwise refuse the same request again for a minute.
 */
export class HttpsClient implements INetworkModule {
  /** The last request's failure, when it failed. */
  failure: NetworkFailure | undefined;
  /** How many requests reached the wire (retries included). */
  requests = 0;
  readonly #agent: Agent;

  constructor(
    ca: string | undefined,
    readonly limits: NetworkLimits,
  ) {
    this.#agent = new Agent(ca === undefined ? {} : { secureContext: trustingContext(ca) });
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#send<T>("GET", url, options);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#send<T>("POST", url, options);
  }

  close(): void {
    this.#agent.destroy();
  }

  async #send<T>(method: string, url: string, options: NetworkRequestOptions | undefined): Promise<NetworkResponse<T>> {
    this.failure = undefined;
    const result = await withRetries(this.limits, (attemptMs) => this.#once(method, url, options, attemptMs));
    if (!result.ok) {
      this.failure = result.failure;
      throw new Error(result.failure.message);
    }
    let body: unknown;
    try {
      body = JSON.parse(result.answer.text);
    } catch {
      this.failure = {
        kind: "server",
        status: result.answer.status,
        message: `HTTP ${result.answer.status} from ${new URL(url).host}, not JSON`,
      };
      body = {};
    }
    return { status: result.answer.status, headers: result.answer.headers, body: body as T };
  }

  /** One attempt, given `attemptMs` of the request's time (what earlier attempts left of it). */
  #once(
    method: string,
    url: string,
    options: NetworkRequestOptions | undefined,
    attemptMs: number,
  ): Promise<NetworkResult<{ answer: Answer }>> {
    this.requests++;
    const host = new URL(url).host;
    return new Promise((resolve) => {
      const settle = (result: NetworkResult<{ answer: Answer }>) => {
        clearTimeout(deadline);
        resolve(result);
      };
      const outgoing = request(url, { method, agent: this.#agent, headers: options?.headers ?? {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error) => settle(fail(error, host)));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) headers[name] = String(value);
          const answer = { status, headers, text: Buffer.concat(chunks).toString("utf8") };
          if (status >= 500) settle({ ok: false, failure: { kind: "server", status, message: `HTTP ${status} from ${host}` } });
          else settle({ ok: true, answer });
        });
      });
      // A deadline for the whole exchange, not an idle timeout: a server that sends a byte now and
      // then never trips one. It is the request's (retries included), so it is told as the timeout.
      const deadline = setTimeout(() => {
        const error = Object.assign(new Error(`no complete answer from ${host} within ${this.limits.timeoutMs} ms`), { code: "ETIMEDOUT" });
        outgoing.destroy(error);
        settle(fail(error, host));
      }, attemptMs);
      outgoing.on("error", (error) => settle(fail(error, host)));
      outgoing.end(options?.body ?? "");
    });
  }
}

function fail(error: Error, host: string): NetworkResult<never> {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (code === "ETIMEDOUT") return { ok: false, failure: { kind: "timeout", code, message: error.message } };
  if (isTlsCode(code)) return { ok: false, failure: { kind: "tls", code, message: `TLS with ${host} failed: ${error.message} (${code})` } };
  return {
    ok: false,
    failure: {
      kind: "unreachable",
      code,
      message: `${host}: ${error.message}${code && !error.message.includes(code) ? ` (${code})` : ""}`,
    },
  };
}
