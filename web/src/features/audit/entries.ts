// How an audit entry reads.

import type { AuditEntry } from "./types";

/** Whom an entry names: Convertly's staff are no users of the tenant, so its log has no name for them. */
export function who(entry: Pick<AuditEntry, "actor_name" | "actor_id" | "category">): string {
  if (entry.actor_name) return entry.actor_name;
  if (!entry.actor_id) return "Convertly";
  return entry.category === "access" ? "Convertly support" : "A former user";
}
