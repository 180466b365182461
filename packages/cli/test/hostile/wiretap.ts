import { connect, createServer, type Socket } from "node:net";
import type { Transform } from "node:stream";
import { type LoopbackServer, listenOnLoopback } from "./loopback.js";

/** A server with a tap on its wire: every byte its clients sent, as sent (ciphertext after STARTTLS). */
export interface TappedServer extends LoopbackServer {
  received(): Buffer;
}

/**
 * A TCP proxy on 127.0.0.1 in front of `target` that records every byte clients send, and may
 * rewrite what the server answers (a new `rewriteReplies` transform per connection), as a
 * man in the middle would. Closing it closes the target too.
 */
export async function startWiretap(target: LoopbackServer, rewriteReplies?: () => Transform): Promise<TappedServer> {
  const chunks: Buffer[] = [];
  const server = createServer((client: Socket) => {
    const upstream = connect(target.port, "127.0.0.1");
    client.on("data", (chunk: Buffer) => chunks.push(chunk));
    client.pipe(upstream);
    (rewriteReplies ? upstream.pipe(rewriteReplies()) : upstream).pipe(client);
    // Either side going away takes the other with it, as a dropped connection would.
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  const listening = await listenOnLoopback(server);
  return {
    port: listening.port,
    received: () => Buffer.concat(chunks),
    close: async () => {
      await listening.close();
      await target.close();
    },
  };
}
