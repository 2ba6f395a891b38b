// "Reassign work": who may receive a member's open leads, follow-ups and tasks, what the request
// sends, how the round robin shares them out, and how a job's progress (GET /reassignments/{job_id})
// reads, in the dialog and in the Team page's banner while it runs.

import { ApiError, fieldMessages } from "../../api/errors";
import type { ReassignRequest, Reassignment, TeamMember } from "./types";

export const WORK_KINDS = ["leads", "followups", "tasks"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
export type WorkKinds = Readonly<Record<WorkKind, boolean>>;

/** What the dialog moves unless the Admin unticks it: everything open. */
export const ALL_KINDS: WorkKinds = { leads: true, followups: true, tasks: true };
/** The API takes 1 to 20 recipients. */
export const MAX_RECIPIENTS = 20;
/** How often a running job is read again. */
export const REASSIGN_POLL_MS = 1500;

export const KIND_LABELS: Readonly<Record<WorkKind, string>> = {
  leads: "Open leads",
  followups: "Open follow-ups",
  tasks: "Open tasks",
};

const NOUNS: Readonly<Record<WorkKind, readonly [string, string]>> = {
  leads: ["lead", "leads"],
  followups: ["follow-up", "follow-ups"],
  tasks: ["task", "tasks"],
};

function noun(kind: WorkKind, count: number): string {
  return NOUNS[kind][count === 1 ? 0 : 1];
}

function byName(a: Pick<TeamMember, "name" | "email">, b: Pick<TeamMember, "name" | "email">): number {
  return (a.name || a.email).localeCompare(b.name || b.email, undefined, { sensitivity: "base" });
}

/** Who can take the work: the active members other than the one it comes from, by name. */
export function recipientCandidates<M extends Pick<TeamMember, "user_id" | "status" | "name" | "email">>(
  members: readonly M[],
  sourceId: string,
): M[] {
  return members.filter((member) => member.status === "active" && member.user_id !== sourceId).sort(byName);
}

/** The chosen people in the candidates' order, which is the round robin's; anyone no longer a candidate is dropped. */
export function orderedRecipients(candidates: readonly Pick<TeamMember, "user_id">[], chosen: ReadonlySet<string>): string[] {
  return candidates.filter((candidate) => chosen.has(candidate.user_id)).map((candidate) => candidate.user_id);
}

/** The choice with one person ticked or unticked. */
export function toggled(chosen: ReadonlySet<string>, userId: string, on: boolean): Set<string> {
  const next = new Set(chosen);
  if (on) next.add(userId);
  else next.delete(userId);
  return next;
}

export interface ReassignChoice {
  /** In the round robin's order. */
  recipients: readonly string[];
  kinds: WorkKinds;
}

export interface ChoiceErrors {
  recipients?: string;
  kinds?: string;
}

/** What the dialog checks before sending: somebody to give the work to, and something to give. */
export function choiceErrors(choice: ReassignChoice): ChoiceErrors {
  const errors: ChoiceErrors = {};
  if (choice.recipients.length === 0) errors.recipients = "Choose who receives the work";
  else if (choice.recipients.length > MAX_RECIPIENTS) errors.recipients = `Choose at most ${MAX_RECIPIENTS} people`;
  if (!WORK_KINDS.some((kind) => choice.kinds[kind])) errors.kinds = "Choose what to reassign";
  return errors;
}

export function hasChoiceErrors(errors: ChoiceErrors): boolean {
  return Boolean(errors.recipients || errors.kinds);
}

export function reassignBody(choice: ReassignChoice): ReassignRequest {
  return { to_user_ids: [...choice.recipients], ...choice.kinds };
}

/** How many of `total` items each of `count` people gets when they are dealt out in turn. */
export function roundRobinShares(total: number, count: number): number[] {
  if (count <= 0) return [];
  const whole = Math.max(0, Math.floor(total));
  return Array.from({ length: count }, (_, index) => Math.floor(whole / count) + (index < whole % count ? 1 : 0));
}

/** The dialog's sentence on the round robin, with the open leads' shares once people are chosen. */
export function roundRobinSentence(names: readonly string[], openLeads: number): string {
  if (names.length === 0) {
    return "Choose one or several people. The work is dealt out to them in turn, one item at a time (round robin), so each gets about the same share.";
  }
  if (names.length === 1) return `All of it goes to ${names[0]}.`;
  const [first, second] = names;
  const order = `the first item to ${first}, the next to ${second}${names.length > 2 ? ", and so on" : ""}, then ${first} again`;
  const sentence = `The work is dealt out in turn (round robin): ${order}, so each gets about the same share.`;
  if (openLeads <= 0) return sentence;
  const shares = roundRobinShares(openLeads, names.length);
  const parts = names.map((name, index) => `${name} ${shares[index]}`);
  return `${sentence} Of the ${openLeads} open ${noun("leads", openLeads)}: ${parts.join(", ")}.`;
}

export interface KindProgress {
  kind: WorkKind;
  moved: number;
  /** Never below what moved: work the person was given after the start moves too. */
  total: number;
  /** 0 to 100. */
  percent: number;
  /** "12 of 30 leads", or "no tasks". */
  text: string;
}

export function isFinished(job: Pick<Reassignment, "status"> | undefined | null): boolean {
  return job?.status === "done";
}

function kindProgress(job: Reassignment, kind: WorkKind): KindProgress {
  const moved = Math.max(0, job[`${kind}_moved`]);
  const total = Math.max(job[`${kind}_total`], moved);
  const finished = isFinished(job);
  const percent = total === 0 ? (finished ? 100 : 0) : finished ? 100 : Math.round((moved / total) * 100);
  const text = total === 0 ? `no ${noun(kind, 0)}` : `${moved} of ${total} ${noun(kind, total)}`;
  return { kind, moved, total, percent, text };
}

/** Each kind the job moves (those chosen; every kind when that is not known), how far along it is. */
export function reassignProgress(job: Reassignment, kinds: WorkKinds = ALL_KINDS): KindProgress[] {
  const wanted = WORK_KINDS.filter((kind) => kinds[kind]);
  return (wanted.length ? wanted : WORK_KINDS).map((kind) => kindProgress(job, kind));
}

/** "12 of 30 leads, 1 of 1 follow-up, 0 of 2 tasks". */
export function progressSummary(job: Reassignment, kinds: WorkKinds = ALL_KINDS): string {
  return reassignProgress(job, kinds)
    .map((progress) => progress.text)
    .join(", ");
}

/** The whole job, 0 to 100: 100 once it is done, whatever was skipped. */
export function overallPercent(job: Reassignment, kinds: WorkKinds = ALL_KINDS): number {
  if (isFinished(job)) return 100;
  const rows = reassignProgress(job, kinds);
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const moved = rows.reduce((sum, row) => sum + row.moved, 0);
  return total === 0 ? 0 : Math.round((moved / total) * 100);
}

export function statusText(job: Pick<Reassignment, "status">): string {
  if (job.status === "done") return "Done";
  if (job.status === "running") return "Moving the work";
  return "Waiting to start";
}

/** What was skipped, in words: items someone else changed (or closed) since the job started. */
export function skippedText(job: Pick<Reassignment, "skipped">): string | null {
  if (job.skipped <= 0) return null;
  if (job.skipped === 1) return "1 item was left as it was: someone changed or closed it meanwhile.";
  return `${job.skipped} items were left as they were: someone changed or closed them meanwhile.`;
}

/** The toast once the job is done. */
export function finishedMessage(job: Reassignment, name: string, kinds: WorkKinds = ALL_KINDS): string {
  const moved = reassignProgress(job, kinds).map((row) => `${row.moved} ${noun(row.kind, row.moved)}`);
  const skipped = job.skipped > 0 ? ` (${job.skipped} skipped)` : "";
  return `The work of ${name} was reassigned: ${moved.join(", ")} moved${skipped}`;
}

export interface ReassignErrors {
  /** Under the people to choose from (422 `fields.to_user_ids`). */
  recipients?: string;
  /** Above the form. */
  problem?: string;
}

/**
 * The API's refusal for the dialog: what concerns the chosen people under the picker, with their names
 * instead of their ids ("not a user who can take work: <id>"), the rest above the form.
 */
export function reassignErrors(error: unknown, members: readonly Pick<TeamMember, "user_id" | "name">[]): ReassignErrors {
  if (!error) return {};
  if (!(error instanceof ApiError) || error.status !== 422) return { problem: messageOf(error) };
  const { byField, other } = fieldMessages(error, ["to_user_ids"]);
  const picked = byField.to_user_ids;
  const result: ReassignErrors = {};
  if (picked) result.recipients = capitalize(withNames(picked, members));
  if (other.length) result.problem = other.join(" ");
  else if (!picked) result.problem = error.message;
  return result;
}

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong; try again";
}

function withNames(message: string, members: readonly Pick<TeamMember, "user_id" | "name">[]): string {
  return members.reduce((text, member) => (member.name ? text.split(member.user_id).join(member.name) : text), message);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A job the Team page follows until it is done (kept for the browser tab, so leaving the page loses nothing). */
export interface TrackedJob {
  jobId: string;
  fromUserId: string;
  name: string;
  kinds: WorkKinds;
}

/** The followed jobs as sessionStorage kept them; anything unreadable is dropped. */
export function parseTracked(raw: string | null): TrackedJob[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value.flatMap((entry) => (isTracked(entry) ? [normalized(entry)] : [])) : [];
}

function isTracked(entry: unknown): entry is TrackedJob {
  if (!entry || typeof entry !== "object") return false;
  const { jobId, fromUserId, name } = entry as Record<string, unknown>;
  return typeof jobId === "string" && jobId !== "" && typeof fromUserId === "string" && typeof name === "string";
}

function normalized(entry: TrackedJob): TrackedJob {
  const kinds = (entry.kinds ?? {}) as Partial<Record<WorkKind, unknown>>;
  return {
    jobId: entry.jobId,
    fromUserId: entry.fromUserId,
    name: entry.name,
    kinds: {
      leads: kinds.leads !== false,
      followups: kinds.followups !== false,
      tasks: kinds.tasks !== false,
    },
  };
}

/** The list with `job` added (once). */
export function withTracked(jobs: readonly TrackedJob[], job: TrackedJob): TrackedJob[] {
  return [...jobs.filter((tracked) => tracked.jobId !== job.jobId), job];
}
