// How the affiliate program reads in the console: who may change it, statuses and kinds of the
// ledger, balances, the ledger's month, applications' tabs, payout batches and marketing assets.

import { Permission, type Grants } from "../../../auth/permissions";
import type { ApplicationStatus, CommissionEntry, ExportFormat, PartnerBalance } from "./types";
import { getDisplayLocale } from "../../../lib/format";

// Who may change the program ----------------------------------------------------------------------

/**
 * Developer Admins run the program (affiliates:manage: terms, decisions, overrides, releases, payouts,
 * assets); Developers and Developer Staff read it (affiliates:read). The API enforces the same.
 */
export function mayManageAffiliates(grants: Grants): boolean {
  return grants.can(Permission.affiliatesManage);
}

export const READ_ONLY_NOTE = "Only a Developer Admin changes the affiliate program: you can read it.";

// Applications -------------------------------------------------------------------------------------

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ["pending", "approved", "rejected"];

export function applicationStatusOf(value: string | null | undefined): ApplicationStatus {
  return APPLICATION_STATUSES.includes(value as ApplicationStatus) ? (value as ApplicationStatus) : "pending";
}

export function applicationStatusLabel(status: string): string {
  const labels: Record<string, string> = { pending: "Pending", approved: "Approved", rejected: "Rejected" };
  return labels[status] ?? status;
}

export const NOTE_MAX = 1000;

export function noteProblem(note: string): string | undefined {
  return note.trim().length > NOTE_MAX ? `At most ${NOTE_MAX.toLocaleString(getDisplayLocale())} characters` : undefined;
}

// The ledger -----------------------------------------------------------------------------------------

/** Commissions: pending (held), payable, paid; reversals (refunds, disputes): open until a payout settles them. */
export function entryStatusLabel(status: string): string {
  const labels: Record<string, string> = {
    pending: "Pending",
    payable: "Payable",
    paid: "Paid",
    open: "Open",
    settled: "Settled",
  };
  return labels[status] ?? status;
}

export function entryStatusTone(status: string): "warning" | "success" | "muted" | "danger" | "info" {
  const tones: Record<string, "warning" | "success" | "muted" | "danger" | "info"> = {
    pending: "warning",
    payable: "info",
    paid: "success",
    open: "danger",
    settled: "muted",
  };
  return tones[status] ?? "muted";
}

/** "Commission (20% of an invoice)", "Bounty", "Reversal (refund)". */
export function entryKindLabel(entry: Pick<CommissionEntry, "kind" | "reason">): string {
  if (entry.kind === "commission") {
    if (entry.reason === "bounty") return "Bounty";
    return "Commission";
  }
  if (entry.kind === "reversal") {
    const why: Record<string, string> = { refund: "refund", dispute: "dispute" };
    return entry.reason && why[entry.reason] ? `Reversal (${why[entry.reason]})` : "Reversal";
  }
  return entry.kind;
}

/** Only a commission still in its hold can be made payable early. */
export function mayRelease(entry: Pick<CommissionEntry, "kind" | "status">): boolean {
  return entry.kind === "commission" && entry.status === "pending";
}

/** "2026-03" for a date (its local month). */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}`;
}

export function isMonth(value: string | null | undefined): value is string {
  return Boolean(value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value));
}

/** The month `delta` months from `month`: shiftMonth("2026-01", -1) is "2025-12". */
export function shiftMonth(month: string, delta: number): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (number - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** "March 2026". */
export function monthLabel(month: string): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return new Date(year, number - 1, 1).toLocaleDateString(getDisplayLocale(), { month: "long", year: "numeric" });
}

// Balances ---------------------------------------------------------------------------------------------

/** The program's currency first, then the others by code; an empty balance in the program's currency when there is none. */
export function balancesOf(balances: readonly PartnerBalance[], currency: string): PartnerBalance[] {
  const programs = balances.find((balance) => balance.currency === currency) ?? {
    currency,
    pending: 0,
    payable: 0,
    paid: 0,
    reversed: 0,
    reversed_open: 0,
    due: 0,
    paid_out: 0,
  };
  return [programs, ...balances.filter((balance) => balance.currency !== currency).sort((a, b) => a.currency.localeCompare(b.currency))];
}

// Fraud flags ---------------------------------------------------------------------------------------------

export function flagKindLabel(kind: string): string {
  const labels: Record<string, string> = {
    self_referral_email: "Self-referral (email)",
    self_referral_card: "Self-referral (card)",
    click_burst: "Burst of clicks",
  };
  return labels[kind] ?? kind.replace(/_/g, " ");
}

// Payouts ----------------------------------------------------------------------------------------------------

export function batchStatusLabel(status: string): string {
  const labels: Record<string, string> = { created: "Created", exported: "Exported", paid: "Paid" };
  return labels[status] ?? status;
}

export function payoutMethodLabel(method: string | null | undefined): string {
  if (method === "paypal") return "PayPal";
  if (method === "bank") return "Bank transfer";
  return method || "—";
}

export const EXPORT_LABELS: Record<ExportFormat, string> = { paypal: "PayPal", wise: "Wise" };

/** The file's name: the API's (Content-Disposition) when the browser may read it, else the same pattern. */
export function exportFileName(batchId: string, format: ExportFormat, disposition?: string | null): string {
  const named = disposition ? /filename="?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
  if (named && /^[\w.-]+\.csv$/i.test(named)) return named;
  return `convertly-payouts-${batchId}-${format}.csv`;
}

/** The PayPal file has the lines paid by PayPal only; Wise's has every line. */
export function exportable(lines: readonly { method: string }[], format: ExportFormat): boolean {
  return format === "wise" ? lines.length > 0 : lines.some((line) => line.method === "paypal");
}

export function isCurrencyCode(value: string | null | undefined): value is string {
  return Boolean(value && /^[a-z]{3}$/.test(value));
}

// Marketing assets ------------------------------------------------------------------------------------------

export const ASSET_MAX_BYTES = 10 * 1024 * 1024;
export const ASSET_TEXT_MAX = 5000;
export const ASSET_TITLE_MAX = 120;

const ASSET_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
};
export const ASSET_ACCEPT = Object.keys(ASSET_TYPES).join(",");
export const ASSET_WORDS = "PNG, JPEG, SVG or WebP images and PDFs, up to 10 MB.";

/** The Content-Type the API takes for this file (from its extension, as the browser may not know SVG's), or null. */
export function assetContentType(fileName: string): string | null {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? (ASSET_TYPES[fileName.slice(dot).toLowerCase()] ?? null) : null;
}

/** Why this file cannot be an asset, in plain words; null when it can. */
export function assetFileProblem(file: { name: string; size: number }): string | null {
  if (!assetContentType(file.name)) return `“${file.name}” cannot be an asset: ${ASSET_WORDS}`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > ASSET_MAX_BYTES) return `“${file.name}” is larger than 10 MB.`;
  return null;
}

export function assetKindLabel(asset: { kind: string; content_type: string | null }): string {
  if (asset.kind === "copy") return "Copy";
  if (asset.content_type === "application/pdf") return "PDF";
  if (asset.content_type?.startsWith("image/")) return "Image";
  return "File";
}
