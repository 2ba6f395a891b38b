// The Meta settings' Lead Ads part: the Facebook pages whose leads come to this account, and the CRM
// event sent to Meta when a Lead Ads lead enters a stage.
//
// The API's rules (PUT /settings/ads, `meta`): `page_ids` are digits, at most 20; `stage_events` maps a
// stage id of this account to an event name of 1 to 50 characters. Each is sent whole and replaces what
// was saved, so the page sends one only when it changed. A stage left blank sends nothing.

import type { Pipeline } from "../../pipelines/types";
import type { MetaSettings } from "../types";

export const MAX_PAGES = 20;
export const PAGE_ID_MAX_LENGTH = 40;
export const EVENT_NAME_MAX_LENGTH = 50;

/** Meta's standard CRM funnel events; any other name up to 50 characters is taken too. */
export const EVENT_SUGGESTIONS: readonly string[] = ["Lead", "Contacted", "QualifiedLead", "ConvertedLead", "Purchase"];

/** The path of the Lead Ads webhook (the manifest's meta_webhook route). */
export const WEBHOOK_PATH = "/webhooks/meta";

/** The names the API gives these inputs in `error.fields`. */
export const PAGE_IDS_FIELD = "meta.page_ids";
export const STAGE_EVENTS_FIELD = "meta.stage_events";
export const stageEventField = (stageId: string) => `${STAGE_EVENTS_FIELD}.${stageId}`;

export interface LeadAdsForm {
  /** The pages listed (saved, or added since). */
  pageIds: string[];
  /** The page ID being typed, not yet added. */
  pageInput: string;
  /** Stage id -> the event name typed ("" sends nothing). */
  stageEvents: Record<string, string>;
}

export interface StageOption {
  stageId: string;
  name: string;
}

export interface StageGroup {
  pipelineId: string;
  pipelineName: string;
  stages: StageOption[];
}

export interface LeadAdsUpdate {
  page_ids?: string[];
  stage_events?: Record<string, string>;
}

// The API may leave out a Meta part's `page_ids` and `stage_events` when none are saved.
const savedPages = (meta: MetaSettings): string[] => meta.page_ids ?? [];
const savedEvents = (meta: MetaSettings): Record<string, string> => meta.stage_events ?? {};

export function leadAdsFormFromSaved(meta: MetaSettings): LeadAdsForm {
  return { pageIds: [...savedPages(meta)], pageInput: "", stageEvents: { ...savedEvents(meta) } };
}

export function leadAdsSaved(meta: MetaSettings): boolean {
  return savedPages(meta).length > 0 || Object.keys(savedEvents(meta)).length > 0;
}

/** Why a typed page ID cannot be added, or null when it can. */
export function pageIdProblem(value: string, listed: readonly string[]): string | null {
  const pageId = value.trim();
  if (!pageId) return "Enter the page ID";
  if (!/^\d+$/.test(pageId)) return "Use digits only: a page ID looks like 104738592016734";
  if (pageId.length > PAGE_ID_MAX_LENGTH) return `A page ID has at most ${PAGE_ID_MAX_LENGTH} digits`;
  if (listed.includes(pageId)) return `Page ${pageId} is already listed`;
  if (listed.length >= MAX_PAGES) return `At most ${MAX_PAGES} pages`;
  return null;
}

/** The form with the typed page ID added, or the reason it was not. */
export function addPage(form: LeadAdsForm): { form: LeadAdsForm; problem: string | null } {
  const problem = pageIdProblem(form.pageInput, form.pageIds);
  if (problem) return { form, problem };
  return { form: { ...form, pageIds: [...form.pageIds, form.pageInput.trim()], pageInput: "" }, problem: null };
}

export function removePage(form: LeadAdsForm, pageId: string): LeadAdsForm {
  return { ...form, pageIds: form.pageIds.filter((listed) => listed !== pageId) };
}

export function setStageEvent(form: LeadAdsForm, stageId: string, eventName: string): LeadAdsForm {
  return { ...form, stageEvents: { ...form.stageEvents, [stageId]: eventName } };
}

/** Why an event name cannot be sent, or null (blank is fine: nothing is sent for that stage). */
export function eventNameProblem(value: string): string | null {
  return value.trim().length > EVENT_NAME_MAX_LENGTH ? `Use at most ${EVENT_NAME_MAX_LENGTH} characters` : null;
}

/** The pipelines' stages in board order, grouped by pipeline (the default pipeline first). */
export function stageGroups(pipelines: readonly Pipeline[]): StageGroup[] {
  return [...pipelines]
    .sort((a, b) => Number(b.is_default) - Number(a.is_default) || a.position - b.position)
    .map((pipeline) => ({
      pipelineId: pipeline.pipeline_id,
      pipelineName: pipeline.name,
      stages: [...pipeline.stages]
        .sort((a, b) => a.position - b.position)
        .map((stage) => ({ stageId: stage.stage_id, name: stage.name })),
    }));
}

export function stageIdsOf(groups: readonly StageGroup[]): Set<string> {
  return new Set(groups.flatMap((group) => group.stages.map((stage) => stage.stageId)));
}

/** The input names the API may name in its errors, so they show next to their inputs. */
export function leadAdsInputNames(groups: readonly StageGroup[]): string[] {
  return [PAGE_IDS_FIELD, ...[...stageIdsOf(groups)].map(stageEventField), STAGE_EVENTS_FIELD];
}

/** What the form would save: a page ID still in the input counts, blank stages are left out. */
function pagesOf(form: LeadAdsForm): string[] {
  const typed = form.pageInput.trim();
  return typed && !form.pageIds.includes(typed) ? [...form.pageIds, typed] : form.pageIds;
}

function eventsOf(events: Record<string, string>, stageIds: ReadonlySet<string> | null): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const [stageId, name] of Object.entries(events)) {
    if (name.trim() && (!stageIds || stageIds.has(stageId))) mapped[stageId] = name.trim();
  }
  return mapped;
}

function sameEvents(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** What stops the form from being saved, by input name (empty when nothing does). */
export function leadAdsProblems(form: LeadAdsForm): Record<string, string> {
  const problems: Record<string, string> = {};
  if (form.pageInput.trim()) {
    const problem = pageIdProblem(form.pageInput, form.pageIds);
    if (problem && !form.pageIds.includes(form.pageInput.trim())) problems[PAGE_IDS_FIELD] = problem;
  }
  for (const [stageId, name] of Object.entries(form.stageEvents)) {
    const problem = eventNameProblem(name);
    if (problem) problems[stageEventField(stageId)] = problem;
  }
  return problems;
}

/**
 * The Lead Ads part of PUT /settings/ads: the page list and the stage map, each only when changed.
 * `stageIds` are the account's stages (null while unknown): a mapping to a stage since deleted is
 * dropped the next time the map is sent, and does not count as a change by itself.
 */
export function leadAdsUpdate(
  saved: MetaSettings,
  form: LeadAdsForm,
  stageIds: ReadonlySet<string> | null,
): LeadAdsUpdate {
  const update: LeadAdsUpdate = {};
  const pages = pagesOf(form);
  const savedPageIds = savedPages(saved);
  if (pages.length !== savedPageIds.length || pages.some((page, index) => page !== savedPageIds[index])) {
    update.page_ids = pages;
  }
  const events = eventsOf(form.stageEvents, stageIds);
  if (!sameEvents(events, eventsOf(savedEvents(saved), stageIds))) update.stage_events = events;
  return update;
}

/** The callback URL to paste into the Meta app's Lead Ads (leadgen) webhook. */
export function webhookUrl(apiUrl: string): string {
  return `${apiUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
}
