import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatDate, sourceLabel } from "../../lib/format";
import type { Lookups } from "../../lib/lookups";
import { SelectPageHeader, SelectRowCell, type RowSelection } from "../bulk/SelectionCells";
import { contactName } from "./labels";
import { COLUMN_LABELS, DEFAULT_COLUMNS } from "./lists/columns";
import type { ListColumn } from "./lists/types";
import type { Contact } from "./types";

function day(iso: string | null): ReactNode {
  return iso ? <time dateTime={iso}>{formatDate(iso)}</time> : null;
}

/** Each column's cell, and its class when it has one. */
const CELLS: Record<ListColumn, { cell: (contact: Contact, lookups: Lookups) => ReactNode; className?: string }> = {
  name: {
    cell: (contact) => (
      <Link to={`/contacts/${contact.contact_id}`} className="lead-name">
        {contactName(contact)}
      </Link>
    ),
  },
  email: { cell: (contact) => contact.email },
  phone: { cell: (contact) => contact.phone, className: "nowrap" },
  company: {
    cell: (contact) =>
      contact.company_id ? (
        <Link to={`/companies/${contact.company_id}`}>{contact.company_name || "Unnamed company"}</Link>
      ) : (
        contact.company_name
      ),
  },
  role: { cell: (contact) => <span className="badge">{contact.role}</span> },
  owner: { cell: (contact, lookups) => lookups.ownerName(contact.owner_id) },
  tags: {
    cell: (contact) =>
      contact.tags.length > 0 && (
        <ul className="tags" aria-label="Tags">
          {contact.tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
            </li>
          ))}
        </ul>
      ),
  },
  source: { cell: (contact) => sourceLabel(contact.source) },
  created: { cell: (contact) => day(contact.created_at) },
  updated: { cell: (contact) => day(contact.updated_at) },
  last_activity: { cell: (contact) => day(contact.last_activity_at) },
  leads: { cell: (contact) => contact.lead_count, className: "numeric" },
};

export function ContactTable({
  contacts,
  lookups,
  caption,
  action,
  columns = DEFAULT_COLUMNS,
  selection,
}: {
  contacts: Contact[];
  lookups: Lookups;
  caption: string;
  /** An extra last column (the deleted view's Restore button). */
  action?: { header: string; cell: (contact: Contact) => ReactNode };
  /** The columns to show, in order (a smart list's chosen ones); the default set otherwise. */
  columns?: readonly ListColumn[];
  /** A first column of checkboxes, for bulk actions. */
  selection?: RowSelection;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && <SelectPageHeader selection={selection} />}
            {columns.map((column) => (
              <th key={column} scope="col" className={CELLS[column].className === "numeric" ? "numeric" : undefined}>
                {COLUMN_LABELS[column]}
              </th>
            ))}
            {action && <th scope="col">{action.header}</th>}
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <tr key={contact.contact_id}>
              {selection && <SelectRowCell selection={selection} id={contact.contact_id} name={contactName(contact)} />}
              {columns.map((column) => (
                <td key={column} className={CELLS[column].className}>
                  {CELLS[column].cell(contact, lookups)}
                </td>
              ))}
              {action && <td>{action.cell(contact)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
