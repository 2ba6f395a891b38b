// The "Get started" checklist a new workspace sees on its dashboard: four first steps, each ticked from
// what the API already answers (the ad platform settings, the forms, the team, the imports), and only
// the steps the signed-in role may do.

import { Permission } from "../../auth/permissions";
import type { CaptureForm } from "../capture/types";
import type { AdsSettings } from "../conversions/types";
import type { ImportPage } from "../imports/types";
import type { Team } from "../team/types";
import type { Dashboard, TileId } from "./types";

export type StepId = "ads" | "form" | "invite" | "import";

export interface StepSpec {
  id: StepId;
  title: string;
  text: string;
  /** The page where the step is done. */
  to: string;
  /** What the role needs to read the step's answer and to do the step there (all of it). */
  permissions: readonly Permission[];
}

export const STEPS: readonly StepSpec[] = [
  {
    id: "ads",
    title: "Connect an ad account",
    text: "Link Google Ads or Meta so your won leads are reported back to the campaigns that brought them.",
    to: "/settings/ad-platforms",
    permissions: [Permission.adsSettings],
  },
  {
    id: "form",
    title: "Publish a form",
    text: "Put a lead form on your website: each submission arrives here as a new lead.",
    to: "/forms",
    permissions: [Permission.formsRead, Permission.formsManage],
  },
  {
    id: "invite",
    title: "Invite a teammate",
    text: "Bring in the people who work your leads, each with the role that fits them.",
    to: "/settings/team",
    permissions: [Permission.teamRead, Permission.usersManage],
  },
  {
    id: "import",
    title: "Import contacts",
    text: "Bring over the contacts you already have, from a CSV or Excel file.",
    to: "/settings/imports",
    permissions: [Permission.importsRun],
  },
];

/** The steps a role sees, in order; none means no checklist at all. */
export function stepsFor(can: (permission: Permission) => boolean): StepSpec[] {
  return STEPS.filter((step) => step.permissions.every(can));
}

/** Either platform connected (a token stored) or set up by hand. */
export function adsConnected(settings: AdsSettings): boolean {
  return [settings.google_ads, settings.meta].some((platform) => Boolean(platform.connected) || platform.configured);
}

export function formPublished(forms: readonly Pick<CaptureForm, "status">[]): boolean {
  return forms.some((form) => form.status === "published");
}

/** Someone besides the signed-in user: a member, or an invitation not yet taken up. */
export function teammateInvited(team: Team, me: string): boolean {
  return team.items.some((member) => member.user_id !== me && (member.status === "active" || member.status === "invited"));
}

/** An import that finished and wrote rows (one undone since does not count). */
export function contactsImported(page: ImportPage): boolean {
  return page.items.some(
    (item) => item.status === "done" && item.counts.created + item.counts.updated + item.counts.leads_created > 0,
  );
}

/** A step's tick: done, not yet, still being read, or not known (its read failed). */
export type StepState = "done" | "todo" | "checking" | "unknown";

/** What one read answered, as the component's query hands it over. */
export interface Answer<T> {
  data: T | undefined;
  isError: boolean;
}

export interface Answers {
  ads: Answer<AdsSettings>;
  form: Answer<readonly Pick<CaptureForm, "status">[]>;
  invite: Answer<Team>;
  import: Answer<ImportPage>;
}

function stateOf<T>(answer: Answer<T>, done: (data: T) => boolean): StepState {
  if (answer.data !== undefined) return done(answer.data) ? "done" : "todo";
  return answer.isError ? "unknown" : "checking";
}

export function stepState(id: StepId, answers: Answers, me: string): StepState {
  switch (id) {
    case "ads":
      return stateOf(answers.ads, adsConnected);
    case "form":
      return stateOf(answers.form, formPublished);
    case "invite":
      return stateOf(answers.invite, (team) => teammateInvited(team, me));
    case "import":
      return stateOf(answers.import, contactsImported);
  }
}

export interface StepView extends StepSpec {
  state: StepState;
}

export function stepViews(steps: readonly StepSpec[], answers: Answers, me: string): StepView[] {
  return steps.map((step) => ({ ...step, state: stepState(step.id, answers, me) }));
}

export function doneCount(steps: readonly StepView[]): number {
  return steps.filter((step) => step.state === "done").length;
}

export function allDone(steps: readonly StepView[]): boolean {
  return steps.length > 0 && doneCount(steps) === steps.length;
}

/** "2 of 4 done"; while a step is still being read, that the checklist is being checked. */
export function progressText(steps: readonly StepView[]): string {
  if (steps.some((step) => step.state === "checking")) return "Checking what is done…";
  return `${doneCount(steps)} of ${steps.length} done`;
}

/** What a step's tick says to a screen reader (the mark beside it is only a picture). */
export function stateLabel(state: StepState): string {
  switch (state) {
    case "done":
      return "Done";
    case "todo":
      return "Not done yet";
    case "checking":
      return "Checking";
    case "unknown":
      return "Could not be checked";
  }
}

/**
 * No lead has reached the figures yet: nothing open, won, created in the last 30 days or in a stage.
 * The chart tiles would only say so, so the checklist takes their place.
 */
export function isEmptyWorkspace(data: Dashboard): boolean {
  return (
    data.opportunities === 0 &&
    data.won_this_month_minor === 0 &&
    (data.funnel?.cohort ?? 0) === 0 &&
    data.stages.every((stage) => stage.leads === 0) &&
    data.top_sources.length === 0
  );
}

/** The tiles to show beside the checklist in an empty workspace: the figures, without the empty charts. */
export function tilesBesideChecklist(tiles: readonly TileId[], isChart: (tile: TileId) => boolean): TileId[] {
  return tiles.filter((tile) => !isChart(tile));
}

/** Where "Hide" is remembered: one flag per user in each workspace, in this browser. */
export function hiddenKey(tenantId: string | null | undefined, userId: string): string {
  return `convertly.getting-started.hidden.${tenantId ?? "-"}.${userId}`;
}
