import { useMemo } from "react";
import { errorMessage } from "../../api/errors";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, Spinner } from "../../components/ui";
import { useCursorPages } from "../../lib/useCursorPages";
import type { Lookups } from "../../lib/lookups";
import type { LeadFilters } from "../leads/filters";
import { LeadTable } from "../leads/LeadTable";
import { aiKeys, useAiApi } from "./api";
import { AiTurnedOff, RefusedLock } from "./AiLock";
import { ScoreBadge } from "./ScoreBadge";
import { ignoredFilters, listScoresQuery, readScoredPage } from "./scoredPage";
import type { ScoreView } from "./scoreView";
import type { ScoredLead } from "./types";

/**
 * The lead list by score (GET /ai/scores): open leads, highest chance first, in the stage and owner
 * chosen, with a Score column whose title is the top reason.
 */
export function ScoredLeadResults({
  filters,
  view,
  lookups,
  onClearIgnored,
}: {
  filters: LeadFilters;
  view: ScoreView;
  lookups: Lookups;
  /** Clears the filters the score order does not apply. */
  onClearIgnored: () => void;
}) {
  const api = useAiApi();
  const query = useMemo(
    () => listScoresQuery({ stage_id: filters.stage_id, owner_id: filters.owner_id }, view),
    [filters.stage_id, filters.owner_id, view],
  );
  const pages = useCursorPages(query, aiKeys.scorePage, (q, cursor, signal) => readScoredPage(api, q, cursor, signal));
  const ignored = ignoredFilters(filters);
  const scored = useMemo(
    () => new Map<string, ScoredLead>((pages.query.data?.items ?? []).map((item) => [item.lead.lead_id, item])),
    [pages.query.data],
  );
  if (pages.query.isPending) return <Spinner label="Loading the leads by score" />;
  if (pages.query.isError) {
    return (
      <Alert title="The leads could not be loaded" actions={<Button onClick={() => void pages.query.refetch()}>Try again</Button>}>
        {errorMessage(pages.query.error)}
      </Alert>
    );
  }
  const { refused, items } = pages.query.data;
  if (refused === "plan") return <RefusedLock error={null} />;
  if (refused) return <AiTurnedOff />;
  return (
    <>
      {ignored.length > 0 && (
        <Alert
          tone="info"
          actions={
            <Button className="btn-small" onClick={onClearIgnored}>
              Clear them
            </Button>
          }
        >
          Sorted by score, the list keeps the stage and owner filters only: {ignored.join(", ")} {ignored.length === 1 ? "does" : "do"}{" "}
          not apply.
        </Alert>
      )}
      {items.length === 0 && pages.page === 1 ? (
        <EmptyState title={view.minScore !== null ? `No open lead scores ${view.minScore} or more` : "No scored open leads"}>
          <p>Only open leads have a score; a new lead is scored a few seconds after it arrives.</p>
        </EmptyState>
      ) : (
        <LeadTable
          leads={items.map((item) => item.lead)}
          lookups={lookups}
          caption="Leads by score"
          action={{
            header: "Score",
            cell: (lead) => {
              const item = scored.get(lead.lead_id);
              return item ? <ScoreBadge score={item.score} topReason={item.top_reason} /> : null;
            },
          }}
        />
      )}
      <Pager
        page={pages.page}
        count={items.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={pages.query.isFetching}
        noun={["lead", "leads"]}
      />
    </>
  );
}
