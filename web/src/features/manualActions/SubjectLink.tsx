import { Link } from "react-router";
import type { ManualAction } from "./types";

/** The contact's name, linked to the contact (else to the lead, for a lead without one). */
export function SubjectLink({ action }: { action: Pick<ManualAction, "contact_id" | "lead_id" | "subject_name"> }) {
  const name = action.subject_name || "Unnamed contact";
  if (action.contact_id) {
    return (
      <Link className="lead-name" to={`/contacts/${encodeURIComponent(action.contact_id)}`}>
        {name}
      </Link>
    );
  }
  if (action.lead_id) {
    return (
      <Link className="lead-name" to={`/leads/${encodeURIComponent(action.lead_id)}`}>
        {name}
      </Link>
    );
  }
  return <span className="lead-name">{name}</span>;
}
