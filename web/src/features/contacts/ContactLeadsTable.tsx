import { Link } from "react-router";
import { formatDate, formatMoney } from "../../lib/format";
import type { Lookups } from "../../lib/lookups";
import type { ContactLead } from "./types";

/** A contact's or a company's leads: each links to its page, with its stage and value. */
export function ContactLeadsTable({
  leads,
  lookups,
  caption,
  showOwner = true,
}: {
  leads: ContactLead[];
  lookups: Lookups;
  caption: string;
  showOwner?: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Lead</th>
            <th scope="col">Stage</th>
            <th scope="col" className="numeric">
              Value
            </th>
            {showOwner && <th scope="col">Owner</th>}
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.lead_id}>
              <td>
                <Link to={`/leads/${lead.lead_id}`} className="lead-name">
                  {lead.name || "Unnamed lead"}
                </Link>
                {lead.deleted_at && <span className="badge badge-muted">Deleted</span>}
              </td>
              <td>
                <span className="badge">{lookups.stageName(lead.stage_id)}</span>
              </td>
              <td className="numeric">{formatMoney(lead.value, lead.currency)}</td>
              {showOwner && <td>{lookups.ownerName(lead.owner_id)}</td>}
              <td>
                <time dateTime={lead.created_at}>{formatDate(lead.created_at)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
