import { describe, expect, it } from "vitest";
import { ApiError } from "../../../api/errors";
import { Grants } from "../../../auth/permissions";
import { mayOpenPath, navFor, settingsPagesFor } from "../../../navigation";
import { pipelineFixture, stageFixture } from "../../../test/pipelineFixtures";
import type { Pipeline, Stage } from "../types";
import {
  anyDeleting,
  deletionRefusal,
  deletionTargets,
  dropStage,
  moveItem,
  parseProbability,
  problemText,
  sortedStages,
  stepStage,
  withStage,
  withStageOrder,
} from "./stageSettings";

const stage = stageFixture;

function pipeline(stages: Stage[], pipelineId = "p1"): Pipeline {
  return pipelineFixture(stages, { pipeline_id: pipelineId });
}

describe("stage order", () => {
  const ids = ["new", "contacted", "qualified", "won"];

  it("moves one item to another index", () => {
    expect(moveItem(ids, 0, 2)).toEqual(["contacted", "qualified", "new", "won"]);
    expect(moveItem(ids, 3, 0)).toEqual(["won", "new", "contacted", "qualified"]);
    expect(moveItem(ids, 1, 9)).toEqual(ids);
  });

  it("steps a stage up or down, and not past either end", () => {
    expect(stepStage(ids, "contacted", -1)).toEqual(["contacted", "new", "qualified", "won"]);
    expect(stepStage(ids, "contacted", 1)).toEqual(["new", "qualified", "contacted", "won"]);
    expect(stepStage(ids, "new", -1)).toBeNull();
    expect(stepStage(ids, "won", 1)).toBeNull();
    expect(stepStage(ids, "nope", 1)).toBeNull();
  });

  it("drops a dragged stage in the place of the row it lands on", () => {
    expect(dropStage(ids, "won", "contacted")).toEqual(["new", "won", "contacted", "qualified"]);
    expect(dropStage(ids, "new", "qualified")).toEqual(["contacted", "qualified", "new", "won"]);
    expect(dropStage(ids, "new", "new")).toBeNull();
    expect(dropStage(ids, "gone", "new")).toBeNull();
  });

  it("renumbers the positions as the API will", () => {
    const ordered = withStageOrder(pipeline([stage("a", 0), stage("b", 1), stage("c", 2)]), ["c", "a", "b"]);
    expect(ordered.stages.map((s) => [s.stage_id, s.position])).toEqual([
      ["c", 0],
      ["a", 1],
      ["b", 2],
    ]);
    expect(sortedStages(pipeline([stage("b", 1), stage("a", 0)])).map((s) => s.stage_id)).toEqual(["a", "b"]);
  });

  it("replaces or adds one stage in the right pipeline", () => {
    const list = [pipeline([stage("a", 0)]), pipeline([stage("x", 0)], "p2")];
    const renamed = withStage(list, "p1", stage("a", 0, { name: "Fresh" }));
    expect(renamed[0]!.stages[0]!.name).toBe("Fresh");
    expect(renamed[1]).toBe(list[1]);
    const added = withStage(list, "p2", stage("y", 1));
    expect(added[1]!.stages.map((s) => s.stage_id)).toEqual(["x", "y"]);
  });
});

describe("deleting a stage", () => {
  const p = pipeline([stage("new", 0), stage("old", 1, { status: "deleting" }), stage("won", 2), stage("gone", 3)]);

  it("offers the pipeline's other stages that take leads", () => {
    expect(deletionTargets(p, "gone").map((s) => s.stage_id)).toEqual(["new", "won"]);
  });

  it("reads a 409 stage_not_empty as a question of where the leads go", () => {
    const error = new ApiError(409, "stage_not_empty", "This stage holds 3 leads", {}, { lead_count: 3, lead_value: 1250.5 });
    expect(deletionRefusal(error)).toEqual({ kind: "holds_leads", leadCount: 3, leadValue: 1250.5 });
  });

  it("shows any other refusal as its message", () => {
    expect(deletionRefusal(new ApiError(409, "last_stage", "A pipeline keeps at least one stage"))).toEqual({
      kind: "message",
      message: "A pipeline keeps at least one stage",
    });
    expect(deletionRefusal(new ApiError(422, "validation_error", "Some fields are not valid", { move_to: "no such stage" }))).toEqual({
      kind: "message",
      message: "no such stage",
    });
  });

  it("knows when a stage is still moving its leads away", () => {
    expect(anyDeleting([p])).toBe(true);
    expect(anyDeleting([pipeline([stage("a", 0)])])).toBe(false);
    expect(anyDeleting(undefined)).toBe(false);
  });
});

describe("inputs and errors", () => {
  it("parses a win probability", () => {
    expect(parseProbability("")).toBeNull();
    expect(parseProbability(" 40 ")).toBe(40);
    expect(parseProbability("0")).toBe(0);
    expect(parseProbability("100")).toBe(100);
    expect(parseProbability("101")).toBe("invalid");
    expect(parseProbability("12.5")).toBe("invalid");
    expect(parseProbability("-3")).toBe("invalid");
    expect(parseProbability("ten")).toBe("invalid");
  });

  it("names the fields of an error", () => {
    expect(problemText(new ApiError(422, "validation_error", "Some fields are not valid", { name: "too long" }))).toBe("Name: too long");
    expect(problemText(new ApiError(409, "default_pipeline", "This is the default pipeline"))).toBe("This is the default pipeline");
  });
});

describe("who sees pipeline settings and the board", () => {
  const CRM = ["profile:read", "leads:read", "analytics:read", "pipelines:read", "users:read"];
  const manager = new Grants([...CRM, "leads:read_all", "leads:write", "pipelines:manage"]);
  const sales = new Grants([...CRM, "leads:write"]);

  it("gives the Pipelines settings page to roles that manage pipelines", () => {
    expect(settingsPagesFor(manager).map((page) => page.label)).toContain("Pipelines");
    expect(mayOpenPath(manager, "/settings/pipelines")).toBe(true);
    expect(settingsPagesFor(sales).map((page) => page.label)).not.toContain("Pipelines");
    expect(mayOpenPath(sales, "/settings/pipelines")).toBe(false);
  });

  it("shows the board to every CRM role, right after the Dashboard", () => {
    for (const grants of [manager, sales]) {
      expect(navFor(grants).map((entry) => entry.label).slice(0, 2)).toEqual(["Dashboard", "Pipeline"]);
      expect(mayOpenPath(grants, "/pipeline?q=ann")).toBe(true);
    }
    expect(mayOpenPath(new Grants(["profile:read", "affiliate:portal"]), "/pipeline")).toBe(false);
  });
});
