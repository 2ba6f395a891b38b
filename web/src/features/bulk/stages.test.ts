import { describe, expect, it } from "vitest";
import { pipelineFixture, stageFixture } from "../../test/pipelineFixtures";
import { listPipeline, movableStages } from "./stages";

describe("the stages a bulk move offers", () => {
  const sales = pipelineFixture([stageFixture("s-b", 2), stageFixture("s-a", 1)], { pipeline_id: "p-sales" });
  const renewals = pipelineFixture([stageFixture("s-r", 1), stageFixture("s-old", 2, { status: "deleting" })], {
    pipeline_id: "p-renew",
    is_default: false,
  });

  it("are those of the pipeline of the stage the list filters by, else the default one", () => {
    expect(listPipeline([renewals, sales], "s-r")?.pipeline_id).toBe("p-renew");
    expect(listPipeline([renewals, sales], null)?.pipeline_id).toBe("p-sales");
    expect(listPipeline([renewals], "unknown")?.pipeline_id).toBe("p-renew");
    expect(listPipeline([], null)).toBeNull();
    expect(listPipeline(undefined)).toBeNull();
  });

  it("are in the pipeline's order, without a stage being deleted", () => {
    expect(movableStages(sales).map((item) => item.stage_id)).toEqual(["s-a", "s-b"]);
    expect(movableStages(renewals).map((item) => item.stage_id)).toEqual(["s-r"]);
    expect(movableStages(null)).toEqual([]);
  });
});
