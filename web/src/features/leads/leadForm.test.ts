import { describe, expect, it } from "vitest";
import { changedFields, createBody, createBodyForContact, emptyLeadForm, parseTags } from "./leadForm";

describe("createBody", () => {
  it("leaves out empty inputs and trims the rest", () => {
    const values = { ...emptyLeadForm("EUR"), first_name: " Ana ", email: "ana@example.com", tags: "roof, urgent,roof", value: "1200" };
    expect(createBody(values)).toEqual({
      first_name: "Ana",
      email: "ana@example.com",
      currency: "EUR",
      source: "manual",
      value: "1200",
      tags: ["roof", "urgent"],
    });
  });
});

describe("createBodyForContact", () => {
  it("sends the contact instead of the person, keeping the deal", () => {
    const values = { ...emptyLeadForm("EUR"), first_name: "Ana", email: "ana@example.com", company: "Oak", value: "900", tags: "roof" };
    expect(createBodyForContact(values, "C1")).toEqual({
      contact_id: "C1",
      currency: "EUR",
      source: "manual",
      value: "900",
      tags: ["roof"],
    });
  });
});

describe("changedFields", () => {
  const before = { ...emptyLeadForm(), first_name: "Ana", email: "ana@example.com", phone: "+1 555 123 4567", owner_id: "U1", tags: "roof" };

  it("sends only what changed", () => {
    expect(changedFields(before, { ...before, company: "Oak Inc" })).toEqual({ company: "Oak Inc" });
  });

  it("sends a new expected close date, and null to clear it", () => {
    const dated = { ...before, close_date: "2027-03-01" };
    expect(changedFields(before, dated)).toEqual({ close_date: "2027-03-01" });
    expect(changedFields(dated, before)).toEqual({ close_date: null });
  });

  it("clears an optional field with null", () => {
    expect(changedFields(before, { ...before, phone: "", owner_id: "" })).toEqual({ phone: null, owner_id: null });
  });

  it("sees no change in reordered whitespace or repeated tags", () => {
    expect(changedFields(before, { ...before, first_name: "Ana ", tags: " roof, roof" })).toEqual({});
  });

  it("sends the whole tag list when it changed", () => {
    expect(changedFields(before, { ...before, tags: "roof, gutter" })).toEqual({ tags: ["roof", "gutter"] });
  });
});

describe("parseTags", () => {
  it("splits on commas and drops blanks", () => {
    expect(parseTags("a, b,,  c ")).toEqual(["a", "b", "c"]);
  });
});
