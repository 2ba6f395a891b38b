import { describe, expect, it } from "vitest";
import { pipelineFixture, stageFixture } from "../../../test/pipelineFixtures";
import type { Pipeline, Stage } from "../../pipelines/types";
import type { MetaSettings } from "../types";
import {
  addPage,
  eventNameProblem,
  leadAdsFormFromSaved,
  leadAdsInputNames,
  leadAdsProblems,
  leadAdsSaved,
  leadAdsUpdate,
  pageIdProblem,
  removePage,
  setStageEvent,
  stageGroups,
  stageIdsOf,
  webhookUrl,
} from "./leadAds";

const META: MetaSettings = {
  configured: true,
  missing: [],
  dataset_id: "555000111222333",
  access_token: "••••4321",
  test_event_code: null,
  page_ids: ["100200300"],
  stage_events: { "stage-qualified": "QualifiedLead" },
};

function stage(stageId: string, name: string, position: number): Stage {
  return stageFixture(stageId, position, { name, probability: 0 });
}

function pipeline(pipelineId: string, name: string, position: number, isDefault: boolean, stages: Stage[]): Pipeline {
  return pipelineFixture(stages, { pipeline_id: pipelineId, name, position, is_default: isDefault });
}

const PIPELINES: Pipeline[] = [
  pipeline("p-renewals", "Renewals", 0, false, [stage("stage-renewal", "Renewal due", 0)]),
  pipeline("p-sales", "Sales", 1, true, [
    stage("stage-qualified", "Qualified", 2),
    stage("stage-new", "New", 0),
    stage("stage-contacted", "Contacted", 1),
  ]),
];
const STAGE_IDS = stageIdsOf(stageGroups(PIPELINES));

describe("Facebook page IDs", () => {
  it("takes digits only, once each, up to 20", () => {
    expect(pageIdProblem(" 104738592016734 ", [])).toBeNull();
    expect(pageIdProblem("", [])).toBe("Enter the page ID");
    expect(pageIdProblem("12ab", [])).toMatch(/^Use digits only/);
    expect(pageIdProblem("123-456", [])).toMatch(/^Use digits only/);
    expect(pageIdProblem("1".repeat(41), [])).toBe("A page ID has at most 40 digits");
    expect(pageIdProblem("100200300", ["100200300"])).toBe("Page 100200300 is already listed");
    const twenty = Array.from({ length: 20 }, (_, n) => String(1000 + n));
    expect(pageIdProblem("999", twenty)).toBe("At most 20 pages");
  });

  it("adds the typed page trimmed and empties the input, or says why not and changes nothing", () => {
    const form = { ...leadAdsFormFromSaved(META), pageInput: " 400500600 " };
    const added = addPage(form);
    expect(added.problem).toBeNull();
    expect(added.form.pageIds).toEqual(["100200300", "400500600"]);
    expect(added.form.pageInput).toBe("");
    const refused = addPage({ ...form, pageInput: "page-1" });
    expect(refused.problem).toMatch(/^Use digits only/);
    expect(refused.form.pageIds).toEqual(["100200300"]);
  });

  it("removes a page", () => {
    expect(removePage(leadAdsFormFromSaved(META), "100200300").pageIds).toEqual([]);
  });
});

describe("stages grouped by pipeline", () => {
  it("puts the default pipeline first and each pipeline's stages in board order, by name", () => {
    expect(stageGroups(PIPELINES)).toEqual([
      {
        pipelineId: "p-sales",
        pipelineName: "Sales",
        stages: [
          { stageId: "stage-new", name: "New" },
          { stageId: "stage-contacted", name: "Contacted" },
          { stageId: "stage-qualified", name: "Qualified" },
        ],
      },
      { pipelineId: "p-renewals", pipelineName: "Renewals", stages: [{ stageId: "stage-renewal", name: "Renewal due" }] },
    ]);
  });

  it("names each stage's input as the API names it in its errors", () => {
    expect(leadAdsInputNames(stageGroups(PIPELINES))).toEqual([
      "meta.page_ids",
      "meta.stage_events.stage-new",
      "meta.stage_events.stage-contacted",
      "meta.stage_events.stage-qualified",
      "meta.stage_events.stage-renewal",
      "meta.stage_events",
    ]);
  });
});

describe("event names", () => {
  it("takes a blank (nothing sent) or up to 50 characters, as the API does", () => {
    expect(eventNameProblem("")).toBeNull();
    expect(eventNameProblem("   ")).toBeNull();
    expect(eventNameProblem(` ${"x".repeat(50)} `)).toBeNull();
    expect(eventNameProblem("x".repeat(51))).toBe("Use at most 50 characters");
  });
});

describe("the Lead Ads update", () => {
  it("is empty when nothing changed", () => {
    expect(leadAdsUpdate(META, leadAdsFormFromSaved(META), STAGE_IDS)).toEqual({});
  });

  it("sends the whole page list when a page is added or removed", () => {
    const form = addPage({ ...leadAdsFormFromSaved(META), pageInput: "400500600" }).form;
    expect(leadAdsUpdate(META, form, STAGE_IDS)).toEqual({ page_ids: ["100200300", "400500600"] });
    expect(leadAdsUpdate(META, removePage(form, "100200300"), STAGE_IDS)).toEqual({ page_ids: ["400500600"] });
    expect(leadAdsUpdate(META, removePage(leadAdsFormFromSaved(META), "100200300"), STAGE_IDS)).toEqual({
      page_ids: [],
    });
  });

  it("counts a page ID still in the input, without adding it twice", () => {
    const form = { ...leadAdsFormFromSaved(META), pageInput: " 400500600 " };
    expect(leadAdsUpdate(META, form, STAGE_IDS)).toEqual({ page_ids: ["100200300", "400500600"] });
    expect(leadAdsUpdate(META, { ...form, pageInput: "100200300" }, STAGE_IDS)).toEqual({});
  });

  it("sends the whole stage map trimmed, blank stages left out", () => {
    let form = setStageEvent(leadAdsFormFromSaved(META), "stage-renewal", " Purchase ");
    form = setStageEvent(form, "stage-new", "   ");
    expect(leadAdsUpdate(META, form, STAGE_IDS)).toEqual({
      stage_events: { "stage-qualified": "QualifiedLead", "stage-renewal": "Purchase" },
    });
    expect(leadAdsUpdate(META, setStageEvent(form, "stage-qualified", ""), STAGE_IDS)).toEqual({
      stage_events: { "stage-renewal": "Purchase" },
    });
  });

  it("drops a mapping to a deleted stage when the map is sent, and never sends for that alone", () => {
    const saved = { ...META, stage_events: { "stage-qualified": "QualifiedLead", "stage-gone": "Lead" } };
    const form = leadAdsFormFromSaved(saved);
    expect(leadAdsUpdate(saved, form, STAGE_IDS)).toEqual({});
    expect(leadAdsUpdate(saved, setStageEvent(form, "stage-new", "Lead"), STAGE_IDS)).toEqual({
      stage_events: { "stage-qualified": "QualifiedLead", "stage-new": "Lead" },
    });
    // While the stages are not known yet, nothing saved is dropped
    expect(leadAdsUpdate(saved, setStageEvent(form, "stage-new", "Lead"), null)).toEqual({
      stage_events: { "stage-qualified": "QualifiedLead", "stage-gone": "Lead", "stage-new": "Lead" },
    });
  });
});

describe("what stops a save", () => {
  it("is an invalid page ID still in the input, or an over-long event name, by input", () => {
    const form = setStageEvent({ ...leadAdsFormFromSaved(META), pageInput: "12ab" }, "stage-new", "x".repeat(51));
    expect(leadAdsProblems(form)).toEqual({
      "meta.page_ids": "Use digits only: a page ID looks like 104738592016734",
      "meta.stage_events.stage-new": "Use at most 50 characters",
    });
  });

  it("is nothing for an empty input, a page already listed, or blank stages", () => {
    const form = setStageEvent({ ...leadAdsFormFromSaved(META), pageInput: " 100200300 " }, "stage-new", "");
    expect(leadAdsProblems(form)).toEqual({});
    expect(leadAdsProblems(leadAdsFormFromSaved(META))).toEqual({});
  });
});

describe("saved and webhook", () => {
  it("knows whether any Lead Ads setting is saved", () => {
    expect(leadAdsSaved(META)).toBe(true);
    expect(leadAdsSaved({ ...META, page_ids: [], stage_events: {} })).toBe(false);
    const { page_ids: _pages, stage_events: _events, ...withoutLeadAds } = META;
    expect(leadAdsSaved(withoutLeadAds)).toBe(false);
    expect(leadAdsFormFromSaved(withoutLeadAds)).toEqual({ pageIds: [], pageInput: "", stageEvents: {} });
    expect(leadAdsUpdate(withoutLeadAds, leadAdsFormFromSaved(withoutLeadAds), STAGE_IDS)).toEqual({});
  });

  it("builds the webhook URL from the API's base URL", () => {
    expect(webhookUrl("https://api.convertly.io/")).toBe("https://api.convertly.io/webhooks/meta");
    expect(webhookUrl("http://127.0.0.1:8000")).toBe("http://127.0.0.1:8000/webhooks/meta");
  });
});
