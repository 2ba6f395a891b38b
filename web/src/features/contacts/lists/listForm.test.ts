import { describe, expect, it } from "vitest";
import type { FieldDefinition } from "../../fields/types";
import { describeFilters } from "./describe";
import {
  conditionBody,
  createListBody,
  emptyListForm,
  listFilters,
  listFormErrors,
  listFormFromContactFilters,
  listFormFromList,
  listFormInputs,
  operatorsFor,
  updateListBody,
  valueKind,
  withConditionField,
  type ListForm,
} from "./listForm";
import type { SmartList } from "./types";

function field(key: string, type: FieldDefinition["type"], options: string[] = []): FieldDefinition {
  return { field_id: `F-${key}`, key, label: key.replace(/_/g, " "), type, options, placeholder: null, required: false };
}

const FIELDS = [field("budget", "number"), field("fee", "money"), field("renewal", "date"), field("vip", "checkbox"), field("industry", "dropdown", ["Retail", "Health"])];

const LIST: SmartList = {
  list_id: "L1",
  name: "VIP clients",
  filters: {
    roles: ["Client"],
    owner_ids: ["U1"],
    tags: ["vip"],
    sources: [],
    created_from: "2024-01-01",
    created_to: null,
    has_open_lead: false,
    lead_stage_ids: ["S2"],
    custom: [
      { key: "budget", op: "gt", value: 500 },
      { key: "vip", op: "eq", value: true },
    ],
    include_inactive: true,
    include_test: false,
  },
  sort: "name",
  visibility: "team",
  owner_id: "U1",
  status: "ready",
  members: 3,
  columns: ["name", "email"],
  created_at: "2024-05-01T10:00:00Z",
  updated_at: "2024-05-01T10:00:00Z",
  version: 2,
};

describe("the builder's request", () => {
  it("sends empty days and an open lead either way as null", () => {
    const filters = listFilters({ ...emptyListForm(), tags: ["vip"] }, FIELDS);
    expect(filters).toMatchObject({ tags: ["vip"], has_open_lead: null, created_from: null, last_activity_to: null, custom: [] });
    expect(listFilters({ ...emptyListForm(), has_open_lead: "no" }, FIELDS).has_open_lead).toBe(false);
  });

  it("reads a saved list back into the same request", () => {
    const form = listFormFromList(LIST);
    expect(form.has_open_lead).toBe("no");
    expect(form.team).toBe(true);
    const body = updateListBody(form, FIELDS, LIST.version, true);
    expect(body).toMatchObject({ name: "VIP clients", sort: "name", visibility: "team", version: 2 });
    expect(body.filters).toEqual({
      ...LIST.filters,
      custom: [
        { key: "budget", op: "gt", value: "500" },
        { key: "vip", op: "eq", value: true },
      ],
      updated_from: null,
      updated_to: null,
      last_activity_from: null,
      last_activity_to: null,
    });
  });

  it("shares with the team only for a user who may", () => {
    const form: ListForm = { ...emptyListForm(), name: " Mine ", team: true };
    expect(createListBody(form, [], true)).toMatchObject({ name: "Mine", visibility: "team" });
    expect(createListBody(form, [], false).visibility).toBe("private");
    expect(updateListBody(form, [], 1, false)).not.toHaveProperty("visibility");
  });

  it("starts a new list from the contact list's role, owner and order", () => {
    expect(listFormFromContactFilters({ role: "Lead", sort: "updated", q: "ada" })).toMatchObject({ roles: ["Lead"], owner_ids: [], sort: "updated" });
  });
});

describe("custom field conditions", () => {
  it("offers the operators that fit the field's type", () => {
    expect(operatorsFor("date").map((op) => op.label)).toEqual(["is", "is not", "is after", "is before", "is filled in", "is empty"]);
    expect(operatorsFor("checkbox").map((op) => op.value)).toEqual(["eq", "neq"]);
    expect(operatorsFor("multi_select").map((op) => op.value)).toEqual(["contains", "is_set", "is_not_set"]);
  });

  it("asks for a value input of the field's kind, none when the operator says it all", () => {
    expect(valueKind("dropdown", "eq")).toBe("option");
    expect(valueKind("money", "gt")).toBe("number");
    expect(valueKind("date", "lt")).toBe("date");
    expect(valueKind("text", "is_set")).toBe("none");
    expect(valueKind("checkbox", "eq")).toBe("none");
  });

  it("sends numbers as the text the API compares, money with its two decimals, a checkbox as true", () => {
    expect(conditionBody({ id: 1, key: "budget", op: "eq", value: " 5.0 " }, "number")).toEqual({ key: "budget", op: "eq", value: "5" });
    expect(conditionBody({ id: 1, key: "fee", op: "eq", value: "1234.5" }, "money")).toEqual({ key: "fee", op: "eq", value: "1234.50" });
    expect(conditionBody({ id: 1, key: "vip", op: "neq", value: "" }, "checkbox")).toEqual({ key: "vip", op: "neq", value: true });
    expect(conditionBody({ id: 1, key: "industry", op: "is_set", value: "Retail" }, "dropdown")).toEqual({ key: "industry", op: "is_set" });
  });

  it("keeps the operator when another field fits it, else takes the new field's first", () => {
    const condition = { id: 1, key: "budget", op: "gt" as const, value: "5" };
    expect(withConditionField(condition, field("fee", "money"))).toEqual({ id: 1, key: "fee", op: "gt", value: "" });
    expect(withConditionField(condition, field("industry", "dropdown", ["Retail"]))).toMatchObject({ key: "industry", op: "eq" });
  });
});

describe("listFormErrors", () => {
  it("asks for a name, day ranges in order and a value for each condition", () => {
    const form: ListForm = {
      ...emptyListForm(),
      name: "  ",
      dates: { ...emptyListForm().dates, created_from: "2024-03-02", created_to: "2024-03-01" },
      custom: [
        { id: 1, key: "budget", op: "gt", value: "lots" },
        { id: 2, key: "industry", op: "eq", value: "" },
        { id: 3, key: "vip", op: "eq", value: "" },
      ],
    };
    expect(listFormErrors(form, FIELDS)).toEqual({
      name: "Give the list a name",
      "filters.created_to": "The last day is before the first",
      "filters.custom.0": "Enter a number, like 9500",
      "filters.custom.1": "Enter the value to compare with",
    });
    expect(listFormInputs(form)).toContain("filters.custom.2");
  });
});

describe("describeFilters", () => {
  it("says each condition in words", () => {
    const lines = describeFilters(LIST.filters, {
      owner: (id) => (id === "U1" ? "Ada" : id),
      stage: (id) => (id === "S2" ? "Proposal" : id),
      source: (source) => source,
      fields: FIELDS,
    });
    expect(lines).toEqual([
      "Role: Client",
      "Owner: Ada",
      "Tagged vip",
      "Created on or after 2024-01-01",
      "Has no open lead",
      "Has a lead in Proposal",
      "budget is more than 500",
      "vip is checked",
      "Inactive contacts included",
    ]);
  });

  it("joins several choices with or", () => {
    const names = { owner: String, stage: String, source: String, fields: [] };
    expect(describeFilters({ tags: ["a", "b", "c"] }, names)).toEqual(["Tagged a, b or c"]);
  });
});
