import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../api/errors";
import { Alert, Button, Card, SelectField, Spinner, type Option } from "../../components/ui";
import { useConversionsApi } from "./api";
import { platformLabel } from "./labels";
import { DEFAULT_TOTALS_DAYS, percent, TOTALS_DAYS, type TotalsDays } from "./matchQuality";
import { conversionKeys } from "./queries";
import type { PlatformTotals } from "./types";

const PERIOD_OPTIONS: Option[] = TOTALS_DAYS.map((days) => ({ value: String(days), label: `Last ${days} days` }));

/** How well the recent wins could be matched: per platform, the leads with each identifier. */
export function MatchQualityTotals() {
  const api = useConversionsApi();
  const [days, setDays] = useState<TotalsDays>(DEFAULT_TOTALS_DAYS);
  const totals = useQuery({ queryKey: conversionKeys.totals(days), queryFn: () => api.matchQualityTotals(days) });
  const period = (
    <SelectField
      label="Period"
      className="match-period"
      options={PERIOD_OPTIONS}
      value={String(days)}
      onChange={(event) => setDays(Number(event.target.value) as TotalsDays)}
    />
  );
  return (
    <Card title="Match quality of recent wins" className="match-totals" actions={period}>
      {totals.isPending ? (
        <Spinner label="Counting the recent wins" />
      ) : totals.isError ? (
        <Alert title="The totals could not be loaded" actions={<Button onClick={() => void totals.refetch()}>Try again</Button>}>
          {errorMessage(totals.error)}
        </Alert>
      ) : totals.data.won_leads === 0 ? (
        <p className="muted">No wins were reported in the last {days} days.</p>
      ) : (
        <>
          <p className="match-won">
            <strong>{totals.data.won_leads}</strong> {totals.data.won_leads === 1 ? "won lead" : "won leads"} reported
            in the last {days} days
          </p>
          <div className="match-platforms">
            <PlatformColumn totals={totals.data.google_ads} />
            <PlatformColumn totals={totals.data.meta} />
          </div>
        </>
      )}
    </Card>
  );
}

function PlatformColumn({ totals }: { totals: PlatformTotals }) {
  const name = platformLabel(totals.platform);
  return (
    <div className="match-platform" role="group" aria-label={`${name} totals`}>
      <strong>{name}</strong>
      <p className="muted">
        Strong {totals.strong} · Fair {totals.fair} · None {totals.none}
      </p>
      {typeof totals.inside_click_window === "number" && (
        <p>
          Inside the 90-day click window: {totals.inside_click_window} ({percent(totals.inside_click_window_share)})
        </p>
      )}
      <dl className="match-counts">
        {totals.identifiers.map((row) => (
          <div key={row.name}>
            <dt>{row.label}</dt>
            <dd>
              {row.leads} <span className="muted">({percent(row.share)})</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
