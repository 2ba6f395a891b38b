import { describe, expect, it } from "vitest";
import {
  applyTemplate,
  appliedText,
  hasMappingProblems,
  initialMapping,
  mappedColumns,
  mappingProblems,
  normaliseHeader,
  sampleValues,
  targetGroups,
  targetLabel,
  withColumn,
} from "./mapping";
import type { Target } from "./types";

const TARGETS: Target[] = [
  { key: "name", label: "Full name", group: "Person" },
  { key: "first_name", label: "First name", group: "Person" },
  { key: "email", label: "Email", group: "Person" },
  { key: "phone", label: "Phone", group: "Person" },
  { key: "company", label: "Company", group: "Person" },
  { key: "value", label: "Lead value", group: "Lead" },
  { key: "utm_source", label: "UTM source", group: "Attribution" },
  { key: "contact.cf.industry", label: "Industry (contact field)", group: "Custom fields" },
];
const HEADER = ["Full Name", "E-mail", "Phone  Number", "Notes"];

describe("header labels", () => {
  it("are normalised as the server keys templates: lower case, whitespace collapsed", () => {
    expect(normaliseHeader("  Phone \t Number ")).toBe("phone number");
    expect(normaliseHeader("E-Mail")).toBe("e-mail");
    expect(normaliseHeader("")).toBe("");
  });
});

describe("the mapping the page starts from", () => {
  it("takes the server's proposal where it names a field that exists, one entry per column", () => {
    expect(initialMapping(HEADER, ["name", "email", "gone.field"], TARGETS)).toEqual(["name", "email", "", ""]);
    expect(initialMapping(["a"], [], TARGETS)).toEqual([""]);
  });

  it("changes one column at a time", () => {
    expect(withColumn(["name", "", ""], 2, "phone")).toEqual(["name", "", "phone"]);
  });
});

describe("a saved template applied to a file", () => {
  const template = { columns: { "full name": "name", "e-mail": "email", "phone number": "", "old column": "company", notes: "contact.cf.deleted" } };

  it("maps each column it names by its normalised label, skips what it skipped, keeps the rest", () => {
    const applied = applyTemplate(HEADER, ["first_name", "", "phone", "utm_source"], template, TARGETS);
    // "Notes" names a custom field that no longer exists: the current choice stays.
    expect(applied.mapping).toEqual(["name", "email", "", "utm_source"]);
    expect(applied.matched).toBe(3);
  });

  it("says how much of the file it covered", () => {
    expect(appliedText("HubSpot", { mapping: [], matched: 3 }, 4)).toBe("Applied “HubSpot”: it names 3 of the 4 columns; check the others.");
    expect(appliedText("HubSpot", { mapping: [], matched: 4 }, 4)).toBe("Applied “HubSpot” to every column.");
    expect(appliedText("HubSpot", { mapping: [], matched: 0 }, 4)).toMatch(/names none of this file's columns/);
  });
});

describe("what the server would refuse in a mapping", () => {
  it("flags the later of two columns on one field, naming the first", () => {
    const problems = mappingProblems(["email", "email", "", "email"], HEADER, TARGETS);
    expect(Object.keys(problems.columns)).toEqual(["1", "3"]);
    expect(problems.columns[1]).toBe("Column 1 (“Full Name”) already goes to Email: choose another field or Don't import");
    expect(problems.missingIdentity).toBe(false);
    expect(hasMappingProblems(problems)).toBe(true);
  });

  it("warns when no column is a name, an email or a phone", () => {
    const problems = mappingProblems(["company", "", "utm_source", ""], HEADER, TARGETS);
    expect(problems.missingIdentity).toBe(true);
    expect(problems.columns).toEqual({});
    expect(hasMappingProblems(problems)).toBe(true);
    expect(mappingProblems(["", "", "", ""], HEADER, TARGETS).missingIdentity).toBe(true);
  });

  it("flags a field that no longer exists", () => {
    expect(mappingProblems(["name", "lead.cf.gone"], HEADER, TARGETS).columns).toEqual({ 1: "This field no longer exists: choose another one" });
  });

  it("passes a mapping the server takes", () => {
    const problems = mappingProblems(["first_name", "email", "phone", ""], HEADER, TARGETS);
    expect(hasMappingProblems(problems)).toBe(false);
  });
});

describe("the select's targets", () => {
  it("are grouped in the API's order", () => {
    const groups = targetGroups(TARGETS);
    expect(groups.map((group) => group.group)).toEqual(["Person", "Lead", "Attribution", "Custom fields"]);
    expect(groups[0]!.targets.map((target) => target.key)).toEqual(["name", "first_name", "email", "phone", "company"]);
  });
});

describe("sample values", () => {
  it("are the column's first non-empty values, three at most", () => {
    const sample = [
      ["Ada", ""],
      ["Grace", " "],
      ["Alan", "x@y.z"],
      ["Edsger", "e@d.nl"],
      ["Barbara", "b@l.com"],
    ];
    expect(sampleValues(sample, 0)).toEqual(["Ada", "Grace", "Alan"]);
    expect(sampleValues(sample, 1)).toEqual(["x@y.z", "e@d.nl", "b@l.com"]);
    expect(sampleValues(sample, 1, 2)).toEqual(["x@y.z", "e@d.nl"]);
    expect(sampleValues(sample, 7)).toEqual([]);
  });
});

describe("the mapping used, in the report", () => {
  it("names each column's field by its label", () => {
    expect(mappedColumns(["Name", "", "Source"], ["name", "", "mystery"], TARGETS)).toEqual([
      { index: 0, header: "Name", target: "Full name", skipped: false },
      { index: 1, header: "Column 2", target: "Not imported", skipped: true },
      { index: 2, header: "Source", target: "mystery", skipped: false },
    ]);
    expect(targetLabel("contact.cf.industry", TARGETS)).toBe("Industry (contact field)");
  });
});
