import { describe, expect, it } from "vitest";
import {
  actionLabel,
  barLabel,
  BULK_ACTIONS,
  confirmQuestion,
  countOf,
  listWords,
  outcomeHeadline,
  paramsWords,
  reasonText,
  recordsWords,
  statusLabel,
  typeLabel,
} from "./labels";

const names: Record<string, string> = { "u-1": "Ana", "u-2": "Bo", "u-3": "Cy" };
const userName = (id: string) => names[id] ?? "Someone";

describe("bulk actions in words", () => {
  it("names every action, and its type in the log with its records", () => {
    for (const action of BULK_ACTIONS) expect(actionLabel(action)).not.toBe(action);
    expect(actionLabel("move_stage")).toBe("Move to stage");
    expect(barLabel("export")).toBe("Export selected");
    expect(barLabel("delete")).toBe("Delete");
    expect(typeLabel("leads", "move_stage")).toBe("Move leads to a stage");
    expect(typeLabel("contacts", "change_role")).toBe("Change the role of contacts");
    expect(typeLabel("contacts", "remove_tags")).toBe("Remove tags from contacts");
    expect(actionLabel("enrol_workflow")).toBe("Add to workflow");
    expect(typeLabel("leads", "enrol_workflow")).toBe("Add leads to a workflow");
    expect(statusLabel("queued")).toBe("Waiting");
    expect(statusLabel("done")).toBe("Done");
  });

  it("counts records in the singular and the plural", () => {
    expect(countOf("leads", 1)).toBe("1 lead");
    expect(countOf("contacts", 1200)).toBe("1,200 contacts");
    expect(recordsWords("leads", 12)).toBe("12 leads");
    expect(recordsWords("contacts", null)).toBe("every contact matching these filters");
    expect(listWords([])).toBe("");
    expect(listWords(["Ana"])).toBe("Ana");
    expect(listWords(["Ana", "Bo", "Cy"])).toBe("Ana, Bo and Cy");
  });
});

describe("the confirmation's question", () => {
  it("names the records and what happens to them", () => {
    expect(confirmQuestion("leads", "move_stage", 12, { stageName: "Proposal" })).toBe("Move 12 leads to Proposal?");
    expect(confirmQuestion("leads", "move_stage", null, { stageName: "Proposal" })).toBe("Move every lead matching these filters to Proposal?");
    expect(confirmQuestion("leads", "delete", 1)).toBe("Delete 1 lead?");
    expect(confirmQuestion("contacts", "restore", null)).toBe("Restore every contact matching these filters?");
    expect(confirmQuestion("contacts", "export", 3)).toBe("Export 3 contacts to a CSV file?");
  });

  it("names one owner, or several in turn", () => {
    expect(confirmQuestion("leads", "assign_owner", 4, { ownerNames: ["Ana"] })).toBe("Assign 4 leads to Ana?");
    expect(confirmQuestion("leads", "assign_owner", 4, { ownerNames: ["Ana", "Bo"] })).toBe("Assign 4 leads to Ana and Bo in turn?");
  });

  it("names tags, a role and a field", () => {
    expect(confirmQuestion("contacts", "add_tags", 2, { tags: ["vip", "2026"] })).toBe("Add “vip” and “2026” to 2 contacts?");
    expect(confirmQuestion("contacts", "remove_tags", 2, { tags: ["vip"] })).toBe("Remove “vip” from 2 contacts?");
    expect(confirmQuestion("contacts", "change_role", 5, { role: "Client" })).toBe("Change the role of 5 contacts to Client?");
    expect(confirmQuestion("leads", "set_field", 5, { fieldLabel: "Budget" })).toBe("Set Budget on 5 leads?");
    expect(confirmQuestion("leads", "set_field", 5, { fieldLabel: "Budget", clearing: true })).toBe("Empty Budget on 5 leads?");
  });

  it("names the workflow, once one is chosen", () => {
    expect(confirmQuestion("contacts", "enrol_workflow", 5, { workflowName: "Welcome series" })).toBe("Add 5 contacts to “Welcome series”?");
    expect(confirmQuestion("leads", "enrol_workflow", null, { workflowName: "Welcome series" })).toBe(
      "Add every lead matching these filters to “Welcome series”?",
    );
    expect(confirmQuestion("contacts", "enrol_workflow", 1)).toBe("Add 1 contact to a workflow?");
  });
});

describe("the outcome", () => {
  it("says how many of how many changed, or that it failed", () => {
    expect(outcomeHeadline({ object: "leads", action: "move_stage", status: "done", total: 12, succeeded: 10 })).toBe("10 of 12 leads moved");
    expect(outcomeHeadline({ object: "contacts", action: "export", status: "done", total: 1, succeeded: 1 })).toBe("1 of 1 contact exported");
    expect(outcomeHeadline({ object: "contacts", action: "enrol_workflow", status: "done", total: 3, succeeded: 3 })).toBe("3 of 3 contacts added");
    expect(outcomeHeadline({ object: "leads", action: "delete", status: "failed", total: 5, succeeded: 2 })).toMatch(/stopped before the end/);
    expect(reasonText("not yours to change")).toBe("Not yours to change");
    expect(reasonText("")).toBe("No reason given");
  });
});

describe("a logged action's parameters", () => {
  it("reads each one for what it is", () => {
    expect(paramsWords("assign_owner", { owner_ids: ["u-1"] }, userName)).toBe("To Ana");
    expect(paramsWords("assign_owner", { owner_ids: ["u-1", "u-2", "u-3"] }, userName)).toBe("To Ana, Bo and Cy in turn");
    expect(paramsWords("add_tags", { tags: ["vip", "2026"] }, userName)).toBe("Tags: vip, 2026");
    expect(paramsWords("move_stage", { stage_id: "s-9", stage_name: "Lost", lost_reason: "Price" }, userName)).toBe("To Lost (lost: Price)");
    expect(paramsWords("move_stage", { stage_id: "s-8", stage_name: "Won", value: "500.00" }, userName)).toBe("To Won (value 500.00 where none)");
    expect(paramsWords("change_role", { role: "Prospect" }, userName)).toBe("To Prospect");
    expect(paramsWords("set_field", { field_key: "budget", field_label: "Budget", field_value: 5000 }, userName)).toBe("Budget: 5000");
    expect(paramsWords("set_field", { field_key: "colors", field_value: ["red", "blue"] }, userName)).toBe("colors: red and blue");
    expect(paramsWords("set_field", { field_key: "budget", field_label: "Budget", field_value: null }, userName)).toBe("Budget emptied");
    expect(paramsWords("enrol_workflow", { workflow_id: "w-1", workflow_name: "Welcome series" }, userName)).toBe("Into “Welcome series”");
    expect(paramsWords("enrol_workflow", { workflow_id: "w-1" }, userName)).toBe("Into “w-1”");
  });

  it("says nothing of what is missing or of the wrong shape", () => {
    expect(paramsWords("delete", {}, userName)).toBeNull();
    expect(paramsWords("assign_owner", { owner_ids: "u-1" }, userName)).toBeNull();
    expect(paramsWords("move_stage", {}, userName)).toBeNull();
    expect(paramsWords("add_tags", { tags: [1, 2] }, userName)).toBeNull();
    expect(paramsWords("enrol_workflow", { workflow_name: "" }, userName)).toBeNull();
  });
});
