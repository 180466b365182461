import { Transform } from "node:stream";

/** A stream that rewrites each line (CRLF kept) with `rewrite`; a partial line waits for its end. */
function lineRewriter(rewrite: (line: string) => string): Transform {
  let pending = "";
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const lines = (pending + chunk.toString("latin1")).split(/(?<=\n)/);
      pending = lines.at(-1)?.endsWith("\n") ? "" : (lines.pop() ?? "");
      done(null, Buffer.from(lines.map(rewrite).join(""), "latin1"));
    },
  });
}

/**
 * The STARTTLS stripping attack, as seen in the wild: a man in the middle overwrites STARTTLS in
 * the server's EHLO reply and in the client's command with letters of the same length, so the
 * client sees a server without TLS, and a client that asks for it anyway is refused by the server
 * (which receives an unknown command).
 */
export const stripStarttls = {
  replies: () => lineRewriter((line) => line.replace(/^(250[ -])STARTTLS\b/i, "$1XXXXXXXA")),
  requests: () => lineRewriter((line) => line.replace(/^STARTTLS\r?\n$/i, (command) => command.replace(/STARTTLS/i, "XXXXXXXX"))),
};
