import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Card } from "../../components/ui";
import type { LeadDetail } from "../leads/types";
import { Detail, emailLink, phoneLink } from "./parts";
import { readLeadContact } from "./read";

/**
 * A lead's page: the person the lead is for. The contact (LeadDetail.contact) links to its page and
 * its company's; a lead from before contacts shows its own copy of the person.
 */
export function LeadContactCard({ lead }: { lead: LeadDetail }) {
  const { grants } = useAuth();
  const contact = readLeadContact(lead.contact);
  const linked = grants.can(Permission.contactsRead);
  if (!contact) {
    return (
      <Card title="Contact">
        <dl className="details">
          <Detail label="Name">{[lead.first_name, lead.last_name].filter(Boolean).join(" ")}</Detail>
          <Detail label="Email">
            {emailLink(lead.email)}
          </Detail>
          <Detail label="Phone">
            {phoneLink(lead.phone)}
          </Detail>
          <Detail label="Company">{lead.company}</Detail>
        </dl>
      </Card>
    );
  }
  const name = contact.name || "Unnamed contact";
  return (
    <Card title="Contact">
      <dl className="details">
        <Detail label="Name">{linked ? <Link to={`/contacts/${contact.contact_id}`}>{name}</Link> : name}</Detail>
        <Detail label="Email">
          {emailLink(contact.email)}
        </Detail>
        <Detail label="Phone">
          {phoneLink(contact.phone)}
        </Detail>
        <Detail label="Company">
          {contact.company_id && linked ? (
            <Link to={`/companies/${contact.company_id}`}>{contact.company_name || "Unnamed company"}</Link>
          ) : (
            contact.company_name
          )}
        </Detail>
        <Detail label="Role">{contact.role}</Detail>
      </dl>
    </Card>
  );
}
