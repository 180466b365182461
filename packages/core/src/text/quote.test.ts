import { describe, expect, it } from "vitest";
import { hideUrlCredentials, quote, shortenLongWords, urlPasswords } from "./quote.js";

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

describe("a URL's credentials in a quoted value", () => {
  it("are hidden, user name and password, however a URL parser could read them; the rest of the URL is shown", () => {
    expect(hideUrlCredentials("https://admin:Hunter2Secret@login.microsoftonline.com/x")).toBe(
      "https://‹secret hidden›@login.microsoftonline.com/x",
    );
    expect(hideUrlCredentials(" HTTP://svc@relay.example:25")).toBe(" HTTP://‹secret hidden›@relay.example:25");
    // Forms WHATWG URLs also read as user name and password.
    for (const written of [
      "https:admin:Hunter2Pw@login.microsoftonline.com",
      "HTTPS:\\\\admin:Hunter2Pw@login.microsoftonline.com",
      "https:/admin:Hunter2Pw@login.microsoftonline.com",
      "https://admin:pa#Hunter2Pw@login.microsoftonline.com",
      '"<https://admin:Hunter2Pw@login.microsoftonline.com>"',
      "see (https://admin:Hunter2Pw@login.microsoftonline.com)",
    ]) {
      for (const value of [written, quote(written)]) expect(hideUrlCredentials(value), written).not.toContain("Hunter2Pw");
    }
    expect(quote("https://admin:Hunter2Secret@login.microsoftonline.com")).not.toContain("Hunter2");
  });

  it("leave an address and a URL without credentials as they are", () => {
    for (const value of ["omada-notify@contoso.com", "mailbox: omada@contoso.com", "https://login.microsoftonline.com", "xmlns:o=x"])
      expect(hideUrlCredentials(value)).toBe(value);
  });

  it("give the passwords written into a text's URLs, to blank them out of a diff", () => {
    expect(urlPasswords('instance="https://admin:Hunter2Pw@login.microsoftonline.com" host="svc@relay"')).toEqual(["Hunter2Pw"]);
    expect(urlPasswords("a user name alone is no secret: https://admin@host")).toEqual([]);
  });
});
