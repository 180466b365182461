import { describe, expect, it } from "vitest";
import { quote, shortenLongWords } from "./quote.js";

describe("shortenLongWords", () => {
  const long = (length: number) => "x".repeat(length);

  it("cuts every run of over 200 characters without a space, and nothing else", () => {
    expect(shortenLongWords(`a ${long(200)} b`)).toBe(`a ${long(200)} b`);
    expect(shortenLongWords(`a ${long(201)} b`)).toBe(`a ${long(39)}… b`);
    expect(shortenLongWords(`${long(300)}\t${long(250)}`)).toBe(`${long(39)}…\t${long(39)}…`);
    expect(shortenLongWords(`${"word ".repeat(100)}`)).toBe(`${"word ".repeat(100)}`);
  });

  it("treats Unicode spaces as spaces, as \\s does", () => {
    // A run between ASCII spaces over 200, but no run of \S is: nothing is cut.
    const split = `${long(150)}\u00a0${long(150)}\u2028${long(150)}`;
    expect(shortenLongWords(split)).toBe(split);
    expect(shortenLongWords(`${long(150)}\u3000${long(201)}`)).toBe(`${long(150)}\u3000${long(39)}…`);
  });
});

describe("quote", () => {
  it("hides the user name and password of a URL", () => {
    const quoted = quote("https://admin:Hunter2Secret@login.microsoftonline.com");
    expect(quoted).toMatch(/^"https:\/\/‹secret hidden›@login\./);
    expect(quoted).not.toContain("Hunter2");
  });

  it("hides a value shaped like a client secret or an access token, and shows ids, addresses, hosts and paths", () => {
    const token = "eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJodHRwczovL291dGxvb2sifQ.c2lnbmF0dXJl";
    for (const secret of [
      "Qx8Q~FakeSecretValue0123456789abcdefghij",
      "B7-~a~1fSyJ8_.5VlI.Q7RdJT5Ct~9g-Z7",
      "dCvNW7Ksy5Lmg8HWcBfzaBmDJqUG3HnQqQh1fJQdC3A=",
      token,
    ])
      expect(quote(secret, 100)).toBe('"‹secret hidden›"');
    for (const value of [
      "7A83471E-A8C7-4C06-8120-77B9AA56FA04",
      "omada-notify@contoso.onmicrosoft.com",
      "BN0PR04CA0123.namprd04.prod.outlook.com",
      "api://7a83471e-a8c7-4c06-8120-77b9aa56fa04",
      "C:\\PROGRA~1\\certs\\fabrikam-notifications.crt",
      "Qx8Q~short",
    ])
      expect(quote(value, 100)).toBe(JSON.stringify(value));
  });
});

describe("quote of text pasted from a web page or a document", () => {
  it("shows a no-break space or a zero-width space as an escape, not as a space or as nothing", () => {
    expect(quote("contoso.com\u200b")).toBe('"contoso.com\\u200b"');
    expect(quote("\u00a0\u00a0tenantId")).toBe('"\\u00a0\\u00a0tenantId"');
    expect(quote("contoso.com")).toBe('"contoso.com"');
  });
});
