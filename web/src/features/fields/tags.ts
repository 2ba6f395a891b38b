// Settings > Tags, without React: how many records carry a tag, in words, and the colors to pick from.

import type { Tag } from "./types";

export const TAG_COLORS: readonly { value: string; label: string }[] = [
  { value: "", label: "No color" },
  { value: "#64748b", label: "Gray" },
  { value: "#dc2626", label: "Red" },
  { value: "#ea580c", label: "Orange" },
  { value: "#d97706", label: "Amber" },
  { value: "#16a34a", label: "Green" },
  { value: "#0d9488", label: "Teal" },
  { value: "#2563eb", label: "Blue" },
  { value: "#4f46e5", label: "Indigo" },
  { value: "#9333ea", label: "Purple" },
  { value: "#db2777", label: "Pink" },
];

function counted(count: number, one: string, many: string): string {
  return `${count === 0 ? "no" : count} ${count === 1 ? one : many}`;
}

/** "3 contacts, 1 company and no leads". */
export function carriedBy(counts: Pick<Tag, "contact_count" | "company_count" | "lead_count">): string {
  return [
    counted(counts.contact_count, "contact", "contacts"),
    counted(counts.company_count, "company", "companies"),
  ].join(", ") + ` and ${counted(counts.lead_count, "lead", "leads")}`;
}

/** What the delete confirmation says before a tag is taken off everything. */
export function deleteWarning(tag: Tag): string {
  const total = tag.contact_count + tag.company_count + tag.lead_count;
  if (total === 0) return `No contact, company or lead carries ${tag.name}.`;
  return `${tag.name} is on ${carriedBy(tag)}. Deleting it takes it off all of them.`;
}

/** A color's name in the list, or the hex itself for one set elsewhere. */
export function colorLabel(color: string | null | undefined): string {
  if (!color) return "No color";
  return TAG_COLORS.find((option) => option.value === color.toLowerCase())?.label ?? color;
}

/** The color options, with a color set elsewhere (not in the list) kept selectable. */
export function colorOptions(current: string | null | undefined): { value: string; label: string }[] {
  const options = [...TAG_COLORS];
  if (current && !options.some((option) => option.value === current.toLowerCase())) options.push({ value: current, label: current });
  return options;
}
