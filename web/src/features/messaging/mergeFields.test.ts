import { describe, expect, it } from "vitest";
import type { CustomValue, FieldDefinition } from "../fields/types";
import { insertAt, mergeFieldGroups } from "./mergeFields";

const definition = (key: string, label: string) => ({ key, label }) as FieldDefinition;
const value = (key: string, name: string) => ({ key, name, placeholder: `{{custom_values.${key}}}` }) as CustomValue;

describe("a merge field put in at the cursor", () => {
  it("goes where the cursor is, and the cursor after it", () => {
    expect(insertAt("Hi !", "{{contact.first_name}}", 3)).toEqual({ text: "Hi {{contact.first_name}}!", caret: 25 });
  });

  it("replaces the selected text", () => {
    expect(insertAt("Dear NAME,", "{{contact.name}}", 5, 9)).toEqual({ text: "Dear {{contact.name}},", caret: 21 });
  });

  it("goes at the end without a known cursor, and within the text when the cursor is past it", () => {
    expect(insertAt("Hello ", "{{owner.name}}", null)).toEqual({ text: "Hello {{owner.name}}", caret: 20 });
    expect(insertAt("ab", "X", 10, 12)).toEqual({ text: "abX", caret: 3 });
    expect(insertAt("ab", "X", 2, 0)).toEqual({ text: "abX", caret: 3 });
  });
});

describe("the merge fields offered", () => {
  it("lists the built-in fields of the contact, the lead and the owner", () => {
    const groups = mergeFieldGroups({ contactFields: [], leadFields: [], customValues: [] });
    expect(groups.map((group) => group.label)).toEqual(["Contact", "Lead", "Owner (of the lead, else of the contact)"]);
    expect(groups[0]?.fields.map((field) => field.placeholder)).toEqual([
      "{{contact.first_name}}",
      "{{contact.last_name}}",
      "{{contact.name}}",
      "{{contact.email}}",
      "{{contact.phone}}",
      "{{contact.role}}",
      "{{contact.company_name}}",
    ]);
    expect(groups[1]?.fields.map((field) => field.placeholder)).toContain("{{lead.utm_campaign}}");
    expect(groups[2]?.fields.map((field) => field.placeholder)).toEqual(["{{owner.name}}", "{{owner.first_name}}", "{{owner.email}}"]);
  });

  it("adds the account's custom fields by label, and its custom values by name", () => {
    const groups = mergeFieldGroups({
      contactFields: [definition("shoe_size", "Shoe size")],
      leadFields: [definition("budget", "Budget")],
      customValues: [value("office_phone", "Office phone")],
    });
    expect(groups.find((group) => group.label === "Contact custom fields")?.fields).toEqual([
      { placeholder: "{{contact.custom.shoe_size}}", label: "Shoe size" },
    ]);
    expect(groups.find((group) => group.label === "Lead custom fields")?.fields).toEqual([{ placeholder: "{{lead.custom.budget}}", label: "Budget" }]);
    expect(groups.at(-1)).toEqual({ label: "Custom values", fields: [{ placeholder: "{{custom_values.office_phone}}", label: "Office phone" }] });
  });
});
