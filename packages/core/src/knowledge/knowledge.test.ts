import { describe, expect, it } from "vitest";
import { ruleDocsUrl } from "../docs-url.js";
import { RULES } from "../lint/rules/index.js";
import { FIX_NAMES } from "./entry.js";
import { findEntry, KNOWLEDGE } from "./knowledge.js";

// The ids verify, the emulator's tests and `smtpcfg explain` rely on.
const AGREED_IDS = [
  "invalid-client-secret",
  "client-secret-expired",
  "client-credential-not-sent",
  "app-not-found",
  "tenant-not-found",
  "tenant-malformed",
  "multi-tenant-authority",
  "scope-not-default",
  "invalid-scope",
  "resource-not-found",
  "app-disabled",
  "certificate-rejected",
  "token-endpoint-error",
  "consent-missing",
  "token-audience",
  "tenant-mismatch",
  "wrong-sp-object-id",
  "token-expired",
  "smtp-auth-failed",
  "smtp-auth-disabled-tenant",
  "smtp-auth-disabled-mailbox",
  "conditional-access",
  "basic-auth-disabled",
  "client-not-authenticated",
  "sendas-denied",
  "ip-blocked",
  "basic-auth-not-supported",
  "mailbox-logon-failure",
  "credential-missing",
  "private-key-not-rsa",
  "private-key-encrypted",
  "starttls-missing",
  "tls-failed",
  "token-endpoint-tls-failed",
  "token-endpoint-unreachable",
  "authority-invalid",
  "smtp-unreachable",
  "timeout",
];

const ids = KNOWLEDGE.map((entry) => entry.id);

describe("the knowledge base", () => {
  it("has exactly the agreed entries, each id once", () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...AGREED_IDS].sort());
  });

  it("shares no id with a lint rule, since smtpcfg explain takes both", () => {
    const ruleIds = new Set(RULES.map((rule) => rule.meta.id));
    expect(ids.filter((id) => ruleIds.has(id))).toEqual([]);
  });

  it("finds an entry by its id, and nothing by another text", () => {
    for (const entry of KNOWLEDGE) expect(findEntry(entry.id)).toBe(entry);
    expect(findEntry("AADSTS7000215")).toBeUndefined();
    expect(findEntry("")).toBeUndefined();
  });

  it("has every AADSTS code and SMTP reply of the error tables", () => {
    const codes = KNOWLEDGE.flatMap((entry) => entry.codes);
    for (const code of [
      "AADSTS7000215",
      "AADSTS7000222",
      "AADSTS7000218",
      "AADSTS700016",
      "AADSTS90002",
      "AADSTS900023",
      "AADSTS9001023",
      "AADSTS50194",
      "AADSTS1002012",
      "AADSTS70011",
      "AADSTS500011",
      "AADSTS7000112",
      "AADSTS700027",
      "535 5.7.3",
      "535 5.7.139",
      "530 5.7.57",
      "550 5.7.60",
      "554 5.2.252",
      "550 5.7.708",
      "550 5.7.30",
      "430 4.2.0",
    ]) {
      expect(codes).toContain(code);
    }
  });

  it.each(KNOWLEDGE.map((entry) => [entry.id, entry] as const))(
    "%s is written out: a one-line title, cause, fix, codes in their usual form",
    (_, entry) => {
      expect(entry.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(entry.title).toMatch(/^\S[^\n]*\S$/);
      expect(entry.cause.length).toBeGreaterThan(40);
      expect(entry.fix.length).toBeGreaterThan(40);
      for (const code of entry.codes) expect(code).toMatch(/^(?:AADSTS\d{5,8}|[2-5]\d\d [2-5]\.\d{1,3}\.\d{1,3})$/);
    },
  );

  it.each(KNOWLEDGE.map((entry) => [entry.id, entry] as const))("%s uses only the placeholders renderEntry fills", (_, entry) => {
    const text = [entry.cause, entry.fix, ...entry.commands].join("\n");
    const used = [...text.matchAll(/\{([A-Za-z]\w*)\}/g)].map((match) => match[1]);
    expect(used.filter((name) => !(FIX_NAMES as readonly string[]).includes(name as string))).toEqual([]);
  });

  it.each(KNOWLEDGE.map((entry) => [entry.id, entry] as const))(
    "%s links to https pages, rule pages only of rules that exist",
    (_, entry) => {
      expect(new Set(entry.links).size).toBe(entry.links.length);
      for (const link of entry.links) expect(link).toMatch(/^https:\/\/[^\s]+$/);
      const rulePages = new Set(RULES.map((rule) => ruleDocsUrl(rule.meta.id)));
      for (const link of entry.links.filter((link) => link.includes("/docs/rules/"))) expect(rulePages).toContain(link);
    },
  );

  it("tells smtp-auth-disabled-tenant's fix true whatever the mailbox's smtpClientAuth: the config may already say enabled", () => {
    const entry = findEntry("smtp-auth-disabled-tenant");
    expect(entry?.fix).not.toMatch(/give the mailbox smtpClientAuth: enabled/i);
    expect(entry?.cause).toContain("whatever the config says");
  });

  it("has no placeholder for a secret, a token or a key: a fix never prints one", () => {
    expect(FIX_NAMES.filter((name) => /secret|password|token$|^token|key|assertion|credential/i.test(name) && name !== "tokenOid")).toEqual(
      [],
    );
  });
});
