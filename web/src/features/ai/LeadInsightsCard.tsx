import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { formatDate } from "../../lib/format";
import { aiKeys, useAiApi } from "./api";
import { AiLocked, AiTurnedOff, RefusedLock, useAiPlan } from "./AiLock";
import { readInsights, unscoredPoll } from "./insightsState";
import { LeadSummarySection } from "./LeadSummarySection";
import { ScoreHistory } from "./ScoreHistory";
import { bandLabel, effectMarker, effectText, modelText, scoreBand } from "./scores";
import type { LeadInsights, LeadScore } from "./types";
import "./ai.css";

const TITLE = "AI insights";

/**
 * The lead page's AI card (for those who may use AI): the lead's chance to win with its reasons and
 * history, and its brief. A plan without AI shows the way to the plan that has it; AI turned off says so.
 */
export function LeadInsightsCard({ leadId, deleted = false }: { leadId: string; deleted?: boolean }) {
  const { grants } = useAuth();
  const plan = useAiPlan();
  if (!grants.can(Permission.aiUse) || deleted) return null;
  if (plan.lock) {
    return (
      <Card title={TITLE} className="ai-card">
        <AiLocked lock={plan.lock} compact />
      </Card>
    );
  }
  return <InsightsBody leadId={leadId} />;
}

function InsightsBody({ leadId }: { leadId: string }) {
  const api = useAiApi();
  const insights = useQuery({
    queryKey: aiKeys.insights(leadId),
    queryFn: ({ signal }) => readInsights(api, leadId, signal),
    refetchInterval: (query) => unscoredPoll(query.state.data, query.state.dataUpdateCount),
  });
  let body;
  if (insights.isPending) body = <Spinner label="Loading the AI insights" />;
  else if (insights.isError) {
    body = (
      <Alert title="The AI insights could not be loaded" actions={<Button onClick={() => void insights.refetch()}>Try again</Button>}>
        {errorMessage(insights.error)}
      </Alert>
    );
  } else if (insights.data.kind === "plan") body = <RefusedLock error={insights.data.error} compact />;
  else if (insights.data.kind === "off") body = <AiTurnedOff />;
  else body = <InsightsView insights={insights.data.insights} />;
  return (
    <Card title={TITLE} className="ai-card">
      {body}
    </Card>
  );
}

function InsightsView({ insights }: { insights: LeadInsights }) {
  return (
    <>
      {insights.score ? <ScoreView score={insights.score} /> : <p className="muted">No score yet: the lead is scored a few seconds after it is created or changed.</p>}
      {insights.score && (
        <section className="ai-history-section" aria-label="Score history">
          <h3>History</h3>
          <ScoreHistory history={insights.history} />
        </section>
      )}
      <LeadSummarySection leadId={insights.lead_id} summary={insights.summary} ai={insights.ai} />
    </>
  );
}

function closedText(score: LeadScore): string | null {
  if (score.status === "won") return `This lead was won${score.closed_at ? ` on ${formatDate(score.closed_at)}` : ""}: the score is as it stood then.`;
  if (score.status === "lost") return `This lead was lost${score.closed_at ? ` on ${formatDate(score.closed_at)}` : ""}: the score is as it stood then.`;
  return null;
}

function ScoreView({ score }: { score: LeadScore }) {
  const reasonsId = useId();
  const closed = closedText(score);
  return (
    <>
      <div className={`ai-score ai-band-${scoreBand(score.score)}`}>
        <p className="ai-score-figure">
          <span className="ai-score-number">{score.score}</span>
          <span className="ai-score-unit">% chance to win</span>
        </p>
        <span className="badge ai-band-label">{bandLabel(score.score)}</span>
      </div>
      <p className="ai-model muted">
        {modelText(score)}
        {score.model_kind === "learned" && score.model_trained_at ? ` (trained ${formatDate(score.model_trained_at)})` : ""}.
      </p>
      {closed && <p className="ai-note">{closed}</p>}
      {score.reasons.length > 0 ? (
        <>
          <h3 id={reasonsId}>Why</h3>
          <ul className="ai-reasons" aria-labelledby={reasonsId}>
            {score.reasons.map((reason) => (
              <li key={reason.text} className={`ai-reason ai-effect-${reason.effect}`}>
                <span className="ai-effect">
                  <span aria-hidden="true">{effectMarker(reason.effect)}</span> {effectText(reason.effect)}
                </span>{" "}
                <span>{reason.text}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">Nothing about this lead moves its chance much either way yet.</p>
      )}
    </>
  );
}
