import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { aiKeys, useAiApi } from "./api";
import type { InsightsState } from "./insightsState";
import { BRIEF_PARTS, NOT_CONFIGURED_TEXT, type SummaryProblem } from "./summaryProblems";
import { writeSummary } from "./summaryWrite";
import type { AiAvailability, LeadSummary } from "./types";

/**
 * The lead's brief under its score: Summarize when there is none, its five parts, who wrote it and
 * when, and Regenerate. A brief the lead has outgrown (`fresh` false) says so and is written again
 * as soon as it is seen (GET: the stored one while current, else a new one). Plain text only.
 */
export function LeadSummarySection({ leadId, summary, ai }: { leadId: string; summary: LeadSummary | null; ai: AiAvailability }) {
  const api = useAiApi();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [problem, setProblem] = useState<SummaryProblem | null>(null);
  const write = useMutation({
    mutationFn: (how: "get" | "regenerate") =>
      writeSummary(() => (how === "get" ? api.summary(leadId) : api.regenerateSummary(leadId))),
    onSuccess: (outcome) => {
      setProblem(outcome.problem);
      if (!outcome.summary) return;
      const written = outcome.summary;
      queryClient.setQueryData<InsightsState>(aiKeys.insights(leadId), (state) =>
        state?.kind === "ready" ? { ...state, insights: { ...state.insights, summary: written } } : state,
      );
    },
  });
  // A stale brief is written again once per version seen, as soon as it is on screen.
  const refreshed = useRef<string | null>(null);
  const stale = summary !== null && !summary.fresh;
  const { mutate } = write;
  useEffect(() => {
    if (!stale || !ai.summaries || !summary || refreshed.current === summary.generated_at) return;
    refreshed.current = summary.generated_at;
    mutate("get");
  }, [stale, ai.summaries, summary, mutate]);

  const notConfigured = !ai.summaries && ai.reason_code === "ai_not_configured";
  const unavailable = !ai.summaries && !notConfigured ? (ai.reason ?? "Summaries cannot be written right now.") : null;
  return (
    <section className="ai-summary" aria-labelledby={headingId}>
      <h3 id={headingId}>Summary</h3>
      {notConfigured && <p className="ai-note">{NOT_CONFIGURED_TEXT}</p>}
      {unavailable && <p className="ai-note">{unavailable}</p>}
      {summary ? (
        <Brief summary={summary} />
      ) : (
        ai.summaries && <p className="muted">A short brief of this lead: who, what they asked, where they came from, what happened and what is next.</p>
      )}
      {write.isPending && (
        <p className="ai-writing" role="status">
          Writing the summary…
        </p>
      )}
      {problem && (
        <p className="ai-problem" role="alert">
          {problem.text}
        </p>
      )}
      {ai.summaries && (
        <div className="ai-summary-actions">
          {summary ? (
            <Button className="btn-small" disabled={write.isPending} onClick={() => write.mutate("regenerate")}>
              Regenerate
            </Button>
          ) : (
            <Button variant="primary" className="btn-small" busy={write.isPending} onClick={() => write.mutate("get")}>
              Summarize
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

function Brief({ summary }: { summary: LeadSummary }) {
  return (
    <>
      {!summary.fresh && <p className="ai-note">The lead changed since this was written.</p>}
      <div className="ai-brief">
        {BRIEF_PARTS.map((part) => (
          <section key={part.key} className="ai-brief-part" aria-label={part.heading}>
            <h4>{part.heading}</h4>
            <p>{summary.brief[part.key] || "—"}</p>
          </section>
        ))}
      </div>
      <p className="muted ai-written">
        Written by {summary.model} on <time dateTime={summary.generated_at}>{formatDateTime(summary.generated_at)}</time>
      </p>
    </>
  );
}
