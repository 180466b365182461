import { createServer, type Server, type Socket } from "node:net";

/** A server listening on 127.0.0.1 for one test. */
export interface LoopbackServer {
  port: number;
  /** Ends every open connection (hostile servers keep theirs open) and stops listening. */
  close(): Promise<void>;
}

/** Listens on an ephemeral port of 127.0.0.1, keeping track of connections so that close() never waits for a client. */
export async function listenOnLoopback(server: Server): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port of 127.0.0.1 that nothing listens on (it did a moment ago): a connection to it is refused. */
export async function freePort(): Promise<number> {
  const listening = await listenOnLoopback(createServer());
  await listening.close();
  return listening.port;
}
