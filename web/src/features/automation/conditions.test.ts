import { describe, expect, it } from "vitest";
import {
  BUILT_IN_FIELDS,
  conditionField,
  conditionProblem,
  customConditionFields,
  listInput,
  newCondition,
  numberInput,
  operatorLabel,
  operatorsFor,
  valueForShape,
  valueShape,
  withField,
  withOperator,
} from "./conditions";
import type { FieldDefinition } from "../fields/types";

const field = (name: string) => conditionField(BUILT_IN_FIELDS, name);

const custom = (key: string, type: FieldDefinition["type"], options: string[] = []): FieldDefinition => ({
  field_id: `F-${key}`,
  key,
  label: key.replace(/_/g, " "),
  type,
  options,
  placeholder: null,
  required: false,
});

describe("condition fields", () => {
  it("covers every field the API reads, grouped Contact, Lead and Time", () => {
    expect(BUILT_IN_FIELDS).toHaveLength(25);
    expect(new Set(BUILT_IN_FIELDS.map((f) => f.group))).toEqual(new Set(["Contact", "Lead", "Time"]));
    expect(field("lead.value").type).toBe("number");
    expect(field("contact.tags").type).toBe("list");
    expect(field("time.day_of_week").type).toBe("days");
  });

  it("offers custom fields by their type, leaving out keys the API would refuse", () => {
    const fields = customConditionFields("lead", [
      custom("budget", "money"),
      custom("roof_type", "dropdown", ["Tile", "Metal"]),
      custom("wants_call", "checkbox"),
      custom("this_key_is_far_too_long_for_a_condition_name", "text"),
    ]);
    expect(fields.map((f) => [f.field, f.type, f.group])).toEqual([
      ["lead.custom.budget", "number", "Lead custom fields"],
      ["lead.custom.roof_type", "choice", "Lead custom fields"],
      ["lead.custom.wants_call", "boolean", "Lead custom fields"],
    ]);
    expect(fields[1]!.options).toEqual(["Tile", "Metal"]);
    expect(customConditionFields("contact", [custom("vip", "text")])[0]!.field).toBe("contact.custom.vip");
  });

  it("reads a field no longer defined as text under its key", () => {
    expect(conditionField(BUILT_IN_FIELDS, "contact.custom.gone")).toMatchObject({ label: "gone (removed field)", type: "text", group: "Contact custom fields" });
  });
});

describe("operators per field type", () => {
  it("offers the operators that make sense for each type", () => {
    expect(operatorsFor("number")).toEqual(["equals", "not_equals", "greater_than", "less_than", "between", "is_empty", "is_not_empty"]);
    expect(operatorsFor("text")).toContain("starts_with");
    expect(operatorsFor("text")).not.toContain("greater_than");
    expect(operatorsFor("list")).toEqual(["contains", "not_contains", "in", "not_in", "is_empty", "is_not_empty"]);
    expect(operatorsFor("days")).toEqual(["in", "not_in"]);
    expect(operatorsFor("boolean")).toEqual(["equals", "not_equals"]);
    expect(operatorsFor("choice")).not.toContain("contains");
  });

  it("words list operators as having rather than containing", () => {
    expect(operatorLabel("contains", "list")).toBe("has");
    expect(operatorLabel("contains", "text")).toBe("contains");
    expect(operatorLabel("greater_than", "number")).toBe("is more than");
  });

  it("takes no value for the empty tests, two for between and a list for one-of", () => {
    expect(valueShape("is_empty")).toBe("none");
    expect(valueShape("is_not_empty")).toBe("none");
    expect(valueShape("between")).toBe("pair");
    expect(valueShape("in")).toBe("many");
    expect(valueShape("equals")).toBe("one");
  });
});

describe("editing a condition", () => {
  it("reshapes the value when the operator changes", () => {
    const start = { field: "lead.value", operator: "equals" as const, value: 100 };
    expect(withOperator(start, "between")).toEqual({ field: "lead.value", operator: "between", value: [100, ""] });
    expect(withOperator(start, "is_empty")).toEqual({ field: "lead.value", operator: "is_empty", value: undefined });
    expect(withOperator({ field: "lead.source", operator: "in", value: ["form", "direct"] }, "equals").value).toBe("form");
    expect(valueForShape("vip", "many")).toEqual(["vip"]);
    expect(valueForShape("", "many")).toEqual([]);
  });

  it("keeps the operator on another field that takes it, else takes that field's first", () => {
    const text = { field: "contact.email", operator: "contains" as const, value: "@example.com" };
    expect(withField(text, field("contact.first_name"))).toEqual({ field: "contact.first_name", operator: "contains", value: "" });
    expect(withField(text, field("lead.value"))).toEqual({ field: "lead.value", operator: "equals", value: "" });
    expect(withField(text, field("time.day_of_week"))).toEqual({ field: "time.day_of_week", operator: "in", value: [] });
    expect(newCondition(field("time.business_hours"))).toEqual({ field: "time.business_hours", operator: "equals", value: true });
  });

  it("reads typed numbers and comma lists", () => {
    expect(numberInput(" 12.5 ")).toBe(12.5);
    expect(numberInput("")).toBe("");
    expect(numberInput("abc")).toBe("abc");
    expect(listInput("vip, hot ,, ")).toEqual(["vip", "hot"]);
  });

  it("says what a condition lacks before it is sent", () => {
    const value = field("lead.value");
    expect(conditionProblem({ field: "lead.value", operator: "greater_than", value: "" }, value)).toBe("Give a value to compare with");
    expect(conditionProblem({ field: "lead.value", operator: "greater_than", value: "lots" }, value)).toBe("Enter a number");
    expect(conditionProblem({ field: "lead.value", operator: "between", value: [1, ""] }, value)).toBe("Give the lowest and the highest value");
    expect(conditionProblem({ field: "lead.value", operator: "between", value: [1, 5] }, value)).toBeNull();
    expect(conditionProblem({ field: "lead.value", operator: "is_empty" }, value)).toBeNull();
    expect(conditionProblem({ field: "lead.tags", operator: "in", value: [] }, field("lead.tags"))).toBe("Give at least one value");
    expect(conditionProblem({ field: "lead.tags", operator: "starts_with", value: "v" }, field("lead.tags"))).toBe("“starts with” does not apply to Lead tags");
  });
});
