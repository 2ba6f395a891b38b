import { useQueries, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button, EmptyState, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import type { Lookups } from "../../lib/lookups";
import { useCustomFields } from "../fields/queries";
import { recordActivity, type ActivityEntry, type Noun } from "./activity";
import { useContactsApi } from "./api";
import { ChangeList } from "./ChangeList";
import type { Cause, ChangeEntry } from "./changeLog";
import { contactKeys } from "./queries";
import { timelineKey, useRecordTimelineApi, type RecordKind } from "./timelineApi";
import type { ContactLead } from "./types";
import "./activity.css";

/** The names a page already holds, by id: its company, its contacts, its leads. */
export interface KnownNames {
  companies?: ReadonlyMap<string, string>;
  contacts?: ReadonlyMap<string, string>;
  leads?: ReadonlyMap<string, string>;
}

function idsIn(entries: readonly ChangeEntry[], fields: readonly string[]): string[] {
  const ids = entries.flatMap((entry) =>
    entry.changes.filter((change) => fields.includes(change.field)).flatMap((change) => [change.old, change.new]),
  );
  return [...new Set(ids.filter((id): id is string => typeof id === "string" && id !== ""))];
}

/**
 * The names of the companies and contacts a change names by id that the page does not hold, read
 * one by one (a few at most); without the right to read every contact a link reads "a company".
 */
function useRecordNames(entries: readonly ChangeEntry[], known: KnownNames) {
  const api = useContactsApi();
  const { grants } = useAuth();
  const enabled = grants.can(Permission.contactsReadAll);
  const companyIds = idsIn(entries, ["company_id"]).filter((id) => !known.companies?.has(id));
  const contactIds = idsIn(entries, ["contact_id", "primary_contact_id"]).filter((id) => !known.contacts?.has(id));
  const companies = useQueries({
    queries: companyIds.map((id) => ({
      queryKey: contactKeys.company(id),
      queryFn: () => api.getCompany(id),
      enabled,
      meta: { inlineErrors: true },
    })),
  });
  const contacts = useQueries({
    queries: contactIds.map((id) => ({
      queryKey: contactKeys.contact(id),
      queryFn: () => api.getContact(id),
      enabled,
      meta: { inlineErrors: true },
    })),
  });
  return {
    companyName: (id: string) => known.companies?.get(id) ?? companies[companyIds.indexOf(id)]?.data?.name ?? null,
    contactName: (id: string) => known.contacts?.get(id) || contacts[contactIds.indexOf(id)]?.data?.name || null,
  };
}

function LeadLink({ leadId, names }: { leadId: string; names: KnownNames }) {
  const name = names.leads?.get(leadId);
  const to = `/leads/${encodeURIComponent(leadId)}`;
  return name ? (
    <>
      lead <Link to={to}>{name}</Link>
    </>
  ) : (
    <Link to={to}>a lead</Link>
  );
}

function CauseLine({ cause, noun, names }: { cause: Cause; noun: Noun; names: KnownNames }) {
  let words: ReactNode;
  switch (cause.kind) {
    case "made_with_lead":
      words = (
        <>
          Made with <LeadLink leadId={cause.leadId} names={names} />
        </>
      );
      break;
    case "lead_won":
      words = (
        <>
          Became a Client when <LeadLink leadId={cause.leadId} names={names} /> was won
        </>
      );
      break;
    case "merged_in":
      words = `Merged in ${cause.name || `another ${noun.toLowerCase()}`}`;
      break;
    case "merged_into": {
      const path = noun === "Contact" ? "/contacts" : "/companies";
      const name = cause.name || `another ${noun.toLowerCase()}`;
      words = (
        <>
          Merged into {cause.recordId ? <Link to={`${path}/${encodeURIComponent(cause.recordId)}`}>{name}</Link> : name}
        </>
      );
      break;
    }
  }
  return <p className="activity-cause">{words}</p>;
}

function Entry({ entry, noun, names }: { entry: ActivityEntry; noun: Noun; names: KnownNames }) {
  return (
    <li className={`timeline-kind-${entry.kind}`}>
      <p className="activity-title">
        <strong>{entry.title}</strong>
        {entry.lead && (
          <>
            : <Link to={`/leads/${entry.lead.lead_id}`}>{entry.lead.name}</Link>
          </>
        )}
        {entry.actor && <span className="muted"> by {entry.actor}</span>}
        {entry.status && <span className={`badge activity-status activity-status-${entry.status.tone}`}>{entry.status.label}</span>}
      </p>
      {entry.status?.reason && <p className="activity-status-reason">{entry.status.reason}</p>}
      {entry.message && <p className="activity-message">{entry.message}</p>}
      {entry.cause && <CauseLine cause={entry.cause} noun={noun} names={names} />}
      <ChangeList lines={entry.changes} />
      <p className="muted">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </p>
    </li>
  );
}

/**
 * A contact's or a company's Activity, newest first: who changed what and when (each field's old and
 * new value), why when no one did it by hand, and for a contact when each of its leads was opened.
 */
export function RecordActivity({
  record,
  lookups,
  names,
  leads = [],
}: {
  record: { kind: RecordKind; id: string };
  lookups: Lookups;
  names: KnownNames;
  leads?: readonly ContactLead[];
}) {
  const api = useRecordTimelineApi();
  const noun: Noun = record.kind === "contact" ? "Contact" : "Company";
  const timeline = useQuery({ queryKey: timelineKey(record.kind, record.id), queryFn: () => api.timeline(record.kind, record.id) });
  const definitions = useCustomFields(record.kind);
  const entries = timeline.data?.items ?? [];
  const recordNames = useRecordNames(entries, names);

  if (timeline.isPending) return <Spinner label="Loading the activity" />;
  if (timeline.isError) {
    return (
      <Alert title="The activity could not be loaded" actions={<Button onClick={() => void timeline.refetch()}>Try again</Button>}>
        {errorMessage(timeline.error)}
      </Alert>
    );
  }
  const activity = recordActivity(
    entries,
    noun,
    { userName: lookups.userName, ...recordNames, customFields: definitions.data?.fields ?? [] },
    leads,
  );
  if (activity.length === 0) return <EmptyState title={`Nothing recorded for this ${noun.toLowerCase()}`} />;
  return (
    <>
      <p className="muted activity-order">Newest first</p>
      <ol className="timeline" aria-label="Activity">
        {activity.map((entry) => (
          <Entry key={entry.key} entry={entry} noun={noun} names={names} />
        ))}
      </ol>
    </>
  );
}
