import { describe, expect, it } from "vitest";
import type { FieldDefinition } from "../fields/types";
import {
  calendarDate,
  customFieldInputNames,
  customFieldRows,
  customFieldsBody,
  customInputsChanged,
  customInputsOf,
  customValueText,
  dropdownChoices,
  plainText,
  toggledChoice,
} from "./customFieldValues";

const base: FieldDefinition = { field_id: "F0", key: "k", label: "K", type: "text", placeholder: null, required: false, options: [] };
const define = (key: string, label: string, type: FieldDefinition["type"], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  ...base,
  field_id: `F-${key}`,
  key,
  label,
  type,
  ...extra,
});

const size = define("size", "Company size", "dropdown", { options: ["Small", "Large"], required: true });
const seats = define("seats", "Seats", "number");
const budget = define("budget", "Budget", "money");
const renewal = define("renewal", "Renewal", "date");
const sports = define("sports", "Sports", "multi_select", { options: ["Golf", "Tennis", "Sailing"] });
const vip = define("vip", "VIP", "checkbox");
const site = define("site", "Site", "url");
const notes = define("notes", "Notes", "long_text");
const all = [size, seats, budget, renewal, sports, vip, site, notes];

describe("showing custom fields", () => {
  it("formats plain values: nothing as a dash, lists joined, Yes/No, maps as key: value", () => {
    expect(plainText(null)).toBe("—");
    expect(plainText([])).toBe("—");
    expect(plainText(["a", "b"])).toBe("a, b");
    expect(plainText(false)).toBe("No");
    expect(plainText({ a: 1, b: null, c: true })).toBe("a: 1, c: Yes");
  });

  it("formats by type: numbers, amounts with cents, calendar dates", () => {
    expect(customValueText(seats, 1200)).toBe((1200).toLocaleString());
    expect(customValueText(budget, "1234.5")).toBe((1234.5).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    expect(customValueText(budget, "lots")).toBe("lots");
    expect(calendarDate("2026-03-01")).toBe(new Date(Date.UTC(2026, 2, 1)).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }));
    expect(calendarDate("March")).toBe("March");
    expect(customValueText(sports, ["Golf", "Sailing"])).toBe("Golf, Sailing");
    expect(customValueText(vip, true)).toBe("Yes");
  });

  it("lists the defined fields in order with their labels, and the rest as other fields", () => {
    const rows = customFieldRows([size, seats, site], { legacy_id: "A-7", seats: 12, size: "Large", site: "https://acme.example", zero: "" });
    expect(rows.defined.map((row) => [row.label, row.text, row.empty])).toEqual([
      ["Company size", "Large", false],
      ["Seats", (12).toLocaleString(), false],
      ["Site", "https://acme.example", false],
    ]);
    expect(rows.defined[2]?.href).toBe("https://acme.example");
    expect(rows.other).toMatchObject([{ key: "legacy_id", label: "legacy_id", text: "A-7" }]);
    expect(customFieldRows([seats], null).defined[0]).toMatchObject({ text: "—", empty: true });
  });
});

describe("editing custom fields", () => {
  const stored = { size: "Large", seats: 12, budget: "99.00", sports: ["Golf"], vip: true, legacy_id: "A-7" };

  it("reads a record's values into inputs", () => {
    expect(customInputsOf(all, stored)).toEqual({
      size: "Large",
      seats: "12",
      budget: "99.00",
      renewal: "",
      sports: ["Golf"],
      vip: true,
      site: "",
      notes: "",
    });
    expect(customInputsOf([vip, sports], null)).toEqual({ vip: false, sports: [] });
  });

  it("sends the inputs by type, keeps other keys, leaves empty fields out and asks for required ones", () => {
    const inputs = { ...customInputsOf(all, stored), size: "", seats: " 14.5 ", renewal: "2026-06-01", notes: "  ", sports: [] };
    expect(customFieldsBody(all, inputs, stored)).toEqual({
      legacy_id: "A-7",
      size: null,
      seats: 14.5,
      budget: "99.00",
      renewal: "2026-06-01",
      vip: true,
    });
    expect(customFieldsBody([seats], { seats: "twelve" })).toEqual({ seats: "twelve" });
    expect(customFieldsBody([vip], {})).toEqual({ vip: false });
  });

  it("notices a change only in what the editor touched", () => {
    const before = customInputsOf(all, stored);
    expect(customInputsChanged(all, before, { ...before, seats: " 12 " })).toBe(false);
    expect(customInputsChanged(all, before, { ...before, sports: ["Golf", "Tennis"] })).toBe(true);
    expect(customInputsChanged(all, before, { ...before, vip: false })).toBe(true);
  });

  it("keeps a stored choice that is no longer an option, and ticks choices in the options' order", () => {
    expect(dropdownChoices(size, "Medium")).toEqual(["Small", "Large", "Medium"]);
    expect(dropdownChoices(size, "Small")).toEqual(["Small", "Large"]);
    expect(toggledChoice(sports, ["Sailing"], "Golf", true)).toEqual(["Golf", "Sailing"]);
    expect(toggledChoice(sports, ["Golf", "Sailing"], "Golf", false)).toEqual(["Sailing"]);
  });

  it("names each input as the API names its errors", () => {
    expect(customFieldInputNames([size, seats])).toEqual(["custom_fields.size", "custom_fields.seats"]);
  });
});
