import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatDate } from "../../lib/format";
import type { Lookups } from "../../lib/lookups";
import { contactName } from "./labels";
import type { Contact } from "./types";

export function ContactTable({
  contacts,
  lookups,
  caption,
  action,
}: {
  contacts: Contact[];
  lookups: Lookups;
  caption: string;
  /** An extra last column (the deleted view's Restore button). */
  action?: { header: string; cell: (contact: Contact) => ReactNode };
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Phone</th>
            <th scope="col">Company</th>
            <th scope="col">Role</th>
            <th scope="col">Owner</th>
            <th scope="col">Tags</th>
            <th scope="col">Created</th>
            {action && <th scope="col">{action.header}</th>}
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <tr key={contact.contact_id}>
              <td>
                <Link to={`/contacts/${contact.contact_id}`} className="lead-name">
                  {contactName(contact)}
                </Link>
              </td>
              <td>{contact.email}</td>
              <td className="nowrap">{contact.phone}</td>
              <td>
                {contact.company_id ? (
                  <Link to={`/companies/${contact.company_id}`}>{contact.company_name || "Unnamed company"}</Link>
                ) : (
                  contact.company_name
                )}
              </td>
              <td>
                <span className="badge">{contact.role}</span>
              </td>
              <td>{lookups.ownerName(contact.owner_id)}</td>
              <td>
                {contact.tags.length > 0 && (
                  <ul className="tags" aria-label="Tags">
                    {contact.tags.map((tag) => (
                      <li key={tag} className="tag">
                        {tag}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <time dateTime={contact.created_at}>{formatDate(contact.created_at)}</time>
              </td>
              {action && <td>{action.cell(contact)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
