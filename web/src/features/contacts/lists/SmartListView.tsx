import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { ApiError, errorMessage } from "../../../api/errors";
import { useAuth, useProfile } from "../../../auth/AuthProvider";
import { Permission } from "../../../auth/permissions";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { Pager } from "../../../components/Pager";
import { toast } from "../../../components/toasts";
import { Alert, Button, EmptyState, Spinner } from "../../../components/ui";
import { sourceLabel } from "../../../lib/format";
import { type Lookups, useLookups } from "../../../lib/lookups";
import { canSelect } from "../../bulk/access";
import { BulkBar } from "../../bulk/BulkBar";
import { smartListScope } from "../../bulk/scope";
import { SelectAllBanner } from "../../bulk/SelectAllBanner";
import { useBulkSelection } from "../../bulk/useBulkSelection";
import { useFieldsApi } from "../../fields/api";
import { fieldsKeys } from "../../fields/queries";
import { ContactTable } from "../ContactTable";
import { searchText } from "../search";
import { SearchBox } from "../SearchBox";
import { useSmartListsApi } from "./api";
import { ColumnsDialog } from "./ColumnsDialog";
import { shownColumns } from "./columns";
import { describeFilters } from "./describe";
import { ListBuilderDialog } from "./ListBuilderDialog";
import { LIST_SORTS, listFormFromList } from "./listForm";
import { smartListKeys, useListMembers, useSmartList } from "./queries";
import type { SmartList } from "./types";
import "./lists.css";

type Dialog = "columns" | "edit" | "delete" | null;

/**
 * One smart list on the Contacts page: what it holds, its members in its order (a search within it
 * from 3 characters) with my columns, and, for its owner or a manager, editing and deleting it.
 */
export function SmartListView({
  listId,
  q,
  onSearch,
  onLeave,
}: {
  listId: string;
  /** The search in the URL. */
  q: string;
  onSearch: (q: string | undefined) => void;
  /** Back to all contacts (the list is gone). */
  onLeave: () => void;
}) {
  const list = useSmartList(listId);
  if (list.isPending) return <Spinner label="Loading the list" />;
  if (list.isError) {
    if (list.error instanceof ApiError && list.error.status === 404) {
      return (
        <EmptyState title="This list is not there">
          <p>It may have been deleted, or it is someone else’s private list.</p>
          <Button onClick={onLeave}>Show all contacts</Button>
        </EmptyState>
      );
    }
    return (
      <Alert title="The list could not be loaded" actions={<Button onClick={() => void list.refetch()}>Try again</Button>}>
        {errorMessage(list.error)}
      </Alert>
    );
  }
  return <ListView list={list.data} q={q} onSearch={onSearch} onLeave={onLeave} />;
}

function ListView({ list, q, onSearch, onLeave }: { list: SmartList; q: string; onSearch: (q: string | undefined) => void; onLeave: () => void }) {
  const api = useSmartListsApi();
  const queryClient = useQueryClient();
  const { grants } = useAuth();
  const { user } = useProfile();
  const lookups = useLookups();
  const [dialog, setDialog] = useState<Dialog>(null);
  const mayChange = list.owner_id === user.user_id || grants.can(Permission.contactsReadAll);
  const close = useCallback(() => setDialog(null), []);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: smartListKeys.list(list.list_id) }),
      queryClient.invalidateQueries({ queryKey: smartListKeys.members(list.list_id) }),
    ]);
  const remove = useMutation({
    mutationFn: () => api.deleteSmartList(list.list_id),
    onSuccess: async () => {
      toast.success(`${list.name} was deleted`);
      setDialog(null);
      queryClient.setQueryData<SmartList[]>(smartListKeys.lists, (lists) => lists?.filter((item) => item.list_id !== list.list_id));
      onLeave();
      queryClient.removeQueries({ queryKey: smartListKeys.list(list.list_id) });
      await queryClient.invalidateQueries({ queryKey: smartListKeys.lists });
    },
    onError: () => setDialog(null),
  });

  return (
    <>
      <section className="list-head card" aria-label={`Smart list ${list.name}`}>
        <div className="card-header">
          <div>
            <h2>{list.name}</h2>
            <p className="muted">{listFacts(list, lookups, user.user_id)}</p>
          </div>
          <div className="page-actions">
            <Button onClick={() => setDialog("columns")}>Columns</Button>
            {mayChange && <Button onClick={() => setDialog("edit")}>Edit list</Button>}
            {mayChange && (
              <Button variant="danger" onClick={() => setDialog("delete")}>
                Delete list
              </Button>
            )}
          </div>
        </div>
        <ListConditions list={list} lookups={lookups} />
      </section>
      {list.status === "building" && (
        <Alert tone="info" title="Building the list…" actions={<Button onClick={() => void refresh()}>Refresh</Button>}>
          Its contacts are being gathered: they show here as they are found, and the list reads again until it is done.
        </Alert>
      )}
      <form className="filters list-search" role="search" aria-label="Find in this list" onSubmit={(event) => event.preventDefault()}>
        <SearchBox label="Search this list" placeholder="Name, email, phone, company or tag" value={q} onSearch={onSearch} />
      </form>
      <ListMembers list={list} q={q} lookups={lookups} onClear={() => onSearch(undefined)} />
      {dialog === "columns" && <ColumnsDialog list={list} onClose={close} />}
      {dialog === "edit" && <ListBuilderDialog list={list} initial={listFormFromList(list)} onSaved={close} onCancel={close} />}
      <ConfirmDialog
        open={dialog === "delete"}
        title="Delete this list?"
        confirmLabel="Delete list"
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={close}
      >
        <p>
          {list.name} is deleted{list.visibility === "team" ? " for everyone on the team" : ""}. The contacts in it stay as
          they are.
        </p>
      </ConfirmDialog>
    </>
  );
}

function listFacts(list: SmartList, lookups: Lookups, me: string): string {
  const count = list.status === "building" ? "Counting its contacts" : `${list.members} ${list.members === 1 ? "contact" : "contacts"}`;
  const order = LIST_SORTS.find((sort) => sort.value === list.sort)?.label ?? list.sort;
  const shared = list.visibility === "team" ? "Shared with the team" : "Private";
  const owner = list.owner_id === me ? "yours" : `by ${lookups.userName(list.owner_id)}`;
  return `${count} · ${order} · ${shared}, ${owner}`;
}

function ListConditions({ list, lookups }: { list: SmartList; lookups: Lookups }) {
  const fieldsApi = useFieldsApi();
  const fields = useQuery({ queryKey: fieldsKeys.customFields("contact"), queryFn: () => fieldsApi.customFields("contact"), staleTime: 60_000 });
  const lines = describeFilters(list.filters, {
    owner: lookups.ownerName,
    stage: lookups.stageName,
    source: sourceLabel,
    fields: fields.data?.fields ?? [],
  });
  if (lines.length === 0) return <p className="list-conditions">Every active contact that is not a test contact.</p>;
  return (
    <ul className="list-conditions" aria-label="Conditions">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function ListMembers({ list, q, lookups, onClear }: { list: SmartList; q: string; lookups: Lookups; onClear: () => void }) {
  const { grants } = useAuth();
  const search = searchText(q);
  const pages = useListMembers({ listId: list.list_id, version: list.version, status: list.status, ...(search ? { q: search } : {}) });
  // "All matching" is every member of the list (with the search within it), on every page.
  const matching = useMemo(() => smartListScope(list.list_id, search), [list.list_id, search]);
  const pageIds = (pages.query.data?.items ?? []).map((contact) => contact.contact_id);
  const bulk = useBulkSelection(matching, pageIds, "contact");
  const selectable = canSelect("contacts", grants);
  if (pages.query.isPending) return <Spinner label="Loading the list’s contacts" />;
  if (pages.query.isError) {
    return (
      <Alert title="The list’s contacts could not be loaded" actions={<Button onClick={() => void pages.query.refetch()}>Try again</Button>}>
        {errorMessage(pages.query.error)}
      </Alert>
    );
  }
  const contacts = pages.query.data.items;
  if (contacts.length === 0 && !pages.hasNext && pages.page === 1) return <NoMembers list={list} searched={Boolean(search)} onClear={onClear} />;
  return (
    <>
      {selectable && <SelectAllBanner selection={bulk.selection} pageIds={pageIds} onSelectMatching={bulk.selectMatching} onClear={bulk.clear} />}
      {contacts.length > 0 ? (
        <ContactTable
          contacts={contacts}
          lookups={lookups}
          caption={`Contacts in ${list.name}`}
          columns={shownColumns(list.columns)}
          selection={selectable ? bulk.rows : undefined}
        />
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

function NoMembers({ list, searched, onClear }: { list: SmartList; searched: boolean; onClear: () => void }) {
  if (searched) {
    return (
      <EmptyState title="No contacts in this list match the search">
        <p>Check the spelling, or search by another part of the name, email or phone.</p>
        <Button onClick={onClear}>Clear the search</Button>
      </EmptyState>
    );
  }
  if (list.status === "building") return <p className="muted">No contacts found for this list yet.</p>;
  return (
    <EmptyState title="No contacts in this list">
      <p>No contact meets its conditions now. A contact joins the list as soon as it does.</p>
    </EmptyState>
  );
}
