import { describe, expect, it } from "vitest";
import type { Contact } from "../types";
import { mergePath, sharedValues } from "./duplicates";
import type { DuplicatePair } from "./types";

function person(id: string, email: string | null, emails: string[], phone: string | null, phones: string[] = []): Contact {
  return { contact_id: id, email, emails, phone, phones } as Contact;
}

describe("a pair of possible duplicates", () => {
  it("names the email both have, as the first one writes it", () => {
    const pair: DuplicatePair = {
      reason: "email",
      found_at: "2024-05-01T00:00:00Z",
      contacts: [person("C1", "Ada@Example.com", ["a@work.example"], null), person("C2", "x@other.example", ["ada@example.com"], null)],
    };
    expect(sharedValues(pair)).toEqual(["Ada@Example.com"]);
  });

  it("matches phones by their digits", () => {
    const pair: DuplicatePair = {
      reason: "phone",
      found_at: "2024-05-01T00:00:00Z",
      contacts: [person("C1", null, [], "+1 (555) 201-3344"), person("C2", null, [], null, ["+15552013344"])],
    };
    expect(sharedValues(pair)).toEqual(["+1 (555) 201-3344"]);
  });

  it("merges the newer contact into the older one", () => {
    const pair: DuplicatePair = { reason: "email", found_at: "", contacts: [person("OLD", null, [], null), person("NEW", null, [], null)] };
    expect(mergePath(pair)).toBe("/contacts/merge?survivor=OLD&duplicate=NEW");
  });
});
