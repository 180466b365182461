import { describe, expect, it } from "vitest";
import { FIX_NAMES, type FixNames } from "./entry.js";
import { KNOWLEDGE } from "./knowledge.js";
import { renderEntry } from "./render.js";

const every = Object.fromEntries(FIX_NAMES.map((name) => [name, `value-of-${name}`])) as FixNames;
const rendered = (names: FixNames) => KNOWLEDGE.map((entry) => ({ entry, ...renderEntry(entry, names) }));

describe("renderEntry", () => {
  it("fills every placeholder that has a value, and leaves no marker then", () => {
    for (const { entry, cause, fix, commands } of rendered(every)) {
      const text = [cause, fix, ...commands].join("\n");
      expect(text, entry.id).not.toMatch(/\{(?:[A-Za-z]\w*)\}|<[A-Za-z]+>|undefined/);
      for (const name of FIX_NAMES) {
        const placeholder = `{${name}}`;
        if (entry.cause.includes(placeholder)) expect(cause).toContain(`value-of-${name}`);
        if (entry.fix.includes(placeholder)) expect(fix).toContain(`value-of-${name}`);
        if (entry.commands.some((command) => command.includes(placeholder))) expect(commands.join("\n")).toContain(`'value-of-${name}'`);
      }
    }
  });

  it("shows a name without a value as a <name> marker, never as undefined", () => {
    const names: FixNames = { mailbox: "omada-notify@contoso.com", app: "" };
    for (const { entry, cause, fix, commands } of rendered(names)) {
      const text = [cause, fix, ...commands].join("\n");
      expect(text, entry.id).not.toMatch(/undefined|\{(?:[A-Za-z]\w*)\}|''/);
      if (`${entry.fix}${entry.cause}`.includes("{app}")) expect(`${cause}${fix}`).toContain("<app>");
    }
    const failed = KNOWLEDGE.find((entry) => entry.id === "smtp-auth-failed");
    if (!failed) throw new Error("smtp-auth-failed is missing");
    const commands = renderEntry(failed, names).commands;
    expect(commands).toContain(
      "Add-MailboxPermission -Identity 'omada-notify@contoso.com' -User <servicePrincipalObjectId> -AccessRights FullAccess",
    );
  });

  it("writes values into commands as PowerShell single-quoted literals, quotes inside doubled", () => {
    const entry = KNOWLEDGE.find((each) => each.id === "smtp-auth-disabled-mailbox");
    if (!entry) throw new Error("smtp-auth-disabled-mailbox is missing");
    const { commands, cause } = renderEntry(entry, { mailbox: "o'brien$(Remove-Item C:\\)\u2019@contoso.com" });
    expect(commands).toContain(
      "Set-CASMailbox -Identity 'o''brien$(Remove-Item C:\\)\u2019\u2019@contoso.com' -SmtpClientAuthenticationDisabled $false",
    );
    expect(cause).toContain("o'brien$(Remove-Item C:\\)\u2019@contoso.com itself");
  });

  it("fills the names of the object id trap: the token's oid, the configured one and the client id", () => {
    const entry = KNOWLEDGE.find((each) => each.id === "wrong-sp-object-id");
    if (!entry) throw new Error("wrong-sp-object-id is missing");
    const { commands } = renderEntry(entry, {
      clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04",
      tokenOid: "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f",
      servicePrincipalObjectId: "3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f",
      app: "omada-smtp",
    });
    expect(commands).toContain("Remove-ServicePrincipal -Identity '3f1c2b9e-1d2a-4c3b-9e8f-7a6b5c4d3e2f'");
    expect(commands).toContain(
      "New-ServicePrincipal -AppId '7a83471e-a8c7-4c06-8120-77b9aa56fa04' -ObjectId '9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f' -DisplayName 'omada-smtp'",
    );
  });

  it("never prints a value it has no placeholder for, such as a secret given by mistake", () => {
    const secret = "k7Q8~Rz.Omada_Exported-Secret-Value_9f3a2b1c";
    const names = { ...every, clientSecret: secret, accessToken: secret } as FixNames;
    for (const { cause, fix, commands } of rendered(names)) expect([cause, fix, ...commands].join("\n")).not.toContain(secret);
  });
});

describe("renderEntry with one credential source known", () => {
  const entry = KNOWLEDGE.find((each) => each.id === "credential-missing");
  if (!entry) throw new Error("credential-missing is missing");

  it("names the environment variable only, when the secret comes from one", () => {
    const { cause, fix } = renderEntry(entry, { app: "omada-smtp", variable: "CONTOSO_SMTP_SECRET" });
    const text = `${cause}\n${fix}`;
    expect(text).toContain("CONTOSO_SMTP_SECRET");
    expect(text).not.toMatch(/<[a-zA-Z]+>|the file/);
  });

  it("names the file only, when the credential is read from one", () => {
    const { cause, fix } = renderEntry(entry, { app: "omada-smtp", file: "certs/fabrikam.crt" });
    const text = `${cause}\n${fix}`;
    expect(text).toContain("certs/fabrikam.crt");
    expect(text).not.toMatch(/<[a-zA-Z]+>|environment variable/);
  });

  it("keeps both, as markers, when neither is known (explain)", () => {
    const { cause } = renderEntry(entry, {});
    expect(cause).toContain("<variable>");
    expect(cause).toContain("<file>");
  });
});

describe("renderEntry with the names complete (verify), for a secret written in the config", () => {
  it.each(["invalid-client-secret", "client-secret-expired"])("%s: leaves out the variable's and the file's sentences", (id) => {
    const entry = KNOWLEDGE.find((each) => each.id === id);
    if (!entry) throw new Error(`${id} is missing`);
    const { cause, fix } = renderEntry(
      entry,
      { app: "omada-smtp", tenant: "contoso", clientId: "7a83471e-a8c7-4c06-8120-77b9aa56fa04" },
      { complete: true },
    );
    const text = `${cause}\n${fix}`;
    expect(text).not.toMatch(/<[a-zA-Z]+>|environment variable|the file/);
    expect(fix).toContain("Create a new client secret");
    expect(fix).toContain("Entra ID shows the Value only once");
  });
});
