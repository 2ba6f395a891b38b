// The "Invite people" dialog's rows (email, name, role): checked before sending, turned into POST
// /team/invitations' people, and matched with its per-person results afterwards.

import type { InvitationResult, Invitee } from "./types";
import type { TeamRole } from "./roleChange";

export const MAX_INVITES = 20; // as many as the API takes at once

export interface InviteRow {
  key: number;
  email: string;
  name: string;
  role: TeamRole;
}

export interface RowErrors {
  email?: string;
  name?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function blankRow(key: number, role: TeamRole = "Sales"): InviteRow {
  return { key, email: "", name: "", role };
}

function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Each row's problems by key (empty email or name, an email that is no address, one listed twice). */
export function rowErrors(rows: readonly InviteRow[]): Record<number, RowErrors> {
  const errors: Record<number, RowErrors> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    const found: RowErrors = {};
    const email = normalEmail(row.email);
    if (!email) found.email = "Enter their email";
    else if (!EMAIL.test(email)) found.email = "Enter an email address such as name@example.com";
    else if (seen.has(email)) found.email = "This email is in the list twice";
    seen.add(email);
    if (!row.name.trim()) found.name = "Enter their name";
    else if (row.name.trim().length > 100) found.name = "Use at most 100 characters";
    if (found.email || found.name) errors[row.key] = found;
  }
  return errors;
}

export function hasRowErrors(errors: Record<number, RowErrors>): boolean {
  return Object.keys(errors).length > 0;
}

/** The people to send, in the rows' order. */
export function toPeople(rows: readonly InviteRow[]): Invitee[] {
  return rows.map((row) => ({ email: normalEmail(row.email), name: row.name.trim(), role: row.role }));
}

export interface InviteOutcome {
  key: number;
  email: string;
  name: string;
  invited: boolean;
  /** Why it failed, in the API's words. */
  message: string | null;
  code: string | null;
}

/** The API answers one result per person, in the order sent; each is matched with its row. */
export function readResults(rows: readonly InviteRow[], results: readonly InvitationResult[]): InviteOutcome[] {
  return rows.map((row, index) => {
    const email = normalEmail(row.email);
    const result = results[index]?.email === email ? results[index] : results.find((candidate) => candidate.email === email);
    const invited = result?.status === "invited";
    const error = result?.error ?? null;
    return {
      key: row.key,
      email,
      name: row.name.trim(),
      invited,
      message: invited ? null : (text(error?.message) ?? "This person was not invited"),
      code: invited ? null : (text(error?.code) ?? null),
    };
  });
}

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

/** The plan's seat limit, when it stopped an invitation: said once above the rows, with the way to upgrade. */
export function seatLimitMessage(outcomes: readonly InviteOutcome[]): string | null {
  return outcomes.find((outcome) => outcome.code === "plan_limit_reached")?.message ?? null;
}

/** One line for the toast: how many were invited and how many were not. */
export function outcomeSummary(outcomes: readonly InviteOutcome[]): string {
  const invited = outcomes.filter((outcome) => outcome.invited).length;
  const failed = outcomes.length - invited;
  const sent = invited === 1 ? "1 invitation sent" : `${invited} invitations sent`;
  if (!failed) return sent;
  return `${sent}, ${failed} not sent`;
}

/**
 * A refused request's `fields` (422: `people.1.email`) as the rows' errors by key; what names no row
 * input is left for the message above the rows.
 */
export function fieldErrorsByRow(
  rows: readonly InviteRow[],
  fields: Readonly<Record<string, string>>,
): { byRow: Record<number, RowErrors>; other: string[] } {
  const byRow: Record<number, RowErrors> = {};
  const other: string[] = [];
  for (const [name, message] of Object.entries(fields)) {
    const match = /^people\.(\d+)\.(email|name)$/.exec(name);
    const row = match ? rows[Number(match[1])] : undefined;
    if (match && row) byRow[row.key] = { ...byRow[row.key], [match[2] as "email" | "name"]: message };
    else other.push(message);
  }
  return { byRow, other };
}
