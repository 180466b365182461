import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";
import { afterAll, describe, expect, it } from "vitest";
import type { SmtpcfgConfiguration, Tenant } from "../config/model.js";
import { InputError } from "../errors.js";
import { readCaFile, readEndpointsFile, verifyEndpoints } from "./endpoints.js";

const tenant = (extra: Partial<Tenant> = {}): Tenant => ({ name: "contoso", tenantId: "contoso.onmicrosoft.com", ...extra });
const config = (tenants: Tenant[], endpoints?: SmtpcfgConfiguration["endpoints"]): SmtpcfgConfiguration =>
  ({ version: 1, tenants, ...(endpoints ? { endpoints } : {}) }) as SmtpcfgConfiguration;

describe("verifyEndpoints", () => {
  it("takes the cloud's authority, scope and SMTP host, and port 587", () => {
    const gccHigh = tenant({ cloud: "gcc-high" });
    expect(verifyEndpoints(config([gccHigh]), gccHigh, "/configs")).toMatchObject({
      authority: "https://login.microsoftonline.us",
      scope: "https://outlook.office365.us/.default",
      smtpHost: "smtp.office365.us",
      smtpPort: 587,
    });
  });

  it("overrides key by key: the config's endpoints, the tenant's own, then --endpoints; each caFile relative to its file", () => {
    const own = tenant({ endpoints: { smtpHost: "smtp.proxy.example", caFile: "certs/proxy.pem" } });
    const shared = config([own], { authority: "https://login.proxy.example/", smtpPort: 2587 });
    expect(verifyEndpoints(shared, own, "/configs")).toEqual(
      expect.objectContaining({
        authority: "https://login.proxy.example",
        smtpHost: "smtp.proxy.example",
        smtpPort: 2587,
        caFile: "/configs/certs/proxy.pem",
      }),
    );
    const override = { endpoints: { authority: "https://127.0.0.1:4443", smtpPort: 2525, caFile: "ca.pem" }, dir: "/run/emulator" };
    expect(verifyEndpoints(shared, own, "/configs", override)).toEqual(
      expect.objectContaining({
        authority: "https://127.0.0.1:4443",
        smtpHost: "smtp.proxy.example",
        smtpPort: 2525,
        caFile: "/run/emulator/ca.pem",
      }),
    );
  });

  it.each([
    ["https://login.microsoftonline.us:443", "https://login.microsoftonline.us"],
    ["https://Login.MicrosoftOnline.US:443/", "https://login.microsoftonline.us"],
    ["HTTPS://login.microsoftonline.us//", "https://login.microsoftonline.us"],
    ["https://127.0.0.1:08443/", "https://127.0.0.1:8443"],
    ["https://login.proxy.example:8443/entra/", "https://login.proxy.example:8443/entra"],
  ])("spells the authority %s as msal-node must be given it: %s", (written, spelt) => {
    const gccHigh = tenant({ cloud: "gcc-high", endpoints: { authority: written } });
    expect(verifyEndpoints(config([gccHigh]), gccHigh, "/configs").authority).toBe(spelt);
  });

  it("refuses an authority that is not an https URL, naming the tenant (lint refuses it first: a port above 65535)", () => {
    const unusable = tenant({ endpoints: { authority: "https://127.0.0.1:99999" } });
    expect(() => verifyEndpoints(config([unusable]), unusable, "/configs")).toThrow(
      new InputError(
        "tenant contoso: endpoints.authority must be an https URL (https://host[:port][/path], no user name, query or fragment): tokens are requested only over HTTPS",
      ),
    );
  });
});

describe("readEndpointsFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-endpoints-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it("reads the fields of a connection file, ignoring others, with its folder for a relative caFile", () => {
    const path = file(
      "ok.json",
      JSON.stringify({ authority: "https://127.0.0.1:1", smtpHost: "127.0.0.1", smtpPort: 2, caFile: "ca.pem", pid: 7 }),
    );
    expect(readEndpointsFile(path, "ok.json")).toEqual({
      endpoints: { authority: "https://127.0.0.1:1", smtpHost: "127.0.0.1", smtpPort: 2, caFile: "ca.pem" },
      dir,
    });
  });

  it.each([
    ["missing.json", undefined, "--endpoints missing.json: cannot be read (ENOENT)"],
    ["text.json", "not json", "--endpoints text.json: is not JSON"],
    ["array.json", "[]", "--endpoints array.json: expected a JSON object with authority, smtpHost, smtpPort and caFile"],
    ["port.json", '{"smtpPort": 70000}', "--endpoints port.json: smtpPort must be a port number"],
    ["host.json", '{"smtpHost": 1}', "--endpoints host.json: smtpHost must be a string"],
    ["empty.json", "{}", "--endpoints empty.json: names none of authority, scope, smtpHost, smtpPort, caFile"],
  ])("refuses %s with one line", (name, text, message) => {
    const path = text === undefined ? join(dir, name) : file(name, text);
    expect(() => readEndpointsFile(path, name)).toThrow(new InputError(message));
  });

  it.each(["http://127.0.0.1:18080", "ftp://x", "127.0.0.1:8443", "https://user@127.0.0.1:8443", "https://127.0.0.1:8443/?tenant=contoso"])(
    "refuses the authority %s with one line: a token is requested only over HTTPS",
    (authority) => {
      const path = file("authority.json", JSON.stringify({ authority }));
      expect(() => readEndpointsFile(path, "authority.json")).toThrow(
        new InputError(
          "--endpoints authority.json: authority must be an https URL (https://host[:port][/path], no user name, query or fragment): tokens are requested only over HTTPS",
        ),
      );
    },
  );
});

describe("a connection file's scope", () => {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-endpoints-scope-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(["https://admin:Hunter2Pw@outlook.office365.com/.default", "https://outlook.office365.com/.default openid"])(
    "refuses the scope %s with one line that does not repeat it: verify would send it and show it",
    (scope) => {
      const path = join(dir, "scope.json");
      writeFileSync(path, JSON.stringify({ scope }));
      expect(() => readEndpointsFile(path, "scope.json")).toThrow(
        new InputError("--endpoints scope.json: scope must be a scope URI, with no spaces and no user name"),
      );
    },
  );
});

describe("a connection file or CA file that reading could block on or never finish", () => {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-endpoints-fifo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fifo = join(dir, "pipe");
  execFileSync("mkfifo", [fifo]);

  it("refuses a named pipe as --endpoints with one line, without waiting for a writer", () => {
    expect(() => readEndpointsFile(fifo, "pipe")).toThrow(
      new InputError("--endpoints pipe: is a named pipe (FIFO), not a file: reading it could wait forever for a writer"),
    );
  });

  it("refuses a named pipe, a folder and a device as the CA file", () => {
    expect(() => readCaFile(fifo)).toThrow(/^CA file .*pipe is a named pipe \(FIFO\), not a file/);
    expect(() => readCaFile(dir)).toThrow(new InputError(`CA file ${dir} is a folder, not a file`));
    expect(() => readCaFile("/dev/zero")).toThrow(new InputError("CA file /dev/zero is a device, not a file: reading it may never end"));
  });
});

describe("a CA file's certificates", () => {
  const dir = mkdtempSync(join(tmpdir(), "smtpcfg-endpoints-ca-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  // Node's own root certificates: real ones, of any CA the machine trusts.
  const [first, second] = rootCertificates as unknown as [string, string];

  it("refuses a PEM block that does not decode as a certificate, instead of a TLS failure later", () => {
    const path = file("garbage.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!!\n-----END CERTIFICATE-----\n");
    expect(() => readCaFile(path)).toThrow(
      new InputError(`CA file ${path} holds no usable certificate: its PEM block at line 1 does not decode as an X.509 certificate`),
    );
  });

  it("refuses a bundle with one block that is not a certificate, naming its line", () => {
    const path = file("one-bad.pem", `${first}\n-----BEGIN CERTIFICATE-----\nQUJDRA==\n-----END CERTIFICATE-----\n${second}\n`);
    const line = first.split("\n").length + 1;
    expect(() => readCaFile(path)).toThrow(
      new InputError(
        `CA file ${path} holds a PEM block that is not a usable certificate: the one at line ${line} does not decode as an X.509 certificate`,
      ),
    );
  });

  it("reads two certificates joined without a line break as two, each trusted", () => {
    const path = file("joined.pem", `${first.trim()}${second.trim()}`);
    const pem = readCaFile(path);
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    expect(blocks.map((block) => new X509Certificate(block).fingerprint256)).toEqual([
      new X509Certificate(first).fingerprint256,
      new X509Certificate(second).fingerprint256,
    ]);
    expect(pem).not.toMatch(/-----END CERTIFICATE----------BEGIN/);
  });
});
