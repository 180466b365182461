import { Transform } from "node:stream";

/**
 * Rewrites an SMTP server's replies as a downgrade attacker does: the STARTTLS line of the EHLO
 * reply is removed (the line before it becomes the last one when STARTTLS was last), so the
 * client sees a server without TLS.
 */
export function stripStarttls(): Transform {
  let buffered = "";
  // A "250-" continuation line is held back until the next line shows whether it must end the reply.
  let held: string | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      buffered += chunk.toString("latin1");
      let output = "";
      for (let end = buffered.indexOf("\n"); end !== -1; end = buffered.indexOf("\n")) {
        const line = buffered.slice(0, end + 1);
        buffered = buffered.slice(end + 1);
        if (/^250[ -]STARTTLS\b/i.test(line)) {
          if (line[3] === " " && held !== undefined) {
            output += `250 ${held.slice(4)}`;
            held = undefined;
          }
          continue;
        }
        if (held !== undefined) output += held;
        held = /^250-/.test(line) ? line : undefined;
        if (held === undefined) output += line;
      }
      done(null, Buffer.from(output, "latin1"));
    },
  });
}
