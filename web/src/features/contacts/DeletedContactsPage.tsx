import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Pager } from "../../components/Pager";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, PageHeader, Spinner } from "../../components/ui";
import { formatDate } from "../../lib/format";
import { useLookups } from "../../lib/lookups";
import { canSelect } from "../bulk/access";
import { BulkBar } from "../bulk/BulkBar";
import { contactListScope } from "../bulk/scope";
import { SelectAllBanner } from "../bulk/SelectAllBanner";
import { useBulkSelection } from "../bulk/useBulkSelection";
import { useContactsApi } from "./api";
import { ContactTable } from "./ContactTable";
import { contactListQuery } from "./filters";
import { contactName } from "./labels";
import { contactKeys, useContactPages } from "./queries";
import type { Contact } from "./types";
import "./contacts.css";

export function DeletedContactsPage() {
  const api = useContactsApi();
  const queryClient = useQueryClient();
  const lookups = useLookups();
  const query = useMemo(() => contactListQuery({}, true), []);
  const pages = useContactPages(query);
  const restore = useMutation({
    mutationFn: (contact: Contact) => api.restoreContact(contact.contact_id),
    onSuccess: (contact) => {
      toast.success(`${contactName(contact)} is restored`);
      void queryClient.invalidateQueries({ queryKey: contactKeys.contacts });
      void queryClient.invalidateQueries({ queryKey: contactKeys.contact(contact.contact_id) });
    },
  });
  const contacts = pages.query.data?.items ?? [];
  // Restore many at once: the selected contacts, or every deleted contact.
  const { grants } = useAuth();
  const matching = useMemo(() => contactListScope(query), [query]);
  const pageIds = contacts.map((contact) => contact.contact_id);
  const bulk = useBulkSelection(matching, pageIds, "deleted contact");
  const selectable = canSelect("contacts", grants, "deleted");

  return (
    <>
      <PageHeader
        title="Deleted contacts"
        subtitle="Deleted contacts leave every list; their leads stay. Restore one to bring it back as it was."
        back={
          <Link to="/contacts" className="back-link">
            ← All contacts
          </Link>
        }
      />
      {pages.query.isPending && <Spinner label="Loading deleted contacts" />}
      {pages.query.isError && <Alert title="The deleted contacts could not be loaded">{errorMessage(pages.query.error)}</Alert>}
      {pages.query.isSuccess && contacts.length === 0 && pages.page === 1 && !pages.hasNext && (
        <EmptyState title="No deleted contacts">
          <p>Contacts you delete appear here, and you can restore them.</p>
        </EmptyState>
      )}
      {contacts.length > 0 && (
        <>
          {selectable && <SelectAllBanner selection={bulk.selection} pageIds={pageIds} onSelectMatching={bulk.selectMatching} onClear={bulk.clear} />}
          <ContactTable
            contacts={contacts}
            lookups={lookups}
            caption="Deleted contacts"
            selection={selectable ? bulk.rows : undefined}
            action={{
              header: "Deleted",
              cell: (contact) => (
                <div className="cell-actions">
                  <span className="muted">{formatDate(contact.deleted_at)}</span>
                  <Button
                    variant="secondary"
                    className="btn-small"
                    aria-label={`Restore ${contactName(contact)}`}
                    busy={restore.isPending && restore.variables?.contact_id === contact.contact_id}
                    onClick={() => restore.mutate(contact)}
                  >
                    Restore
                  </Button>
                </div>
              ),
            }}
          />
          <Pager
            page={pages.page}
            count={contacts.length}
            hasPrevious={pages.hasPrevious}
            hasNext={pages.hasNext}
            onPrevious={pages.previous}
            onNext={pages.next}
            busy={pages.query.isFetching}
            noun={["contact", "contacts"]}
          />
          {selectable && <BulkBar selection={bulk.selection} matching={matching} onClear={bulk.clear} view="deleted" />}
        </>
      )}
    </>
  );
}
