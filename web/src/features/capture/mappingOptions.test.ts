import { describe, expect, it } from "vitest";
import type { FieldDefinition } from "../fields/types";
import { definedTarget, mappingPatch, mappingValue, targetOptions } from "./mappingOptions";

const roof: FieldDefinition = { field_id: "F1", key: "roof_type", label: "Roof type", type: "dropdown", placeholder: null, required: false, options: ["Tile"] };
const field = (extra: { target?: "custom" | "company" | "email"; customKey?: string; name?: string } = {}) => ({
  target: "custom" as const,
  customKey: "",
  name: "roof",
  ...extra,
});

describe("the Saves to select", () => {
  it("offers the lead fields of the type, the lead custom fields by label, then a key of one's own", () => {
    expect(targetOptions("email", [roof])).toEqual([
      { value: "email", label: "Email" },
      { value: "custom:roof_type", label: "Roof type (custom field)" },
      { value: "custom", label: "Another custom field" },
    ]);
    expect(targetOptions("checkbox", [])).toEqual([{ value: "custom", label: "Custom field" }]);
  });

  it("shows a field whose key a definition has as that definition, else its target", () => {
    expect(mappingValue(field({ customKey: "roof_type" }), [roof])).toBe("custom:roof_type");
    expect(mappingValue(field({ name: "roof_type" }), [roof])).toBe("custom:roof_type");
    expect(mappingValue(field({ customKey: "budget" }), [roof])).toBe("custom");
    expect(mappingValue(field({ target: "company", customKey: "roof_type" }), [roof])).toBe("company");
    expect(definedTarget(field({ customKey: " roof_type " }), [roof])).toBe(roof);
  });

  it("maps to a definition by its key, and back to a key of one's own from the field's name", () => {
    expect(mappingPatch(field(), "custom:roof_type", [roof])).toEqual({ target: "custom", customKey: "roof_type" });
    expect(mappingPatch(field({ customKey: "roof_type" }), "custom", [roof])).toEqual({ target: "custom", customKey: "" });
    expect(mappingPatch(field({ target: "company", customKey: "notes" }), "custom", [roof])).toEqual({ target: "custom", customKey: "notes" });
    expect(mappingPatch(field(), "company", [roof])).toEqual({ target: "company" });
    expect(mappingPatch(field(), "nonsense", [roof])).toEqual({});
  });
});
