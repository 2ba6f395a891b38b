import { describe, expect, it } from "vitest";
import {
  countryCode,
  DEFAULT_DRAFT,
  draftFromOptions,
  importOptions,
  optionProblems,
  parseTags,
  startBody,
  withDefaultPlace,
  type OptionsDraft,
} from "./options";

const draft = (patch: Partial<OptionsDraft> = {}): OptionsDraft => ({ ...DEFAULT_DRAFT, ...patch });

const PIPELINES = [
  {
    pipeline_id: "p-sales",
    is_default: false,
    stages: [
      { stage_id: "s-qualified", position: 2 },
      { stage_id: "s-new", position: 1 },
    ],
  },
  { pipeline_id: "p-main", is_default: true, stages: [{ stage_id: "m-new", position: 1 }] },
];

describe("tags and the country as typed", () => {
  it("splits tags on commas, trims them and keeps each once", () => {
    expect(parseTags(" expo, VIP ,, vip,expo 2026 ")).toEqual(["expo", "VIP", "expo 2026"]);
    expect(parseTags("")).toEqual([]);
  });

  it("reads the country as two upper-case letters", () => {
    expect(countryCode(" gb ")).toBe("GB");
    expect(countryCode("")).toBe("");
  });
});

describe("what the form checks before sending", () => {
  it("passes the defaults", () => {
    expect(optionProblems(draft(), "")).toEqual({});
  });

  it("needs the owner (or owners) the mode names", () => {
    expect(optionProblems(draft({ ownerMode: "user" }), "")).toEqual({ "options.owner_ids": "Choose who owns the imported rows" });
    expect(optionProblems(draft({ ownerMode: "round_robin" }), "")["options.owner_ids"]).toMatch(/take the rows in turn/);
    expect(optionProblems(draft({ ownerMode: "round_robin", ownerIds: ["u1", "u2"] }), "")).toEqual({});
  });

  it("needs a pipeline for leads, a valid country, at most 20 tags of 50 characters, a name of 80", () => {
    expect(optionProblems(draft({ creates: "leads" }), "")).toEqual({ "options.pipeline_id": "Choose the pipeline the leads go to" });
    expect(optionProblems(draft({ defaultCountry: "USA" }), "")["options.default_country"]).toMatch(/Two letters/);
    const many = Array.from({ length: 21 }, (_, index) => `t${index}`).join(",");
    expect(optionProblems(draft({ tags: many }), "")["options.tags"]).toBe("Add at most 20 tags");
    expect(optionProblems(draft({ tags: "x".repeat(51) }), "")["options.tags"]).toMatch(/at most 50 characters/);
    expect(optionProblems(draft(), "n".repeat(81)).save_template).toBe("At most 80 characters");
  });
});

describe("the start request", () => {
  it("sends contacts-only options without a pipeline, and the owners the mode uses", () => {
    const options = importOptions(draft({ pipelineId: "p-main", stageId: "m-new", ownerMode: "user", ownerId: "u1", ownerIds: ["u9"], tags: "a, b", defaultCountry: "us" }));
    expect(options).toEqual({
      creates: "contacts",
      pipeline_id: null,
      stage_id: null,
      duplicate_rule: "skip",
      owner_mode: "user",
      owner_ids: ["u1"],
      tags: ["a", "b"],
      default_country: "US",
    });
  });

  it("sends leads with their pipeline and stage, round robin in order", () => {
    const options = importOptions(draft({ creates: "leads", pipelineId: "p-sales", stageId: "s-new", ownerMode: "round_robin", ownerIds: ["u2", "u1"], duplicateRule: "fill" }));
    expect(options).toMatchObject({ creates: "leads", pipeline_id: "p-sales", stage_id: "s-new", owner_mode: "round_robin", owner_ids: ["u2", "u1"], duplicate_rule: "fill", default_country: null });
  });

  it("saves the mapping under a name only when one is given", () => {
    expect(startBody(["name", ""], draft(), "  ")).toEqual({ mapping: ["name", ""], options: importOptions(draft()) });
    expect(startBody(["name"], draft(), " HubSpot ").save_template).toBe("HubSpot");
  });
});

describe("the pipeline and stage shown before one is chosen", () => {
  it("is the default pipeline's first stage", () => {
    expect(withDefaultPlace(draft(), PIPELINES)).toMatchObject({ pipelineId: "p-main", stageId: "m-new" });
  });

  it("is the chosen pipeline's first stage by position, or the chosen stage", () => {
    expect(withDefaultPlace(draft({ pipelineId: "p-sales" }), PIPELINES)).toMatchObject({ pipelineId: "p-sales", stageId: "s-new" });
    expect(withDefaultPlace(draft({ pipelineId: "p-sales", stageId: "s-qualified" }), PIPELINES).stageId).toBe("s-qualified");
    expect(withDefaultPlace(draft({ pipelineId: "p-sales", stageId: "m-new" }), PIPELINES).stageId).toBe("s-new");
  });

  it("leaves the draft alone while there is no pipeline", () => {
    expect(withDefaultPlace(draft(), [])).toEqual(draft());
  });
});

describe("a template's options read back", () => {
  const exists = {
    pipeline: (id: string) => id === "p-sales",
    stage: (pipelineId: string, stageId: string) => pipelineId === "p-sales" && stageId === "s-new",
    user: (id: string) => id !== "u-gone",
  };

  it("keeps what still exists", () => {
    const read = draftFromOptions(
      { creates: "leads", pipeline_id: "p-sales", stage_id: "s-new", duplicate_rule: "overwrite", owner_mode: "round_robin", owner_ids: ["u1", "u-gone", "u2"], tags: ["expo", "vip"], default_country: "GB" },
      exists,
    );
    expect(read).toEqual({
      creates: "leads",
      pipelineId: "p-sales",
      stageId: "s-new",
      duplicateRule: "overwrite",
      ownerMode: "round_robin",
      ownerId: "",
      ownerIds: ["u1", "u2"],
      tags: "expo, vip",
      defaultCountry: "GB",
    });
  });

  it("falls back to nobody, and to the current pipeline, when those are gone", () => {
    const current = draft({ pipelineId: "p-main", stageId: "m-new" });
    const read = draftFromOptions({ creates: "leads", pipeline_id: "p-old", stage_id: "s-old", owner_mode: "user", owner_ids: ["u-gone"] }, exists, current);
    expect(read).toMatchObject({ pipelineId: "p-main", stageId: "", ownerMode: "none", ownerId: "", ownerIds: [] });
    expect(draftFromOptions(null, exists, current)).toBe(current);
  });
});
