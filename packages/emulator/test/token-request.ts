import { request } from "node:https";
import type { RunningEmulator } from "../src/index.js";

/** POSTs a token request form to the emulator's token endpoint for `tenant`; the status and the parsed JSON body (undefined when not JSON). */
export function requestToken(
  emulator: RunningEmulator,
  tenant: string,
  form: Record<string, string>,
  ca: string,
): Promise<{ status: number; body: Record<string, unknown> | undefined }> {
  return new Promise((resolve, reject) => {
    const url = `${emulator.endpoints.authority}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`;
    const outgoing = request(url, { method: "POST", ca, headers: { "content-type": "application/x-www-form-urlencoded" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        let body: Record<string, unknown> | undefined;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          body = undefined;
        }
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    outgoing.on("error", reject);
    outgoing.end(new URLSearchParams(form).toString());
  });
}
