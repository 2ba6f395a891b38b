import type { ReactNode } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { EmptyState } from "../../components/ui";
import type { Lookups } from "../../lib/lookups";
import { ContactLeadsTable } from "./ContactLeadsTable";
import { TABS, type TabKey } from "./contactTabs";
import { CustomFieldsDetails } from "./CustomFieldsDetails";
import { CONSENT_CHOICE_LABELS, CONSENT_LABELS } from "./labels";
import { addressBlock, Detail, emailLink, phoneLink, tagList, websiteLink } from "./parts";
import { readConsent } from "./read";
import { RecordActivity, type KnownNames } from "./RecordActivity";
import { Tabs } from "./Tabs";
import { CONSENT_SIGNALS, type ContactDetail } from "./types";

export function ContactTabs({
  contact,
  lookups,
  tab,
  onTab,
}: {
  contact: ContactDetail;
  lookups: Lookups;
  tab: TabKey;
  onTab: (tab: TabKey) => void;
}) {
  const tabs = TABS.map((entry) => (entry.key === "leads" ? { ...entry, label: `Leads (${contact.leads.length})` } : entry));
  return (
    <Tabs label="Contact details" tabs={tabs} selected={tab} onSelect={onTab}>
      {tab === "contact" && <PersonTab contact={contact} lookups={lookups} />}
      {tab === "general" && <GeneralTab contact={contact} />}
      {tab === "additional" && <AdditionalTab contact={contact} />}
      {tab === "leads" && <LeadsTab contact={contact} lookups={lookups} />}
      {tab === "activity" && <ActivityTab contact={contact} lookups={lookups} />}
    </Tabs>
  );
}

function otherList(items: string[], label: string, kind: "email" | "phone"): ReactNode {
  if (items.length === 0) return null;
  return (
    <ul className="plain-list" aria-label={label}>
      {items.map((item) => (
        <li key={item}>{kind === "email" ? emailLink(item) : phoneLink(item)}</li>
      ))}
    </ul>
  );
}

function PersonTab({ contact, lookups }: { contact: ContactDetail; lookups: Lookups }) {
  const consent = readConsent(contact.consent);
  return (
    <div className="tab-body">
      <p className="badges">
        <span className={`badge ${contact.active ? "badge-success" : "badge-muted"}`}>{contact.active ? "Active" : "Inactive"}</span>
        {contact.test && <span className="badge badge-warning">Test contact</span>}
      </p>
      <dl className="details">
        <Detail label="First name">{contact.first_name}</Detail>
        <Detail label="Last name">{contact.last_name}</Detail>
        <Detail label="Email">
          {emailLink(contact.email)}
        </Detail>
        <Detail label="Other emails">
          {otherList(contact.emails, "Other emails", "email")}
        </Detail>
        <Detail label="Phone">
          {phoneLink(contact.phone)}
        </Detail>
        <Detail label="Other phones">
          {otherList(contact.phones, "Other phones", "phone")}
        </Detail>
        <Detail label="Country">{contact.country}</Detail>
        <Detail label="Role">{contact.role}</Detail>
        <Detail label="Owner">{lookups.ownerName(contact.owner_id)}</Detail>
        <Detail label="Tags">
          {tagList(contact.tags)}
        </Detail>
      </dl>
      <h3 className="section-title">Consent</h3>
      <dl className="details">
        {CONSENT_SIGNALS.map((signal) => (
          <Detail key={signal} label={CONSENT_LABELS[signal]}>
            {CONSENT_CHOICE_LABELS[consent[signal]]}
          </Detail>
        ))}
      </dl>
    </div>
  );
}

function GeneralTab({ contact }: { contact: ContactDetail }) {
  return (
    <dl className="details tab-body">
      <Detail label="Company">
        {contact.company_id ? (
          <Link to={`/companies/${contact.company_id}`}>{contact.company_name || "Unnamed company"}</Link>
        ) : (
          contact.company_name
        )}
      </Detail>
      <Detail label="Address">{addressBlock(contact.address)}</Detail>
      <Detail label="Website">{websiteLink(contact.website)}</Detail>
      <Detail label="Time zone">{contact.time_zone?.replace(/_/g, " ")}</Detail>
    </dl>
  );
}

function AdditionalTab({ contact }: { contact: ContactDetail }) {
  return <CustomFieldsDetails objectType="contact" values={contact.custom_fields} className="tab-body" />;
}

function LeadsTab({ contact, lookups }: { contact: ContactDetail; lookups: Lookups }) {
  const { grants } = useAuth();
  const canAdd = grants.can(Permission.leadsWrite) && !contact.deleted_at;
  const newLead = (
    <Link className="btn btn-primary" to={`/leads/new?contact_id=${encodeURIComponent(contact.contact_id)}`}>
      New lead
    </Link>
  );
  return (
    <div className="tab-body">
      <div className="row-between tab-toolbar">
        <p className="muted">Each lead is one chance of revenue with this contact, newest first.</p>
        {canAdd && newLead}
      </div>
      {contact.leads.length === 0 ? (
        <EmptyState title="No leads yet">
          {canAdd && <p>Open one with New lead when this contact asks for something.</p>}
        </EmptyState>
      ) : (
        <ContactLeadsTable leads={contact.leads} lookups={lookups} caption="Leads of this contact" />
      )}
    </div>
  );
}

function ActivityTab({ contact, lookups }: { contact: ContactDetail; lookups: Lookups }) {
  const names: KnownNames = {
    companies: new Map(contact.company_id ? [[contact.company_id, contact.company_name || "Unnamed company"]] : []),
    contacts: new Map([[contact.contact_id, contact.name]]),
    leads: new Map(contact.leads.map((lead) => [lead.lead_id, lead.name || "Unnamed lead"])),
  };
  return (
    <div className="tab-body">
      <RecordActivity record={{ kind: "contact", id: contact.contact_id }} lookups={lookups} names={names} leads={contact.leads} />
    </div>
  );
}
