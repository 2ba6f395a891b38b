import { Link } from "react-router";
import { subjectPath } from "./paths";
import type { Enrolment } from "./types";

/** The name of an enrolment's lead (or contact), linked to its page. */
export function SubjectLink({ enrolment }: { enrolment: Pick<Enrolment, "lead_id" | "contact_id" | "subject_name"> }) {
  const path = subjectPath(enrolment);
  // A test run does not record the name of whom it ran for: it reads as what it is.
  const name = enrolment.subject_name || (enrolment.lead_id ? "A lead" : enrolment.contact_id ? "A contact" : "Unnamed");
  return path ? (
    <Link to={path} className="lead-name">
      {name}
    </Link>
  ) : (
    <span className="lead-name">{name}</span>
  );
}
