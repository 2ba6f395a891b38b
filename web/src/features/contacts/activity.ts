// A contact's Activity tab: what its record says happened, newest first: when it was added, last
// changed or deleted, and when each of its leads was opened.

import type { ContactDetail } from "./types";

export interface ActivityEntry {
  key: string;
  at: string;
  text: string;
  /** The lead the entry is about, for a link. */
  lead?: { lead_id: string; name: string };
}

export function contactActivity(contact: ContactDetail): ActivityEntry[] {
  const entries: ActivityEntry[] = [{ key: "created", at: contact.created_at, text: "Contact added" }];
  if (contact.updated_at !== contact.created_at && contact.updated_at !== contact.deleted_at) {
    entries.push({ key: "updated", at: contact.updated_at, text: "Contact last changed" });
  }
  if (contact.deleted_at) entries.push({ key: "deleted", at: contact.deleted_at, text: "Contact deleted" });
  for (const lead of contact.leads) {
    entries.push({
      key: `lead-${lead.lead_id}`,
      at: lead.created_at,
      text: lead.deleted_at ? "Lead opened (since deleted)" : "Lead opened",
      lead: { lead_id: lead.lead_id, name: lead.name || "Unnamed lead" },
    });
  }
  return entries.sort((a, b) => b.at.localeCompare(a.at));
}
