import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { formatDateTime, formatMoney } from "../../lib/format";
import { useConversionsApi } from "./api";
import { attemptText, hasUnsent, kindLabel, ledgerPollInterval, platformLabel } from "./labels";
import { conversionKeys, useReplay } from "./queries";
import { Hash, StatusBadge } from "./StatusBadge";
import type { LedgerEntry } from "./types";

const SHOWN_AT_FIRST = 10;

/** The lead's conversion ledger: every attempt to report it to Google Ads and Meta, newest first. */
export function LeadConversions({ leadId, stageEnteredAt }: { leadId: string; stageEnteredAt?: string | null }) {
  const api = useConversionsApi();
  const { grants } = useAuth();
  const replay = useReplay();
  const ledger = useQuery({
    queryKey: conversionKeys.lead(leadId),
    queryFn: () => api.leadConversions(leadId),
    refetchInterval: (query) => ledgerPollInterval(query.state.data?.items ?? [], stageEnteredAt, Date.now()),
  });
  const entries = ledger.data?.items ?? [];
  const mayReplay = grants.can(Permission.conversionsReplay) && hasUnsent(entries);

  return (
    <Card
      title="Conversions"
      className="lead-conversions"
      actions={
        mayReplay && (
          <Button
            className="btn-small"
            busy={replay.isPending}
            onClick={() => replay.mutate({ lead_id: leadId })}
          >
            Replay conversions
          </Button>
        )
      }
    >
      {ledger.isPending ? (
        <Spinner label="Loading the conversions" />
      ) : ledger.isError ? (
        <Alert title="The conversions could not be loaded" actions={<Button onClick={() => void ledger.refetch()}>Try again</Button>}>
          {errorMessage(ledger.error)}
        </Alert>
      ) : entries.length === 0 ? (
        <p className="muted">
          Nothing has been sent to the ad platforms for this lead. A win (a move to a won stage) is reported to Google
          Ads and Meta.
        </p>
      ) : (
        <Ledger entries={entries} />
      )}
    </Card>
  );
}

function Ledger({ entries }: { entries: LedgerEntry[] }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? entries : entries.slice(0, SHOWN_AT_FIRST);
  return (
    <>
      <ol className="ledger" aria-label="Conversion attempts">
        {shown.map((entry) => (
          <LedgerItem key={entry.entry_id} entry={entry} />
        ))}
      </ol>
      {entries.length > SHOWN_AT_FIRST && (
        <Button variant="ghost" className="btn-small" onClick={() => setShowAll((all) => !all)}>
          {showAll ? "Show fewer attempts" : `Show all ${entries.length} attempts`}
        </Button>
      )}
    </>
  );
}

function LedgerItem({ entry }: { entry: LedgerEntry }) {
  return (
    <li className="ledger-entry">
      <div className="ledger-head">
        <strong>{platformLabel(entry.platform)}</strong>
        <StatusBadge status={entry.status} />
        <span className="muted">
          {kindLabel(entry.kind)}
          {attemptText(entry)}
          {typeof entry.value === "number" && entry.currency && ` · ${formatMoney(entry.value, entry.currency)}`}
        </span>
        <time className="muted ledger-time" dateTime={entry.at}>
          {formatDateTime(entry.at)}
        </time>
      </div>
      {entry.message && <p className="ledger-message">{entry.message}</p>}
      <dl className="ledger-facts">
        <div>
          <dt>Request ID</dt>
          <dd>{entry.request_id ? <span className="mono break">{entry.request_id}</span> : <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>Payload hash</dt>
          <dd>
            <Hash value={entry.payload_hash ?? null} />
          </dd>
        </div>
      </dl>
    </li>
  );
}
