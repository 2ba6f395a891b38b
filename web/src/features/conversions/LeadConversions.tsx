import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useConversionsApi } from "./api";
import { attemptText, hasUnsent, kindLabel, latestAttempts, ledgerPollInterval, platformLabel } from "./labels";
import { LeadMatchQuality } from "./LeadMatchQuality";
import { awaitingValue, valueText } from "./matchQuality";
import { conversionKeys, useReplay } from "./queries";
import { SetValueAndSend } from "./SetValueAndSend";
import { Hash, StatusBadge } from "./StatusBadge";
import type { LedgerEntry } from "./types";

const SHOWN_AT_FIRST = 10;

/**
 * The lead's conversion ledger (every attempt to report it to Google Ads and Meta, newest first) and
 * its match quality: what a win would carry to each platform.
 */
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
        <Ledger entries={entries} leadId={leadId} mayWrite={grants.can(Permission.leadsWrite)} />
      )}
      <LeadMatchQuality leadId={leadId} />
    </Card>
  );
}

function Ledger({ entries, leadId, mayWrite }: { entries: LedgerEntry[]; leadId: string; mayWrite: boolean }) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? entries : entries.slice(0, SHOWN_AT_FIRST);
  const waiting = mayWrite ? awaitingValue(latestAttempts(entries)) : null;
  return (
    <>
      <ol className="ledger" aria-label="Conversion attempts">
        {shown.map((entry) => (
          <LedgerItem
            key={entry.entry_id}
            entry={entry}
            action={entry.entry_id === waiting?.entry_id ? <SetValueAndSend leadId={leadId} /> : null}
          />
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

function LedgerItem({ entry, action }: { entry: LedgerEntry; action: ReactNode }) {
  const { value, held } = valueText(entry);
  return (
    <li className="ledger-entry">
      <div className="ledger-head">
        <strong>{platformLabel(entry.platform)}</strong>
        <StatusBadge status={entry.status} />
        <span className="muted">
          {kindLabel(entry.kind)}
          {attemptText(entry)}
          {value && ` · ${value}`}
          {held && ` · ${held}`}
        </span>
        <time className="muted ledger-time" dateTime={entry.at}>
          {formatDateTime(entry.at)}
        </time>
      </div>
      {entry.message && <p className="ledger-message">{entry.message}</p>}
      {action}
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
