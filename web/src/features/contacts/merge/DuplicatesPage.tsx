import { Link } from "react-router";
import { errorMessage } from "../../../api/errors";
import { Pager } from "../../../components/Pager";
import { Alert, Button, EmptyState, PageHeader, Spinner } from "../../../components/ui";
import { formatDate } from "../../../lib/format";
import { contactName } from "../labels";
import { Detail } from "../parts";
import type { Contact } from "../types";
import { mergePath, REASON_LABELS, sharedValues } from "./duplicates";
import { useDuplicatePages } from "./queries";
import type { DuplicatePair } from "./types";
import "../contacts.css";
import "./merge.css";

/** Pairs of live contacts sharing an email or a phone, each with both side by side and a way to merge them. */
export function DuplicatesPage() {
  return (
    <>
      <PageHeader
        back={
          <Link to="/contacts" className="back-link">
            ← All contacts
          </Link>
        }
        title="Possible duplicates"
        subtitle="Contacts that share an email or a phone. Merging keeps one contact with everything both had."
      />
      <DuplicateList />
    </>
  );
}

function DuplicateList() {
  const pages = useDuplicatePages();
  if (pages.query.isPending) return <Spinner label="Looking for duplicates" />;
  if (pages.query.isError) {
    return (
      <Alert title="The possible duplicates could not be loaded" actions={<Button onClick={() => void pages.query.refetch()}>Try again</Button>}>
        {errorMessage(pages.query.error)}
      </Alert>
    );
  }
  const pairs = pages.query.data.items;
  if (pairs.length === 0 && !pages.hasNext && pages.page === 1) {
    return (
      <EmptyState title="No possible duplicates">
        <p>When two contacts share an email or a phone, they show here to be merged.</p>
      </EmptyState>
    );
  }
  return (
    <>
      {pairs.length > 0 ? (
        <ul className="duplicate-pairs">
          {pairs.map((pair) => (
            <li key={pair.contacts.map((contact) => contact.contact_id).join("+")}>
              <PairCard pair={pair} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">The pairs on this page were merged or deleted meanwhile.</p>
      )}
      <Pager
        page={pages.page}
        count={pairs.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={pages.query.isFetching}
        noun={["pair", "pairs"]}
      />
    </>
  );
}

function PairCard({ pair }: { pair: DuplicatePair }) {
  const names = pair.contacts.map(contactName);
  const shared = sharedValues(pair);
  const merge = mergePath(pair);
  return (
    <article className="card duplicate-pair" aria-label={names.join(" and ")}>
      <div className="card-header">
        <p>
          <span className="badge">{REASON_LABELS[pair.reason]}</span> {shared.join(", ")}
          <span className="muted"> · found {formatDate(pair.found_at)}</span>
        </p>
        {merge && (
          <Link className="btn btn-primary btn-small" to={merge} aria-label={`Merge ${names.join(" and ")}…`}>
            Merge…
          </Link>
        )}
      </div>
      <div className="side-by-side">
        {pair.contacts.map((contact) => (
          <PairContact key={contact.contact_id} contact={contact} />
        ))}
      </div>
    </article>
  );
}

function PairContact({ contact }: { contact: Contact }) {
  const emails = [contact.email, ...contact.emails].filter(Boolean);
  const phones = [contact.phone, ...contact.phones].filter(Boolean);
  return (
    <section aria-label={contactName(contact)}>
      <h3 className="pair-name">
        <Link to={`/contacts/${contact.contact_id}`}>{contactName(contact)}</Link>
      </h3>
      <dl className="details">
        <Detail label="Emails">{emails.join(", ")}</Detail>
        <Detail label="Phones">{phones.join(", ")}</Detail>
        <Detail label="Company">{contact.company_name}</Detail>
        <Detail label="Created">{formatDate(contact.created_at)}</Detail>
        <Detail label="Leads">{String(contact.lead_count)}</Detail>
      </dl>
    </section>
  );
}
