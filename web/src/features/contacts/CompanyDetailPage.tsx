import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Card, EmptyState, Spinner } from "../../components/ui";
import { formatDate, formatDateTime } from "../../lib/format";
import { type Lookups, useLookups } from "../../lib/lookups";
import { useContactsApi } from "./api";
import { ContactLeadsTable } from "./ContactLeadsTable";
import { CustomFieldsDetails } from "./CustomFieldsDetails";
import { contactName } from "./labels";
import { addressBlock, Detail, emailLink, LoadError, phoneLink, tagList, websiteLink } from "./parts";
import { PrimaryContactCard } from "./PrimaryContactCard";
import { contactKeys } from "./queries";
import { RecordActivity, type KnownNames } from "./RecordActivity";
import { RecordDetail } from "./RecordDetail";
import type { CompanyDetail } from "./types";
import "./contacts.css";

export function CompanyDetailPage() {
  const { companyId = "" } = useParams();
  const api = useContactsApi();
  const company = useQuery({
    queryKey: contactKeys.company(companyId),
    queryFn: () => api.getCompany(companyId),
    meta: { inlineErrors: true },
  });
  if (company.isPending) return <Spinner label="Loading the company" />;
  if (company.isError) {
    return <LoadError error={company.error} noun="company" back={{ to: "/companies", label: "Back to companies" }} retry={() => void company.refetch()} />;
  }
  return <CompanyView company={company.data} />;
}

function CompanyView({ company }: { company: CompanyDetail }) {
  const api = useContactsApi();
  const lookups = useLookups();
  const queryClient = useQueryClient();

  return (
    <RecordDetail
      kind="company"
      id={company.company_id}
      name={company.name}
      deletedAt={company.deleted_at}
      subtitle={
        <>
          {company.domain && <span>{company.domain} · </span>}
          <span>Added {formatDate(company.created_at)}</span>
        </>
      }
      remove={() => api.deleteCompany(company.company_id)}
      restore={() => api.restoreCompany(company.company_id)}
      refresh={() =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: contactKeys.companies }),
          queryClient.invalidateQueries({ queryKey: contactKeys.company(company.company_id) }),
        ])
      }
      deletedNotice="It is left out of the company lists until it is restored. Its contacts stay as they are."
      confirmDelete={
        <p>{company.name} leaves the company lists; its contacts and their leads stay. You can restore it from Deleted companies at any time.</p>
      }
    >
      <div className="detail-grid">
        <div className="detail-main">
          <CompanyContacts company={company} />
          <Card title="Leads">
            {company.leads.length === 0 ? (
              <p className="muted">No leads yet: a lead opened for one of its contacts shows here.</p>
            ) : (
              <ContactLeadsTable leads={company.leads} lookups={lookups} caption="Leads of this company's contacts" />
            )}
          </Card>
          <Card title="Activity">
            <RecordActivity record={{ kind: "company", id: company.company_id }} lookups={lookups} names={knownNames(company)} />
          </Card>
        </div>
        <div className="detail-side">
          <CompanyDetails company={company} lookups={lookups} />
          <Card title="Additional info">
            <CustomFieldsDetails objectType="company" values={company.custom_fields} />
          </Card>
          <PrimaryContactCard company={company} />
        </div>
      </div>
    </RecordDetail>
  );
}

/** The names the company's page holds, for its Activity's links. */
function knownNames(company: CompanyDetail): KnownNames {
  return {
    companies: new Map([[company.company_id, company.name]]),
    contacts: new Map(company.contacts.map((contact) => [contact.contact_id, contactName(contact)])),
    leads: new Map(company.leads.map((lead) => [lead.lead_id, lead.name || "Unnamed lead"])),
  };
}

function CompanyContacts({ company }: { company: CompanyDetail }) {
  const { grants } = useAuth();
  const add = grants.can(Permission.contactsWrite) && !company.deleted_at && (
    <Link className="btn btn-secondary btn-small" to={`/contacts/new?company_id=${encodeURIComponent(company.company_id)}`}>
      Add a contact
    </Link>
  );
  return (
    <Card title="Contacts" actions={add}>
      {company.contacts.length === 0 ? (
        <EmptyState title="No contacts yet">
          <p>Give a contact this company on its form, or add one here.</p>
        </EmptyState>
      ) : (
        <ul className="contact-list" aria-label="Contacts of this company">
          {company.contacts.map((contact) => (
            <li key={contact.contact_id}>
              <Link to={`/contacts/${contact.contact_id}`} className="lead-name">
                {contactName(contact)}
              </Link>{" "}
              <span className="badge">{contact.role}</span>
              {contact.contact_id === company.primary_contact_id && <span className="badge badge-success">Primary contact</span>}
              <span className="muted block">
                {emailLink(contact.email)}
                {contact.email && contact.phone && " · "}
                {phoneLink(contact.phone)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function CompanyDetails({ company, lookups }: { company: CompanyDetail; lookups: Lookups }) {
  return (
    <Card title="Details">
      <dl className="details">
        <Detail label="Domain">{company.domain}</Detail>
        <Detail label="Phone">
          {phoneLink(company.phone)}
        </Detail>
        <Detail label="Website">{websiteLink(company.website)}</Detail>
        <Detail label="Address">{addressBlock(company.address)}</Detail>
        <Detail label="Tags">
          {tagList(company.tags)}
        </Detail>
        <Detail label="Owner">{lookups.ownerName(company.owner_id)}</Detail>
        <Detail label="Contacts">{String(company.contact_count)}</Detail>
        <Detail label="Last updated">{formatDateTime(company.updated_at)}</Detail>
      </dl>
    </Card>
  );
}
