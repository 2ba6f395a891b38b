import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { errorMessage } from "../../api/errors";
import { Alert, Button, Spinner } from "../../components/ui";
import { useLeadsApi } from "../leads/api";
import { leadKeys } from "../leads/queries";
import { useConversionsApi } from "./api";
import { platformLabel } from "./labels";
import { identifierText, matchLabel, windowText } from "./matchQuality";
import { conversionKeys } from "./queries";
import type { PlatformMatch } from "./types";

/** What a win of this lead would carry to Google Ads and Meta, and Google's click window. */
export function LeadMatchQuality({ leadId }: { leadId: string }) {
  const api = useConversionsApi();
  const leads = useLeadsApi();
  const lead = useQuery({ queryKey: leadKeys.lead(leadId), queryFn: () => leads.getLead(leadId) });
  const quality = useQuery({
    queryKey: conversionKeys.matchQuality(leadId, lead.data?.version),
    queryFn: () => api.leadMatchQuality(leadId),
    meta: { inlineErrors: true },
    placeholderData: keepPreviousData,
    enabled: lead.data !== undefined,
  });
  return (
    <section className="match-quality" aria-labelledby={`match-quality-${leadId}`}>
      <h3 id={`match-quality-${leadId}`} className="match-quality-title">
        Match quality
      </h3>
      {quality.isPending ? (
        <Spinner label="Checking the match quality" />
      ) : quality.isError ? (
        <Alert title="The match quality could not be checked" actions={<Button onClick={() => void quality.refetch()}>Try again</Button>}>
          {errorMessage(quality.error)}
        </Alert>
      ) : (
        <div className="match-platforms">
          <PlatformQuality match={quality.data.google_ads} />
          <PlatformQuality match={quality.data.meta} />
        </div>
      )}
    </section>
  );
}

function PlatformQuality({ match }: { match: PlatformMatch }) {
  const name = platformLabel(match.platform);
  return (
    <div className="match-platform" role="group" aria-label={`${name} match quality`}>
      <div className="match-head">
        <strong>{name}</strong>
        <span className={`badge match-level level-${match.quality}`}>{matchLabel(match.quality)}</span>
      </div>
      <p className="match-reason">{match.reason}</p>
      {match.click_window && (
        <p className={`match-window window-${match.click_window.state}`}>{windowText(match.click_window)}</p>
      )}
      <ul className="match-identifiers" aria-label={`${name} identifiers`}>
        {match.identifiers.map((check) => {
          const { mark, text } = identifierText(check);
          return (
            <li key={check.name} className={check.present ? "present" : "missing"}>
              <span aria-hidden="true" className="match-mark">
                {mark}
              </span>
              <span className="visually-hidden">{check.present ? "Has" : "Lacks"} </span>
              {text}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
