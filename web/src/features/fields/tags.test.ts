import { describe, expect, it } from "vitest";
import { placeholderOf, valueErrors, valueKeyFromName } from "./customValues";
import { carriedBy, colorLabel, colorOptions, deleteWarning } from "./tags";
import type { Tag } from "./types";

const tag: Tag = { tag_id: "dmlw", name: "VIP", color: null, contact_count: 3, company_count: 1, lead_count: 0, created_at: "" };

describe("a tag's records in words", () => {
  it("counts each type, naming none as no", () => {
    expect(carriedBy(tag)).toBe("3 contacts, 1 company and no leads");
    expect(carriedBy({ contact_count: 1, company_count: 0, lead_count: 2 })).toBe("1 contact, no companies and 2 leads");
  });

  it("warns before a delete how many records lose the tag", () => {
    expect(deleteWarning(tag)).toBe("VIP is on 3 contacts, 1 company and no leads. Deleting it takes it off all of them.");
    expect(deleteWarning({ ...tag, contact_count: 0, company_count: 0 })).toBe("No contact, company or lead carries VIP.");
  });

  it("names its color, keeping one set elsewhere selectable", () => {
    expect(colorLabel("#DC2626")).toBe("Red");
    expect(colorLabel(null)).toBe("No color");
    expect(colorOptions("#123456").at(-1)).toEqual({ value: "#123456", label: "#123456" });
    expect(colorOptions("#dc2626").some((option) => option.value === "#dc2626")).toBe(true);
  });
});

describe("a custom value", () => {
  it("gets its key from its name and its placeholder from its key", () => {
    expect(valueKeyFromName("Office phone (main)")).toBe("office_phone_main");
    expect(valueKeyFromName("2nd office")).toBe("2nd_office");
    expect(valueKeyFromName("Field office")).toBe("field_office");
    expect(placeholderOf("office_phone")).toBe("{{custom_values.office_phone}}");
  });

  it("is checked before it is sent", () => {
    expect(valueErrors({ name: "", key: "Office Phone", value: "" })).toEqual({
      name: "Give the value a name",
      key: "Lowercase letters, digits and underscores (at most 50)",
    });
    expect(valueErrors({ name: "Phone", key: "phone", value: "x".repeat(2001) })).toEqual({ value: "Use at most 2000 characters" });
  });
});
