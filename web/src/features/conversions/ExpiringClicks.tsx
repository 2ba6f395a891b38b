import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { Pager } from "../../components/Pager";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { useCursorPages } from "../../lib/useCursorPages";
import { useConversionsApi } from "./api";
import { clickKindLabel, expiryText } from "./matchQuality";
import { conversionKeys } from "./queries";

const PAGE_SIZE = 10;
const NO_FILTERS = {};

/** Open leads whose Google click leaves the 90-day window within a week: a win after it is not counted. */
export function ExpiringClicks() {
  const api = useConversionsApi();
  const pages = useCursorPages(NO_FILTERS, conversionKeys.expiringPage, (_filters, cursor, signal) =>
    api.expiringClicks(cursor, PAGE_SIZE, signal),
    { urlKey: "expiring" },
  );
  const { query } = pages;
  return (
    <Card title="Clicks expiring within 7 days on open leads" className="expiring-clicks">
      {query.isPending ? (
        <Spinner label="Loading the expiring clicks" />
      ) : query.isError ? (
        <Alert title="The expiring clicks could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
          {errorMessage(query.error)}
        </Alert>
      ) : query.data.items.length === 0 && pages.page === 1 ? (
        <p className="muted">No open lead&apos;s Google click leaves the 90-day window this week.</p>
      ) : (
        <>
          <ul className="expiring-list" aria-label="Expiring clicks">
            {query.data.items.map((click) => (
              <li key={click.lead_id}>
                <Link to={`/leads/${click.lead_id}`} className="lead-name">
                  {click.name || "Unnamed lead"}
                </Link>
                <span>{clickKindLabel(click.kind)}</span>
                <time dateTime={click.expires_at} className="muted">
                  {expiryText(click)}
                </time>
              </li>
            ))}
          </ul>
          {(pages.hasNext || pages.hasPrevious) && (
            <Pager
              page={pages.page}
              count={query.data.items.length}
              hasPrevious={pages.hasPrevious}
              hasNext={pages.hasNext}
              onPrevious={pages.previous}
              onNext={pages.next}
              busy={query.isFetching}
              noun={["lead", "leads"]}
            />
          )}
        </>
      )}
    </Card>
  );
}
