import { describe, expect, it } from "vitest";
import { addressLines, readAddress, readConsent, readLeadContact } from "./read";

describe("readConsent", () => {
  it("gives every signal a choice, unspecified when missing or unknown", () => {
    expect(readConsent({ email_marketing: "granted", sms_marketing: "maybe", extra: "x" })).toEqual({
      ad_user_data: "unspecified",
      ad_personalization: "unspecified",
      email_marketing: "granted",
      sms_marketing: "unspecified",
    });
    expect(readConsent(null).ad_user_data).toBe("unspecified");
  });
});

describe("readAddress", () => {
  it("keeps the address fields that are text", () => {
    expect(readAddress({ line1: "1 Main St", city: "Springfield", postal_code: 12345, country: "US", note: "x" })).toEqual({
      line1: "1 Main St",
      city: "Springfield",
      country: "US",
    });
  });

  it("reads as lines", () => {
    expect(addressLines({ line1: "1 Main St", city: "Springfield", region: "IL", postal_code: "62701", country: "US" })).toEqual([
      "1 Main St",
      "62701 Springfield IL",
      "US",
    ]);
    expect(addressLines({})).toEqual([]);
  });
});

describe("readLeadContact", () => {
  it("reads what the lead page shows", () => {
    const raw = { contact_id: "C1", name: "Ada Lovelace", email: "ada@example.com", phone: null, company_id: "CO1", company_name: "Engines", role: "Prospect" };
    expect(readLeadContact(raw)).toEqual({
      contact_id: "C1",
      name: "Ada Lovelace",
      email: "ada@example.com",
      phone: null,
      company_id: "CO1",
      company_name: "Engines",
      role: "Prospect",
    });
  });

  it("is null without a contact, and names one from its parts", () => {
    expect(readLeadContact(null)).toBeNull();
    expect(readLeadContact({ name: "No id" })).toBeNull();
    expect(readLeadContact({ contact_id: "C2", first_name: "Ada", last_name: "L", role: "Boss" })).toMatchObject({ name: "Ada L", role: null });
  });
});
