import { connect, createServer, type Socket } from "node:net";
import type { Transform } from "node:stream";
import { type LoopbackServer, listenOnLoopback } from "./loopback.js";

/** A server with a tap on its wire: every byte its clients sent, as sent (ciphertext after STARTTLS). */
export interface TappedServer extends LoopbackServer {
  received(): Buffer;
}

/** How a man in the middle rewrites each connection's traffic: a new transform per connection and direction. */
export interface Rewrites {
  requests?: () => Transform;
  replies?: () => Transform;
}

/**
 * A TCP proxy on 127.0.0.1 in front of `target` that records every byte clients send (before any
 * rewrite), and may rewrite the traffic both ways as a man in the middle would. It keeps what else
 * the target tells (its counters); closing it closes the target too.
 */
export async function startWiretap<T extends LoopbackServer>(target: T, rewrites: Rewrites = {}): Promise<T & TappedServer> {
  const chunks: Buffer[] = [];
  const server = createServer((client: Socket) => {
    const upstream = connect(target.port, "127.0.0.1");
    client.on("data", (chunk: Buffer) => chunks.push(chunk));
    (rewrites.requests ? client.pipe(rewrites.requests()) : client).pipe(upstream);
    (rewrites.replies ? upstream.pipe(rewrites.replies()) : upstream).pipe(client);
    // Either side going away takes the other with it, as a dropped connection would.
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  const listening = await listenOnLoopback(server);
  return {
    ...target,
    port: listening.port,
    received: () => Buffer.concat(chunks),
    close: async () => {
      await listening.close();
      await target.close();
    },
  };
}
