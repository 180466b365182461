import { describe, expect, it } from "vitest";
import { hideUrlCredentials, quote, shortenLongWords } from "./quote.js";

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
  it("are hidden, user name and password, whatever the scheme's case; the rest of the URL is shown", () => {
    expect(hideUrlCredentials("https://admin:Hunter2Secret@login.microsoftonline.com/x")).toBe(
      "https://‹secret hidden›@login.microsoftonline.com/x",
    );
    expect(hideUrlCredentials(" HTTP://svc@relay.example:25")).toBe(" HTTP://‹secret hidden›@relay.example:25");
    expect(quote("https://admin:Hunter2Secret@login.microsoftonline.com")).not.toContain("Hunter2");
  });

  it("leave an address, a path with @ and a URL without credentials as they are", () => {
    for (const value of ["omada-notify@contoso.com", "https://host/a@b", "https://host?to=a@b", "https://login.microsoftonline.com"])
      expect(hideUrlCredentials(value)).toBe(value);
  });
});
