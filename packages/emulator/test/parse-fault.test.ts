import { describe, expect, it } from "vitest";
import { FaultError, parseFault, startEmulator } from "../src/index.js";
import { testConfig } from "./fixture.js";

describe("parseFault", () => {
  it.each([
    ["consent-missing", { kind: "consent-missing" }],
    ["sp-not-registered:omada-smtp", { kind: "sp-not-registered", target: "omada-smtp" }],
    ["no-mailbox-permission:omada-notify@contoso.com", { kind: "no-mailbox-permission", target: "omada-notify@contoso.com" }],
    ["latency:250", { kind: "latency", ms: 250 }],
    ["latency:2147483647", { kind: "latency", ms: 2147483647 }],
    ["latency:250:7a83471e-a8c7-4c06-8120-77b9aa56fa04", { kind: "latency", ms: 250, target: "7a83471e-a8c7-4c06-8120-77b9aa56fa04" }],
    ["no-starttls", { kind: "no-starttls" }],
  ])("reads %s", (text, fault) => {
    expect(parseFault(text)).toEqual(fault);
  });

  it.each([
    [
      "consent-mising",
      'unknown fault "consent-mising": expected one of consent-missing, sp-not-registered, wrong-sp-object-id, no-mailbox-permission, smtp-auth-disabled-tenant, smtp-auth-disabled-mailbox, secret-expired, sendas-missing, no-starttls, token-endpoint-down, latency (latency as latency:MS)',
    ],
    ["latency", 'fault "latency": latency takes milliseconds, as latency:MS[:TARGET]'],
    ["latency:soon", 'fault "latency:soon": latency takes milliseconds, as latency:MS[:TARGET]'],
    // A Node timer fires a longer delay at once (with a TimeoutOverflowWarning).
    ["latency:2147483648", 'fault "latency:2147483648": latency takes at most 2147483647 milliseconds (about 24 days)'],
    [
      "latency:3000000000:omada-smtp",
      'fault "latency:3000000000:omada-smtp": latency takes at most 2147483647 milliseconds (about 24 days)',
    ],
    [
      "latency:99999999999999999999999",
      'fault "latency:99999999999999999999999": latency takes at most 2147483647 milliseconds (about 24 days)',
    ],
    ["no-starttls:omada-smtp", 'fault "no-starttls:omada-smtp": no-starttls acts on the whole SMTP server and takes no target'],
  ])("refuses %s with one line", (text, message) => {
    expect(() => parseFault(text)).toThrow(new FaultError(message));
  });

  it("refuses to start with a latency no timer can wait", async () => {
    await expect(startEmulator(testConfig(), { faults: [{ kind: "latency", ms: 3_000_000_000 }] })).rejects.toThrow(
      new FaultError("fault latency:3000000000: latency takes at most 2147483647 milliseconds (about 24 days)"),
    );
  });

  it("refuses to start with a fault whose target the config does not have", async () => {
    await expect(startEmulator(testConfig(), { faults: [{ kind: "consent-missing", target: "nobody@contoso.com" }] })).rejects.toThrow(
      new FaultError("fault consent-missing:nobody@contoso.com: the config has no tenant, app or mailbox named nobody@contoso.com"),
    );
  });
});
