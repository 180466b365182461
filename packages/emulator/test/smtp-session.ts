import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";

/**
 * A raw SMTP client that sends command lines and reads reply lines, for asserting the exact replies
 * (nodemailer and curl both hide some of them).
 */
export class SmtpSession {
  private buffer = "";
  private waiting: (() => void) | undefined;
  private constructor(private socket: Socket) {
    this.listen(socket);
  }

  static async open(port: number, host = "127.0.0.1"): Promise<SmtpSession> {
    const socket = connectTcp(port, host);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const session = new SmtpSession(socket);
    await session.reply();
    return session;
  }

  private listen(socket: Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (text: string) => {
      this.buffer += text;
      this.waiting?.();
    });
    socket.on("error", () => {});
  }

  /** The next complete reply (all its lines), as one string with \n between lines. */
  async reply(): Promise<string> {
    for (;;) {
      const lines = this.buffer.split("\r\n");
      const last = lines.findIndex((line) => /^\d{3} /.test(line));
      if (last !== -1) {
        this.buffer = lines.slice(last + 1).join("\r\n");
        return lines.slice(0, last + 1).join("\n");
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }

  async command(line: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  /** STARTTLS, then TLS on the same socket trusting `ca`. */
  async startTls(ca: string): Promise<string> {
    const answer = await this.command("STARTTLS");
    const plain = this.socket;
    plain.removeAllListeners("data");
    const secure = connectTls({ socket: plain, ca, servername: "localhost" });
    await new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", resolve);
      secure.once("error", reject);
    });
    this.socket = secure;
    this.listen(secure);
    return answer;
  }

  close(): void {
    this.socket.destroy();
  }
}

export const xoauth2 = (user: string, token: string) => Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString("base64");
