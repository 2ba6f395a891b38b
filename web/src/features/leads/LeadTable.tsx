import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatDate, formatMoney, sourceLabel } from "../../lib/format";
import type { Lookups } from "../../lib/lookups";
import { SelectPageHeader, SelectRowCell, type RowSelection } from "../bulk/SelectionCells";
import type { Lead } from "./types";

export function LeadTable({
  leads,
  lookups,
  caption,
  action,
  selection,
}: {
  leads: Lead[];
  lookups: Lookups;
  caption: string;
  /** An extra last column (the deleted view's Restore button). */
  action?: { header: string; cell: (lead: Lead) => ReactNode };
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
            <th scope="col">Name</th>
            <th scope="col">Contact</th>
            <th scope="col">Stage</th>
            <th scope="col">Source</th>
            <th scope="col">Owner</th>
            <th scope="col" className="numeric">
              Value
            </th>
            <th scope="col">Created</th>
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
                <time dateTime={lead.created_at}>{formatDate(lead.created_at)}</time>
              </td>
              {action && <td>{action.cell(lead)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
