import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { toast } from "../../../components/toasts";
import { Card, EmptyState, PageHeader } from "../../../components/ui";
import { useLookups } from "../../../lib/lookups";
import { leadKeys } from "../../leads/queries";
import { useContactsApi } from "../api";
import { contactName } from "../labels";
import { Detail } from "../parts";
import { contactKeys } from "../queries";
import { SearchPicker } from "../SearchPicker";
import type { ContactDetail } from "../types";
import { useMergeApi } from "./api";
import { MergeForm } from "./MergeForm";
import { MergeSteps, pairActions, useMergePair } from "./mergePair";
import { contactMergeRows, keptFromBoth, mergeBody } from "./mergeFields";
import "./merge.css";

/** Other emails (or phones) a contact keeps besides its primary one; a merge drops the rest. */
const MAX_OTHERS = 5;
const PICKER_RESULTS = 8;

/**
 * Merge a duplicate contact into the one that stays: /contacts/merge?survivor=<id>&duplicate=<id>;
 * with only `survivor`, the duplicate is picked by searching for it.
 */
export function ContactMergePage() {
  const api = useContactsApi();
  const pair = useMergePair((contactId) => ({ queryKey: contactKeys.contact(contactId), queryFn: () => api.getContact(contactId) }));

  return (
    <>
      <PageHeader
        back={
          <Link to="/contacts/duplicates" className="back-link">
            ← Possible duplicates
          </Link>
        }
        title="Merge contacts"
        subtitle="The contact that stays takes the values you choose, and keeps everything both have."
        actions={pairActions(pair)}
      />
      {pair.survivorId ? (
        <MergeSteps
          pair={pair}
          noun="contact"
          back={{ to: "/contacts/duplicates", label: "Possible duplicates" }}
          picker={(survivor, onPick) => <DuplicatePicker survivor={survivor} onPick={onPick} />}
          merge={(survivor, duplicate, onReload) => <ContactMerge survivor={survivor} duplicate={duplicate} onReload={onReload} />}
        />
      ) : (
        <EmptyState title="Pick the contact to keep">
          <p>
            Open a pair from <Link to="/contacts/duplicates">Possible duplicates</Link> to merge it.
          </p>
        </EmptyState>
      )}
    </>
  );
}

function DuplicatePicker({ survivor, onPick }: { survivor: ContactDetail; onPick: (contactId: string) => void }) {
  const api = useContactsApi();
  return (
    <Card title={`Keep ${contactName(survivor)}`} className="merge-pick">
      <SearchPicker
        label="Contact to merge into it"
        placeholder="Search by name, email or phone"
        hint="The contact you pick is merged into this one, then deleted"
        noun="contact"
        value={null}
        queryKey={(q) => [...contactKeys.contactSearch(q), "merge", survivor.contact_id]}
        search={async (q, signal) =>
          (await api.listContacts({ q }, null, PICKER_RESULTS, signal)).items
            .filter((contact) => contact.contact_id !== survivor.contact_id)
            .map((contact) => ({ id: contact.contact_id, name: contactName(contact), detail: contact.email || contact.phone || contact.company_name }))
        }
        onChange={(picked) => picked && onPick(picked.id)}
      />
    </Card>
  );
}

function mergeBlocked(survivor: ContactDetail, duplicate: ContactDetail): string | null {
  const kept = contactName(survivor);
  const merged = contactName(duplicate);
  if (duplicate.merged_into === survivor.contact_id) return `${merged} was already merged into ${kept}.`;
  if (survivor.deleted_at) return `${kept} is deleted: restore it before merging another contact into it.`;
  if (duplicate.deleted_at) return `${merged} is deleted: restore it before merging it.`;
  return null;
}

function ContactMerge({ survivor, duplicate, onReload }: { survivor: ContactDetail; duplicate: ContactDetail; onReload: () => Promise<unknown> }) {
  const api = useMergeApi();
  const lookups = useLookups();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const names = { survivor: contactName(survivor), duplicate: contactName(duplicate) };
  const moving = duplicate.leads.length;

  return (
    <MergeForm
      noun="contact"
      names={names}
      rows={contactMergeRows(survivor, duplicate, { owner: lookups.ownerName })}
      kept={<KeptFromBoth survivor={survivor} duplicate={duplicate} />}
      blocked={mergeBlocked(survivor, duplicate)}
      cancelTo="/contacts/duplicates"
      confirmBody={
        <p>
          {names.duplicate} will be deleted, and its page will point to {names.survivor}.{" "}
          {moving === 0 ? "It has no leads to move." : `Its ${moving === 1 ? "lead moves" : `${moving} leads move`} to ${names.survivor}.`} A merge cannot be undone.
        </p>
      }
      merge={async (choices) => {
        const merged = await api.mergeContacts(
          mergeBody({ id: survivor.contact_id, version: survivor.version }, { id: duplicate.contact_id, version: duplicate.version }, choices),
        );
        toast.success(`Contacts merged into ${contactName(merged)}`);
        // Both contacts, every list they were in, and the moved leads (their contact changed).
        await Promise.all(
          [contactKeys.contacts, ["contact"], contactKeys.companies, ["company"], leadKeys.leads, ["lead"]].map((queryKey) =>
            queryClient.invalidateQueries({ queryKey }),
          ),
        );
        navigate(`/contacts/${merged.contact_id}`);
      }}
      onReload={onReload}
    />
  );
}

function KeptFromBoth({ survivor, duplicate }: { survivor: ContactDetail; duplicate: ContactDetail }) {
  const kept = keptFromBoth(survivor, duplicate);
  const capped = kept.emails.length > MAX_OTHERS + 1 || kept.phones.length > MAX_OTHERS + 1;
  const leads = survivor.leads.length + duplicate.leads.length;
  return (
    <Card title="Kept from both" className="merge-kept">
      <p className="card-intro muted">
        Whichever values you choose, {contactName(survivor)} keeps the emails, phones and tags of both, and{" "}
        {contactName(duplicate)}’s leads move to it with their notes, follow-ups and tasks.
      </p>
      <dl className="details">
        <Detail label="Emails">{kept.emails.join(", ")}</Detail>
        <Detail label="Phones">{kept.phones.join(", ")}</Detail>
        <Detail label="Tags">{kept.tags.join(", ")}</Detail>
        <Detail label="Leads">{`${leads} in all: ${survivor.leads.length} of its own and ${duplicate.leads.length} moving`}</Detail>
      </dl>
      {capped && (
        <p className="field-hint">
          A contact keeps its primary email and phone and up to {MAX_OTHERS} others of each: the last ones listed here are not kept.
        </p>
      )}
    </Card>
  );
}
