import { describe, expect, it } from "vitest";
import { contactName, websiteHref } from "./labels";

describe("websiteHref", () => {
  it("keeps a web address and makes one of a bare domain", () => {
    expect(websiteHref("https://acme.example/about")).toBe("https://acme.example/about");
    expect(websiteHref("acme.example")).toBe("https://acme.example");
  });

  it("never links to a script", () => {
    expect(websiteHref("javascript:alert(1)")).toBe("https://javascript:alert(1)");
  });
});

describe("contactName", () => {
  it("names a contact without a name", () => {
    expect(contactName({ name: "" })).toBe("Unnamed contact");
    expect(contactName({ name: "ada@example.com" })).toBe("ada@example.com");
  });
});
