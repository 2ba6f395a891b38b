import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import {
  dialogErrors,
  draftFrom,
  draftOf,
  dropField,
  emptyForm,
  formErrors,
  keyFromLabel,
  objectTypeOf,
  parseOptions,
  stepField,
  withField,
  withoutField,
} from "./customFields";
import type { FieldDefinition } from "./types";

const size: FieldDefinition = {
  field_id: "F1",
  key: "size",
  label: "Size",
  type: "dropdown",
  placeholder: null,
  required: false,
  options: ["Small", "Large"],
};
const seats: FieldDefinition = { ...size, field_id: "F2", key: "seats", label: "Seats", type: "number", options: [] };
const budget: FieldDefinition = { ...size, field_id: "F3", key: "budget", label: "Budget", type: "money", options: [] };
const list = [size, seats, budget].map(draftFrom);
const ids = (fields: { field_id?: string | null }[] | null) => fields?.map((field) => field.field_id);

describe("a field's key", () => {
  it("is made from the label in lower snake case, starting with a letter", () => {
    expect(keyFromLabel("Company size (m²)")).toBe("company_size_m2");
    expect(keyFromLabel("  Día de renovación ")).toBe("dia_de_renovacion");
    expect(keyFromLabel("2nd phone")).toBe("field_2nd_phone");
    expect(keyFromLabel("???")).toBe("");
    expect(keyFromLabel("x".repeat(80))).toHaveLength(64);
  });
});

describe("the form", () => {
  it("reads options one per line", () => {
    expect(parseOptions(" Small \n\nLarge\n  ")).toEqual(["Small", "Large"]);
  });

  it("is checked before it is sent", () => {
    const form = { ...emptyForm(), label: "Size", key: "size", type: "dropdown" as const };
    expect(formErrors(form, [seats])).toEqual({ options: "Give at least one option, one per line" });
    expect(formErrors({ ...form, optionsText: "Small\nsmall" }, [seats]).options).toBe("The option small is listed twice");
    expect(formErrors({ ...form, optionsText: "Small" }, [size]).key).toBe("Another field already uses the key size");
    expect(formErrors({ ...form, optionsText: "Small", field_id: "F1" }, [size])).toEqual({});
    expect(formErrors({ ...form, key: "Size", label: "" }, [])).toMatchObject({ label: "Give the field a label", key: expect.any(String) });
  });

  it("sends options only for dropdown and multi-select fields", () => {
    const form = { ...emptyForm(), label: " Notes ", key: "notes", optionsText: "left over" };
    expect(draftOf(form)).toEqual({ field_id: null, key: "notes", label: "Notes", type: "text", placeholder: null, required: false, options: null });
    expect(draftOf({ ...form, type: "multi_select", optionsText: "A\nB" }).options).toEqual(["A", "B"]);
  });
});

describe("the list", () => {
  it("moves a field a step, or to where it is dropped", () => {
    expect(ids(stepField(list, "F2", -1))).toEqual(["F2", "F1", "F3"]);
    expect(stepField(list, "F1", -1)).toBeNull();
    expect(stepField(list, "F3", 1)).toBeNull();
    expect(ids(dropField(list, "F3", "F1"))).toEqual(["F3", "F1", "F2"]);
    expect(ids(dropField(list, "F1", "F3"))).toEqual(["F2", "F3", "F1"]);
    expect(dropField(list, "F1", "F1")).toBeNull();
  });

  it("replaces an edited field in place, adds a new one at the end, removes one", () => {
    expect(withField(list, { ...draftFrom(seats), label: "Desks" })[1]!.label).toBe("Desks");
    expect(ids(withField(list, { ...draftFrom(seats), field_id: null, key: "new" }))).toEqual(["F1", "F2", "F3", null]);
    expect(ids(withoutField(list, "F2"))).toEqual(["F1", "F3"]);
  });
});

describe("the API's refusals", () => {
  it("go to the dialog's inputs by the attribute they name", () => {
    const error = new ApiError(422, "validation_error", "Some fields are not valid", {
      "fields.3.key": "Another field already uses the key size",
      "fields.3.options.1": "The option b is listed twice",
      fields: "Give at most 50 fields",
    });
    expect(dialogErrors(error)).toEqual({
      byField: { key: "Another field already uses the key size", options: "The option b is listed twice" },
      other: "Give at most 50 fields",
    });
    expect(dialogErrors(new ApiError(500, "internal_error", "Boom"))).toEqual({ byField: {}, other: "Boom" });
  });
});

it("reads the object type from the address, contacts by default", () => {
  expect(objectTypeOf("lead")).toBe("lead");
  expect(objectTypeOf("deal")).toBe("contact");
  expect(objectTypeOf(null)).toBe("contact");
});
