import { useCallback, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, PageHeader, Spinner } from "../../components/ui";
import { type Lookups, useLookups } from "../../lib/lookups";
import { canSelect } from "../bulk/access";
import { BulkBar } from "../bulk/BulkBar";
import { contactListScope } from "../bulk/scope";
import { SelectAllBanner } from "../bulk/SelectAllBanner";
import { useBulkSelection } from "../bulk/useBulkSelection";
import { ContactFiltersBar } from "./ContactFiltersBar";
import { ContactTable } from "./ContactTable";
import { contactFiltersFromParams, contactListQuery, paramsFromFilters, type ContactFilters } from "./filters";
import { ListBuilderDialog } from "./lists/ListBuilderDialog";
import { listFormFromContactFilters } from "./lists/listForm";
import { SmartListSelect } from "./lists/SmartListSelect";
import { SmartListView } from "./lists/SmartListView";
import { useContactPages } from "./queries";
import "./contacts.css";

/** The URL of a smart list on this page (`list`), with the search within it. */
function listParams(listId: string | null, q?: string): URLSearchParams {
  const params = new URLSearchParams();
  if (listId) params.set("list", listId);
  if (listId && q) params.set("q", q);
  return params;
}

export function ContactListPage() {
  const { grants } = useAuth();
  const lookups = useLookups();
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const filters = useMemo(() => contactFiltersFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const setFilters = useCallback((next: ContactFilters) => setParams(paramsFromFilters(next), { replace: true }), [setParams]);
  // A chosen smart list is in the URL, so a reload (or a shared link) shows the same list.
  const listId = params.get("list") || null;
  const chooseList = useCallback((id: string | null) => setParams(listParams(id)), [setParams]);
  const searchList = useCallback((q: string | undefined) => setParams(listParams(listId, q), { replace: true }), [listId, setParams]);
  const [saving, setSaving] = useState(false);
  const seesAll = grants.can(Permission.contactsReadAll);

  return (
    <>
      <PageHeader
        title="Contacts"
        subtitle={seesAll ? "The people in your account: leads, prospects and clients" : "The contacts you own"}
        actions={
          <>
            {grants.can(Permission.contactsDelete) && (
              <Link className="btn btn-secondary" to="/contacts/duplicates">
                Possible duplicates
              </Link>
            )}
            {grants.can(Permission.contactsDelete) && (
              <Link className="btn btn-secondary" to="/contacts/deleted">
                Deleted contacts
              </Link>
            )}
            {grants.can(Permission.contactsWrite) && (
              <Link className="btn btn-primary" to="/contacts/new">
                New contact
              </Link>
            )}
          </>
        }
      />
      <div className="list-bar">
        <SmartListSelect value={listId} onChange={chooseList} />
        {!listId && <Button onClick={() => setSaving(true)}>Save as smart list</Button>}
      </div>
      {listId ? (
        <SmartListView key={listId} listId={listId} q={params.get("q") ?? ""} onSearch={searchList} onLeave={() => chooseList(null)} />
      ) : (
        <>
          {/* The API lists one of role and owner at a time, and a Sales user's list is always their own,
              so only roles that see every contact filter by role. */}
          <ContactFiltersBar filters={filters} onChange={setFilters} lookups={lookups} showRole={seesAll} showOwner={seesAll} />
          <ContactResults filters={filters} lookups={lookups} onClear={() => setFilters({})} />
        </>
      )}
      {saving && (
        <ListBuilderDialog
          initial={listFormFromContactFilters(filters)}
          onSaved={(list) => {
            setSaving(false);
            chooseList(list.list_id);
          }}
          onCancel={() => setSaving(false)}
        />
      )}
    </>
  );
}

function ContactResults({ filters, lookups, onClear }: { filters: ContactFilters; lookups: Lookups; onClear: () => void }) {
  const { grants } = useAuth();
  const query = useMemo(() => contactListQuery(filters), [filters]);
  const pages = useContactPages(query);
  // "All matching" is every contact this query lists, on every page.
  const matching = useMemo(() => contactListScope(query), [query]);
  const pageIds = (pages.query.data?.items ?? []).map((contact) => contact.contact_id);
  const bulk = useBulkSelection(matching, pageIds, "contact");
  const selectable = canSelect("contacts", grants);
  if (pages.query.isPending) return <Spinner label="Loading contacts" />;
  if (pages.query.isError) {
    return (
      <Alert title="The contacts could not be loaded" actions={<Button onClick={() => void pages.query.refetch()}>Try again</Button>}>
        {errorMessage(pages.query.error)}
      </Alert>
    );
  }
  const contacts = pages.query.data.items;
  if (contacts.length === 0 && !pages.hasNext && pages.page === 1) {
    // A search too short to send narrows nothing: the list is then the whole list.
    return <NoContacts filtered={Boolean(query.q || query.role || query.owner_id)} onClear={onClear} />;
  }
  return (
    <>
      {selectable && <SelectAllBanner selection={bulk.selection} pageIds={pageIds} onSelectMatching={bulk.selectMatching} onClear={bulk.clear} />}
      {contacts.length > 0 ? (
        <ContactTable contacts={contacts} lookups={lookups} caption="Contacts" selection={selectable ? bulk.rows : undefined} />
      ) : (
        <p className="muted">No matching contacts on this page.</p>
      )}
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
      {selectable && <BulkBar selection={bulk.selection} matching={matching} onClear={bulk.clear} />}
    </>
  );
}

function NoContacts({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  const { grants } = useAuth();
  if (filtered) {
    return (
      <EmptyState title="No contacts match these filters">
        <p>Check the spelling, or search by another part of the name, email or phone.</p>
        <Button onClick={onClear}>Clear filters</Button>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No contacts yet">
      <p>
        A contact is added for each new person a lead comes from: through your forms, ad campaigns, or a lead you add by
        hand.
        {grants.can(Permission.contactsWrite) && (
          <>
            {" "}
            You can also <Link to="/contacts/new">add a contact</Link>.
          </>
        )}
      </p>
    </EmptyState>
  );
}
