// CSV as RFC 4180 reads it: comma-separated, CRLF line ends, a field quoted when it holds a comma,
// a quote, a line break or edge spaces, and quotes inside doubled.

import { currencyDigits } from "../../lib/format";
import { readAttribution } from "./attribution";
import type { LeadFilters } from "./filters";
import type { Lead, LeadPage, TouchAttribution } from "./types";

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
// A spreadsheet runs a cell that starts like a formula; lead fields come from public web forms.
const FORMULA_START = /^[=@\t\r]/;
const SIGNED = /^[+-]/;
const PLAIN_NUMBER = /^[+-]?[\d\s().-]*$/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text) || (SIGNED.test(text) && !PLAIN_NUMBER.test(text))) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  const lines = [columns.map((column) => csvCell(column.header)).join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export interface LeadLookups {
  stageName: (stageId: string) => string;
  ownerName: (ownerId: string | null) => string;
}

/** A lead custom field's definition, as far as the export needs it. */
export interface ExportedField {
  key: string;
  label: string;
}

/** A custom field's value as a spreadsheet cell: choices joined, Yes/No, numbers and amounts as stored. */
export function customCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String).join("; ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return value;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The export's columns: the lead, its attribution, its contact, then each lead custom field by its
 * label (in the definitions' order). */
export function leadColumns(lookups: LeadLookups, customFields: readonly ExportedField[] = []): Column<Lead>[] {
  const attribution = (key: Exclude<keyof TouchAttribution, "consent">) => (lead: Lead) => readAttribution(lead.attribution)[key];
  return [
    { header: "Lead ID", value: (lead) => lead.lead_id },
    { header: "First name", value: (lead) => lead.first_name },
    { header: "Last name", value: (lead) => lead.last_name },
    { header: "Email", value: (lead) => lead.email },
    { header: "Phone", value: (lead) => lead.phone },
    { header: "Company", value: (lead) => lead.company },
    { header: "Stage", value: (lead) => lookups.stageName(lead.stage_id) },
    { header: "Source", value: (lead) => lead.source },
    { header: "Owner", value: (lead) => lookups.ownerName(lead.owner_id) },
    // A spreadsheet number with the currency's digits: 1200.00 USD, 7500 JPY, 1.234 KWD
    { header: "Value", value: (lead) => lead.value.toFixed(currencyDigits(lead.currency)) },
    { header: "Currency", value: (lead) => lead.currency },
    { header: "Tags", value: (lead) => lead.tags.join("; ") },
    { header: "Created at", value: (lead) => lead.created_at },
    { header: "gclid", value: attribution("gclid") },
    { header: "gbraid", value: attribution("gbraid") },
    { header: "wbraid", value: attribution("wbraid") },
    { header: "fbclid", value: attribution("fbclid") },
    { header: "msclkid", value: attribution("msclkid") },
    { header: "UTM source", value: attribution("utm_source") },
    { header: "UTM medium", value: attribution("utm_medium") },
    { header: "UTM campaign", value: attribution("utm_campaign") },
    { header: "Landing page", value: attribution("landing_page") },
    { header: "Referrer", value: attribution("referrer") },
    { header: "Contact ID", value: (lead) => lead.contact_id },
    ...customFields.map((field) => ({
      header: field.label,
      value: (lead: Lead) => customCell((lead.custom_fields as Record<string, unknown>)[field.key]),
    })),
  ];
}

export const EXPORT_PAGE_SIZE = 100;

export type PageFetcher = (filters: LeadFilters, cursor: string | null, limit: number) => Promise<LeadPage>;

/** Every lead matching `filters`, page by page (the API's largest page), in the list's order. */
export async function fetchAllLeads(
  fetchPage: PageFetcher,
  filters: LeadFilters,
  onProgress?: (loaded: number) => void,
): Promise<Lead[]> {
  const leads: Lead[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: LeadPage = await fetchPage(filters, cursor, EXPORT_PAGE_SIZE);
    leads.push(...page.items);
    onProgress?.(leads.length);
    if (page.next_cursor !== null && seen.has(page.next_cursor)) break; // a cursor must move on
    if (page.next_cursor !== null) seen.add(page.next_cursor);
    cursor = page.next_cursor;
  } while (cursor);
  return leads;
}

export function csvFileName(now: Date, deleted = false): string {
  const day = now.toISOString().slice(0, 10);
  return deleted ? `deleted-leads-${day}.csv` : `leads-${day}.csv`;
}
