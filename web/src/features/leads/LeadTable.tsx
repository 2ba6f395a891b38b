import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatDate, formatMoney, sourceLabel } from "../../lib/format";
import type { Lookups } from "../../lib/lookups";
import { SelectPageHeader, SelectRowCell, type RowSelection } from "../bulk/SelectionCells";
import "./sort.css";
import type { Lead, LeadSort, SortOrder } from "./types";

/** The order a list is read in, and what a sorting header's click asks for. */
export interface TableOrder {
  sort: LeadSort;
  order: SortOrder;
  onSort: (sort: LeadSort) => void;
}

export function LeadTable({
  leads,
  lookups,
  caption,
  action,
  selection,
  order,
}: {
  leads: Lead[];
  lookups: Lookups;
  caption: string;
  /** An extra last column (the deleted view's Restore button). */
  action?: { header: string; cell: (lead: Lead) => ReactNode };
  /** A first column of checkboxes, for bulk actions. */
  selection?: RowSelection;
  /** The list's order: Name, Value and the date column's headers then sort it. */
  order?: TableOrder;
}) {
  // Sorted by last update, the date column shows it; otherwise the creation date.
  const updated = order?.sort === "updated";
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection && <SelectPageHeader selection={selection} />}
            <SortHeader label="Name" sort="name" order={order} />
            <th scope="col">Contact</th>
            <th scope="col">Stage</th>
            <th scope="col">Source</th>
            <th scope="col">Owner</th>
            <SortHeader label="Value" sort="value" order={order} numeric />
            <SortHeader label={updated ? "Last updated" : "Created"} sort={updated ? "updated" : "created"} order={order} />
            {action && <th scope="col">{action.header}</th>}
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.lead_id}>
              {selection && <SelectRowCell selection={selection} id={lead.lead_id} name={lead.name || "Unnamed lead"} />}
              <td>
                <Link to={`/leads/${lead.lead_id}`} className="lead-name">
                  {lead.name || "Unnamed lead"}
                </Link>
                {lead.company && <span className="muted block">{lead.company}</span>}
              </td>
              <td>
                {lead.email && <span className="block">{lead.email}</span>}
                {lead.phone && <span className="muted block">{lead.phone}</span>}
              </td>
              <td>
                <span className="badge">{lookups.stageName(lead.stage_id)}</span>
              </td>
              <td>{sourceLabel(lead.source)}</td>
              <td>{lookups.ownerName(lead.owner_id)}</td>
              <td className="numeric">{formatMoney(lead.value, lead.currency)}</td>
              <td>
                <time dateTime={updated ? lead.updated_at : lead.created_at}>
                  {formatDate(updated ? lead.updated_at : lead.created_at)}
                </time>
              </td>
              {action && <td>{action.cell(lead)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A column header; with the list's order, a button that sorts by the column (aria-sort on the one in use). */
function SortHeader({
  label,
  sort,
  order,
  numeric = false,
}: {
  label: string;
  sort: LeadSort;
  order: TableOrder | undefined;
  numeric?: boolean;
}) {
  const className = numeric ? "numeric" : undefined;
  if (!order) {
    return (
      <th scope="col" className={className}>
        {label}
      </th>
    );
  }
  const active = order.sort === sort;
  const direction = order.order === "asc" ? "ascending" : "descending";
  return (
    <th scope="col" className={className} aria-sort={active ? direction : undefined}>
      <button type="button" className="th-sort" onClick={() => order.onSort(sort)}>
        {label}
        {/* Drawn by CSS: a phone's cell labels copy the header's text (layout/tableLabels.ts). */}
        <span className="th-sort-mark" aria-hidden="true" data-mark={active ? (order.order === "asc" ? "▲" : "▼") : "↕"} />
      </button>
    </th>
  );
}
