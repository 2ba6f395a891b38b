import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, PageHeader, Spinner } from "../../components/ui";
import { formatDate, formatDateTime } from "../../lib/format";
import { useLookups } from "../../lib/lookups";
import { useContactsApi } from "./api";
import { ContactTabs } from "./ContactTabs";
import { contactName } from "./labels";
import { LoadError } from "./parts";
import { contactKeys } from "./queries";
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
  const { grants } = useAuth();
  const lookups = useLookups();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [confirming, setConfirming] = useState(false);
  const tab: TabKey = TABS.find((candidate) => candidate.key === params.get("tab"))?.key ?? "contact";
  const name = contactName(contact);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: contactKeys.contacts }),
      queryClient.invalidateQueries({ queryKey: contactKeys.contact(contact.contact_id) }),
      contact.company_id && queryClient.invalidateQueries({ queryKey: contactKeys.company(contact.company_id) }),
    ]);
  const restore = useMutation({
    mutationFn: () => api.restoreContact(contact.contact_id),
    onSuccess: async () => {
      toast.success("Contact restored");
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api.deleteContact(contact.contact_id),
    onSuccess: async () => {
      setConfirming(false);
      toast.success(`${name} was deleted`, { label: "Undo", run: () => restore.mutate() });
      await refresh();
      navigate("/contacts");
    },
    onError: () => setConfirming(false),
  });
  const deleted = Boolean(contact.deleted_at);

  return (
    <>
      <PageHeader
        back={
          <Link to="/contacts" className="back-link">
            ← All contacts
          </Link>
        }
        title={name}
        subtitle={
          <>
            <span className="badge">{contact.role}</span>
            {contact.company_name && <span>{contact.company_name} · </span>}
            <span>Added {formatDate(contact.created_at)}</span>
          </>
        }
        actions={
          !deleted && (
            <>
              {grants.can(Permission.contactsWrite) && (
                <Link className="btn btn-secondary" to={`/contacts/${contact.contact_id}/edit`}>
                  Edit contact
                </Link>
              )}
              {grants.can(Permission.contactsDelete) && (
                <>
                  <Link className="btn btn-secondary" to={`/contacts/merge?survivor=${encodeURIComponent(contact.contact_id)}`}>
                    Merge…
                  </Link>
                  <Button variant="danger" onClick={() => setConfirming(true)}>
                    Delete contact
                  </Button>
                </>
              )}
            </>
          )
        }
      />
      {deleted && (
        <Alert
          tone="warning"
          title={`This contact was deleted on ${formatDateTime(contact.deleted_at)}`}
          actions={
            grants.can(Permission.contactsDelete) && (
              <Button variant="primary" busy={restore.isPending} onClick={() => restore.mutate()}>
                Restore contact
              </Button>
            )
          }
        >
          It is left out of every contact list until it is restored. Its leads stay as they are.
        </Alert>
      )}
      <ContactTabs
        contact={contact}
        lookups={lookups}
        tab={tab}
        onTab={(next) => setParams(next === "contact" ? {} : { tab: next }, { replace: true })}
      />
      <ConfirmDialog
        open={confirming}
        title="Delete this contact?"
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {name} leaves every contact list; {contact.leads.length === 1 ? "its lead stays" : "its leads stay"} as{" "}
          {contact.leads.length === 1 ? "it is" : "they are"}. You can restore the contact from Deleted contacts at any time.
        </p>
      </ConfirmDialog>
    </>
  );
}
