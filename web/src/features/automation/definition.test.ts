import { describe, expect, it } from "vitest";
import {
  cleaned,
  definitionOf,
  draftReducer,
  durationText,
  findStep,
  insertStep,
  isoFromLocal,
  localDateTime,
  moveStep,
  newStep,
  nextStepId,
  removeStep,
  replaceStep,
  sameDraft,
  splitMinutes,
  STEP_ID,
  STEP_KINDS,
  stepNumbers,
  toMinutes,
  TOP,
  walkSteps,
  withTriggerType,
  type DraftAction,
  type WorkflowDraft,
} from "./definition";
import type { IfStep, Step, StepKind } from "./types";

const email = (id: string): Step => ({ id, kind: "send_email", template_id: "T1", to: "contact" });
const end = (id: string): Step => ({ id, kind: "end" });
const branch = (id: string, then: Step[], otherwise: Step[]): IfStep => ({
  id,
  kind: "if",
  match: "all",
  conditions: [{ field: "lead.value", operator: "greater_than", value: 100 }],
  then,
  else: otherwise,
});

// 1 a, 2 b (if: yes 3 c, 4 d (if: yes 5 e; no -), no 6 f), 7 g
const TREE: Step[] = [email("a"), branch("b", [email("c"), branch("d", [email("e")], [])], [email("f")]), end("g")];

const ids = (steps: readonly Step[]) => walkSteps(steps).map((step) => step.id);

describe("the step tree", () => {
  it("walks depth first: an if, its Yes list, then its No list", () => {
    expect(ids(TREE)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect([...stepNumbers(TREE).entries()]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
      ["d", 4],
      ["e", 5],
      ["f", 6],
      ["g", 7],
    ]);
    expect(findStep(TREE, "e")?.kind).toBe("send_email");
    expect(findStep(TREE, "nope")).toBeUndefined();
  });

  it("adds a step in the top list, a Yes branch and a nested No branch", () => {
    expect(ids(insertStep(TREE, TOP, 1, end("x")))).toEqual(["a", "x", "b", "c", "d", "e", "f", "g"]);
    expect(ids(insertStep(TREE, { parentId: "b", branch: "then" }, 2, end("x")))).toEqual(["a", "b", "c", "d", "e", "x", "f", "g"]);
    expect(ids(insertStep(TREE, { parentId: "d", branch: "else" }, 0, end("x")))).toEqual(["a", "b", "c", "d", "e", "x", "f", "g"]);
    const nested = insertStep(TREE, { parentId: "d", branch: "else" }, 0, end("x"));
    expect((findStep(nested, "d") as IfStep).else?.map((step) => step.id)).toEqual(["x"]);
    // the tree it was given is left as it was
    expect(ids(TREE)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
  });

  it("deletes a step where it is, an if/else with its branches", () => {
    expect(ids(removeStep(TREE, "e"))).toEqual(["a", "b", "c", "d", "f", "g"]);
    expect(ids(removeStep(TREE, "f"))).toEqual(["a", "b", "c", "d", "e", "g"]);
    expect(ids(removeStep(TREE, "b"))).toEqual(["a", "g"]);
  });

  it("moves a step up or down within its own list only", () => {
    expect(ids(moveStep(TREE, "g", -1))).toEqual(["a", "g", "b", "c", "d", "e", "f"]);
    expect(ids(moveStep(TREE, "c", 1))).toEqual(["a", "b", "d", "e", "c", "f", "g"]);
    // at the end of its branch it stays: it does not leave the branch
    expect(moveStep(TREE, "f", 1)).toEqual(TREE);
    expect(moveStep(TREE, "a", -1)).toEqual(TREE);
  });

  it("replaces a step in a branch, keeping its place", () => {
    const changed = replaceStep(TREE, { id: "e", kind: "wait", mode: "duration", minutes: 60 });
    expect(findStep(changed, "e")).toEqual({ id: "e", kind: "wait", mode: "duration", minutes: 60 });
    expect(ids(changed)).toEqual(ids(TREE));
  });
});

describe("step ids and defaults", () => {
  it("numbers ids after the highest of the kind, the published version's ids included", () => {
    expect(nextStepId("send_email", [])).toBe("email-1");
    expect(nextStepId("send_email", ["email-1", "email-3", "task-9"])).toBe("email-4");
    expect(nextStepId("if", ["if-2"])).toBe("if-3");
    expect(nextStepId("remove_tag", ["tag-1"])).toBe("untag-1");
  });

  it("makes ids the API takes and a default step of every kind", () => {
    const kinds = STEP_KINDS.map((info) => info.kind);
    expect(new Set(kinds).size).toBe(17);
    for (const kind of kinds) {
      const id = nextStepId(kind, ["x-1"]);
      expect(id).toMatch(STEP_ID);
      const step = newStep(kind as StepKind, id);
      expect(step.kind).toBe(kind);
      expect(step.id).toBe(id);
    }
    expect(newStep("if", "if-1")).toMatchObject({ then: [], else: [], match: "all" });
  });
});

describe("the trigger", () => {
  it("keeps the options the new type takes and drops the others", () => {
    const trigger = { type: "lead_created" as const, form_id: "F1", source: "google_ads" };
    expect(withTriggerType(trigger, "form_submitted")).toEqual({ type: "form_submitted", form_id: "F1" });
    expect(withTriggerType(trigger, "tag_added")).toEqual({ type: "tag_added" });
    expect(withTriggerType({ type: "stage_changed", pipeline_id: "P", to_stage_id: "S" }, "lead_won")).toEqual({ type: "lead_won", pipeline_id: "P" });
  });
});

describe("durations and moments", () => {
  it("splits minutes into the largest whole unit", () => {
    expect(splitMinutes(2880)).toEqual({ amount: 2, unit: "days" });
    expect(splitMinutes(120)).toEqual({ amount: 2, unit: "hours" });
    expect(splitMinutes(90)).toEqual({ amount: 90, unit: "minutes" });
    expect(splitMinutes(0)).toEqual({ amount: 0, unit: "minutes" });
    expect(toMinutes(1.5, "hours")).toBe(90);
    expect(durationText(1440)).toBe("1 day");
    expect(durationText(60)).toBe("1 hour");
    expect(durationText(45)).toBe("45 minutes");
  });

  it("turns a datetime-local value into an instant with its offset and back", () => {
    const iso = isoFromLocal("2026-12-01T09:30");
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(localDateTime(iso)).toBe("2026-12-01T09:30");
    expect(isoFromLocal("")).toBeUndefined();
    expect(localDateTime(null)).toBe("");
  });
});

describe("the draft", () => {
  const loaded: WorkflowDraft = {
    name: "Welcome",
    definition: definitionOf({ trigger: { type: "form_submitted", form_id: "F1" }, steps: [email("email-1")] }),
  };

  it("fills in the API's defaults", () => {
    expect(definitionOf({})).toEqual({
      trigger: { type: "lead_created" },
      match: "all",
      filters: [],
      steps: [],
      allow_reentry: false,
      business_hours: { days: [1, 2, 3, 4, 5], start: "09:00", end: "17:00" },
    });
  });

  it("drops empty text and nulls at any depth but keeps lists", () => {
    expect(cleaned({ a: "", b: null, c: undefined, d: [], e: { f: "", g: "x" }, h: ["", "y"] })).toEqual({ d: [], e: { g: "x" }, h: ["", "y"] });
  });

  it("is unchanged when an edit is undone, whatever the order of keys", () => {
    const run = (...actions: DraftAction[]) => actions.reduce(draftReducer, loaded);
    const edited = run({ type: "trigger", trigger: { type: "form_submitted", form_id: "F2" } });
    expect(sameDraft(loaded, edited)).toBe(false);
    const undone = run({ type: "trigger", trigger: { type: "form_submitted", form_id: "F2" } }, { type: "trigger", trigger: { form_id: "F1", type: "form_submitted", source: "" } });
    expect(sameDraft(loaded, undone)).toBe(true);
    expect(sameDraft(loaded, run({ type: "name", name: " Welcome " }))).toBe(true);
  });

  it("adds, moves and deletes steps through the reducer", () => {
    const run = (...actions: DraftAction[]) => actions.reduce(draftReducer, loaded);
    const added = run(
      { type: "addStep", place: TOP, index: 1, step: newStep("if", "if-1") },
      { type: "addStep", place: { parentId: "if-1", branch: "else" }, index: 0, step: newStep("end", "end-1") },
      { type: "moveStep", id: "if-1", delta: -1 },
    );
    expect(ids(added.definition.steps ?? [])).toEqual(["if-1", "end-1", "email-1"]);
    expect(ids(draftReducer(added, { type: "removeStep", id: "if-1" }).definition.steps ?? [])).toEqual(["email-1"]);
  });
});
