// The run's options as the form holds them (a draft), what the form checks before sending, the body of
// POST /imports/{id}/start, and a saved template's options read back into a draft.

import type { ImportOptions, ImportStart } from "./types";

export type Creates = NonNullable<ImportOptions["creates"]>;
export type DuplicateRule = NonNullable<ImportOptions["duplicate_rule"]>;
export type OwnerMode = NonNullable<ImportOptions["owner_mode"]>;

export interface OptionsDraft {
  creates: Creates;
  /** The pipeline and stage of the leads (creates = leads); "" until the pipelines are read. */
  pipelineId: string;
  stageId: string;
  duplicateRule: DuplicateRule;
  ownerMode: OwnerMode;
  /** The one owner (mode "user"). */
  ownerId: string;
  /** The owners in turn (mode "round_robin"). */
  ownerIds: string[];
  /** As typed: comma separated. */
  tags: string;
  /** As typed: two letters, or empty. */
  defaultCountry: string;
}

export const DEFAULT_DRAFT: OptionsDraft = {
  creates: "contacts",
  pipelineId: "",
  stageId: "",
  duplicateRule: "skip",
  ownerMode: "none",
  ownerId: "",
  ownerIds: [],
  tags: "",
  defaultCountry: "",
};

export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;
export const MAX_OWNERS = 50;
export const MAX_TEMPLATE_NAME = 80;

interface Choice<Value extends string> {
  value: Value;
  label: string;
  description: string;
}

export const CREATES_CHOICES: readonly Choice<Creates>[] = [
  { value: "contacts", label: "Contacts only", description: "Each row becomes a contact (or updates one, by the rule below)." },
  {
    value: "leads",
    label: "Contacts, each with a lead",
    description: "Each new contact also gets a lead in the pipeline and stage you choose; a Stage column, when mapped, wins.",
  },
];

export const DUPLICATE_CHOICES: readonly Choice<DuplicateRule>[] = [
  { value: "skip", label: "Skip the row", description: "The existing contact stays as it is; the row is listed in the problems file." },
  { value: "fill", label: "Update empty fields only", description: "The row fills in what the contact is missing; nothing it has is replaced." },
  { value: "overwrite", label: "Overwrite", description: "Every value the row gives replaces the contact's; empty cells change nothing." },
];

export const OWNER_CHOICES: readonly Choice<OwnerMode>[] = [
  { value: "none", label: "Nobody", description: "Rows are left unassigned." },
  { value: "user", label: "One person", description: "Everything the import creates goes to one person." },
  { value: "round_robin", label: "Round robin", description: "Rows are dealt out in turn to the people you choose." },
];

/** The tags as typed, split on commas, trimmed, each once (the first spelling kept). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of text.split(",")) {
    const tag = part.trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

/** A country code as typed: upper case, no spaces; "" for none. */
export function countryCode(text: string): string {
  return text.replace(/\s+/g, "").toUpperCase();
}

/** The option controls' names, as the API names their fields in a 422. */
export const OPTION_FIELDS = [
  "options.pipeline_id",
  "options.stage_id",
  "options.owner_ids",
  "options.tags",
  "options.default_country",
  "save_template",
] as const;
export type OptionField = (typeof OPTION_FIELDS)[number];

/** What the API would refuse in these options (or the template's name), by control. */
export function optionProblems(draft: OptionsDraft, saveAs: string): Partial<Record<OptionField, string>> {
  const problems: Partial<Record<OptionField, string>> = {};
  if (draft.creates === "leads" && !draft.pipelineId) problems["options.pipeline_id"] = "Choose the pipeline the leads go to";
  if (draft.ownerMode === "user" && !draft.ownerId) problems["options.owner_ids"] = "Choose who owns the imported rows";
  if (draft.ownerMode === "round_robin") {
    if (draft.ownerIds.length === 0) problems["options.owner_ids"] = "Choose the people who take the rows in turn";
    else if (draft.ownerIds.length > MAX_OWNERS) problems["options.owner_ids"] = `Choose at most ${MAX_OWNERS} people`;
  }
  const tags = parseTags(draft.tags);
  if (tags.length > MAX_TAGS) problems["options.tags"] = `Add at most ${MAX_TAGS} tags`;
  else if (tags.some((tag) => tag.length > MAX_TAG_LENGTH)) problems["options.tags"] = `A tag has at most ${MAX_TAG_LENGTH} characters`;
  const country = countryCode(draft.defaultCountry);
  if (country && !/^[A-Z]{2}$/.test(country)) problems["options.default_country"] = "Two letters, such as US, GB or CA";
  if (saveAs.trim().length > MAX_TEMPLATE_NAME) problems.save_template = `At most ${MAX_TEMPLATE_NAME} characters`;
  return problems;
}

/** The options as POST /imports/{id}/start takes them. */
export function importOptions(draft: OptionsDraft): ImportOptions {
  const leads = draft.creates === "leads";
  const owners = draft.ownerMode === "user" ? [draft.ownerId].filter(Boolean) : draft.ownerMode === "round_robin" ? [...draft.ownerIds] : [];
  const country = countryCode(draft.defaultCountry);
  return {
    creates: draft.creates,
    pipeline_id: leads ? draft.pipelineId || null : null,
    stage_id: leads ? draft.stageId || null : null,
    duplicate_rule: draft.duplicateRule,
    owner_mode: draft.ownerMode,
    owner_ids: owners,
    tags: parseTags(draft.tags),
    default_country: country || null,
  };
}

export function startBody(mapping: readonly string[], draft: OptionsDraft, saveAs: string): ImportStart {
  const body: ImportStart = { mapping: [...mapping], options: importOptions(draft) };
  const name = saveAs.trim();
  if (name) body.save_template = name;
  return body;
}

/** A saved template's options as a draft (its pipeline, stage and owners kept only while they exist). */
export function draftFromOptions(
  options: ImportOptions | null | undefined,
  exists: { pipeline: (id: string) => boolean; stage: (pipelineId: string, stageId: string) => boolean; user: (id: string) => boolean },
  fallback: OptionsDraft = DEFAULT_DRAFT,
): OptionsDraft {
  if (!options) return fallback;
  const pipelineId = options.pipeline_id && exists.pipeline(options.pipeline_id) ? options.pipeline_id : fallback.pipelineId;
  const stageId = options.stage_id && exists.stage(pipelineId, options.stage_id) ? options.stage_id : "";
  return {
    ...fallback,
    ...ownersFrom(options, exists.user),
    creates: options.creates ?? "contacts",
    pipelineId,
    stageId,
    duplicateRule: options.duplicate_rule ?? "skip",
    tags: (options.tags ?? []).join(", "),
    defaultCountry: options.default_country ?? "",
  };
}

/** The owners a template names who are still users; with none left, nobody. */
function ownersFrom(options: ImportOptions, isUser: (id: string) => boolean): Pick<OptionsDraft, "ownerMode" | "ownerId" | "ownerIds"> {
  const owners = (options.owner_ids ?? []).filter(isUser);
  const mode = options.owner_mode ?? "none";
  if (mode === "none" || owners.length === 0) return { ownerMode: "none", ownerId: "", ownerIds: [] };
  if (mode === "user") return { ownerMode: "user", ownerId: owners[0] ?? "", ownerIds: [] };
  return { ownerMode: "round_robin", ownerId: "", ownerIds: owners };
}

/** The draft with the pipeline and stage the form shows when none is chosen: the default pipeline's first stage. */
export function withDefaultPlace(
  draft: OptionsDraft,
  pipelines: readonly { pipeline_id: string; is_default: boolean; stages: readonly { stage_id: string; position: number }[] }[],
): OptionsDraft {
  const pipeline =
    pipelines.find((each) => each.pipeline_id === draft.pipelineId) ?? pipelines.find((each) => each.is_default) ?? pipelines[0];
  if (!pipeline) return draft;
  const stages = [...pipeline.stages].sort((a, b) => a.position - b.position);
  const stageId = stages.some((stage) => stage.stage_id === draft.stageId) ? draft.stageId : (stages[0]?.stage_id ?? "");
  return { ...draft, pipelineId: pipeline.pipeline_id, stageId };
}
