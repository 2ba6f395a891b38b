import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatDate } from "../../lib/format";
import type { Company } from "./types";

export function CompanyTable({
  companies,
  caption,
  action,
}: {
  companies: Company[];
  caption: string;
  /** An extra last column (the deleted view's Restore button). */
  action?: { header: string; cell: (company: Company) => ReactNode };
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Domain</th>
            <th scope="col">Phone</th>
            <th scope="col" className="numeric">
              Contacts
            </th>
            <th scope="col">Created</th>
            {action && <th scope="col">{action.header}</th>}
          </tr>
        </thead>
        <tbody>
          {companies.map((company) => (
            <tr key={company.company_id}>
              <td>
                <Link to={`/companies/${company.company_id}`} className="lead-name">
                  {company.name || "Unnamed company"}
                </Link>
              </td>
              <td>{company.domain}</td>
              <td className="nowrap">{company.phone}</td>
              <td className="numeric">{company.contact_count}</td>
              <td>
                <time dateTime={company.created_at}>{formatDate(company.created_at)}</time>
              </td>
              {action && <td>{action.cell(company)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
