import { describe, expect, it } from "vitest";
import { authorityPort } from "./authority.js";

describe("authorityPort", () => {
  it("is the port the authority's URL names, else HTTPS's own", () => {
    expect(authorityPort("https://login.microsoftonline.com")).toBe("443");
    expect(authorityPort("https://localhost:9")).toBe("9");
  });
});
