import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams, useSearchParams } from "react-router";
import { Spinner } from "../../components/ui";
import { formatDate } from "../../lib/format";
import { useLookups } from "../../lib/lookups";
import { WorkflowsPanel } from "../enrolments/WorkflowsPanel";
import { SendEmailButton } from "../messaging/SendEmailDialog";
import { SendSmsButton } from "../messaging/SendSmsDialog";
import { useContactsApi } from "./api";
import { ContactTabs } from "./ContactTabs";
import { contactName } from "./labels";
import { LoadError } from "./parts";
import { contactKeys } from "./queries";
import { RecordDetail } from "./RecordDetail";
import { TABS, type TabKey } from "./contactTabs";
import type { ContactDetail } from "./types";
import "./contacts.css";

export function ContactDetailPage() {
  const { contactId = "" } = useParams();
  const api = useContactsApi();
  const contact = useQuery({
    queryKey: contactKeys.contact(contactId),
    queryFn: () => api.getContact(contactId),
    meta: { inlineErrors: true },
  });
  if (contact.isPending) return <Spinner label="Loading the contact" />;
  if (contact.isError) {
    return <LoadError error={contact.error} noun="contact" back={{ to: "/contacts", label: "Back to contacts" }} retry={() => void contact.refetch()} />;
  }
  return <ContactView contact={contact.data} />;
}

function ContactView({ contact }: { contact: ContactDetail }) {
  const api = useContactsApi();
  const lookups = useLookups();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.find((candidate) => candidate.key === params.get("tab"))?.key ?? "contact";
  const name = contactName(contact);

  return (
    <RecordDetail
      kind="contact"
      id={contact.contact_id}
      name={name}
      deletedAt={contact.deleted_at}
      subtitle={
        <>
          <span className="badge">{contact.role}</span>
          {contact.company_name && <span>{contact.company_name} · </span>}
          <span>Added {formatDate(contact.created_at)}</span>
        </>
      }
      remove={() => api.deleteContact(contact.contact_id)}
      restore={() => api.restoreContact(contact.contact_id)}
      refresh={() =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: contactKeys.contacts }),
          queryClient.invalidateQueries({ queryKey: contactKeys.contact(contact.contact_id) }),
          contact.company_id && queryClient.invalidateQueries({ queryKey: contactKeys.company(contact.company_id) }),
        ])
      }
      deletedNotice="It is left out of every contact list until it is restored. Its leads stay as they are."
      confirmDelete={
        <p>
          {name} leaves every contact list; {contact.leads.length === 1 ? "its lead stays" : "its leads stay"} as{" "}
          {contact.leads.length === 1 ? "it is" : "they are"}. You can restore the contact from Deleted contacts at any time.
        </p>
      }
    >
      <div className="record-toolbar">
        <SendEmailButton contact={contact} />
        <SendSmsButton contact={contact} />
      </div>
      <ContactTabs
        contact={contact}
        lookups={lookups}
        tab={tab}
        onTab={(next) => setParams(next === "contact" ? {} : { tab: next }, { replace: true })}
      />
      <WorkflowsPanel subject={{ kind: "contact", id: contact.contact_id, name }} deleted={Boolean(contact.deleted_at)} />
    </RecordDetail>
  );
}
