import { describe, expect, it } from "vitest";
import { hideUrlCredentials, urlPasswords } from "./url-credentials.js";

const PASSWORD = "Hunter2Pw";

describe("hideUrlCredentials", () => {
  it("hides user name and password however a URL parser could read them, and shows the rest", () => {
    expect(hideUrlCredentials(`https://admin:${PASSWORD}@login.microsoftonline.com/x`)).toBe(
      "https://‹secret hidden›@login.microsoftonline.com/x",
    );
    expect(hideUrlCredentials(" HTTP://svc@relay.example:25")).toBe(" HTTP://‹secret hidden›@relay.example:25");
    for (const written of [
      `https:admin:${PASSWORD}@login.microsoftonline.com`,
      `HTTPS:\\\\admin:${PASSWORD}@login.microsoftonline.com`,
      `https:/admin:${PASSWORD}@login.microsoftonline.com`,
      `https://admin:pa#${PASSWORD}@login.microsoftonline.com`,
      `https://admin:pa'${PASSWORD}@login.microsoftonline.com`,
      `https://admin:pa ${PASSWORD}@login.microsoftonline.com`,
      `https://admin:pa"<${PASSWORD}>@login.microsoftonline.com`,
      `"<https://admin:${PASSWORD}@login.microsoftonline.com>"`,
      `x,https://admin:${PASSWORD}@outlook.office365.com/.default`,
      `-Uri:https://svc:${PASSWORD}@relay.example`,
      `{https://svc:${PASSWORD}@relay.example}`,
      `https://a.example https://svc:${PASSWORD}@relay.example`,
      `smtp://svc:${PASSWORD}@relay.example:587`,
    ])
      expect(hideUrlCredentials(written), written).not.toContain(PASSWORD);
  });

  it("leaves addresses, proxy addresses and URLs without credentials as they are", () => {
    for (const value of [
      "omada-notify@contoso.com",
      "SMTP:omada-notify@contoso.com",
      "smtp:omada-notify@contoso.com",
      "mailto:omada-notify@contoso.com",
      "mailbox: omada@contoso.com",
      "key:value@x",
      "https://login.microsoftonline.com",
      "https://host/a@b",
      "https://host?to=a@b",
      "xmlns:o=x",
    ])
      expect(hideUrlCredentials(value)).toBe(value);
  });

  it("leaves a long hostile value as it is: each character is read a bounded number of times", () => {
    // Hundreds of thousands of would-be schemes, and an @: a backtracking pattern took seconds on far less.
    const hostile = `@ ${"=a:".repeat(200_000)}`;
    expect(hideUrlCredentials(hostile)).toBe(hostile);
    expect(urlPasswords(`${"a".repeat(1_000_000)}@`, true)).toEqual([]);
    const words = `${"http:x ".repeat(100_000)}//@`;
    expect(hideUrlCredentials(words)).toBe(words);
  });
});

describe("urlPasswords", () => {
  it("gives the passwords of the URLs in running text, a user name alone being no secret", () => {
    expect(urlPasswords(`instance="https://admin:${PASSWORD}@login.microsoftonline.com" host="svc@relay"`, true)).toEqual([PASSWORD]);
    expect(urlPasswords("a user name alone is no secret: https://admin@host", true)).toEqual([]);
    expect(urlPasswords("SMTP:notify@contoso.com,smtp:contoso@x", true)).toEqual([]);
  });

  it("in a single value, takes quotes and spaces as part of the password", () => {
    expect(urlPasswords(`https://admin:pa'${PASSWORD}@login.microsoftonline.com`, false)).toEqual([`pa'${PASSWORD}`]);
  });
});
