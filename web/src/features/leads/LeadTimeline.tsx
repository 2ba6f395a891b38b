import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "../../api/errors";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import type { Lookups } from "../../lib/lookups";
import { ChangeList } from "../contacts/ChangeList";
import { useCustomFields } from "../fields/queries";
import { usePipelinesApi } from "../pipelines/api";
import { pipelineKeys } from "../pipelines/queries";
import { timelinePollInterval } from "../pipelines/timelineModel";
import { leadTimelineLines, type LeadTimelineLine } from "./leadTimeline";
import type { LeadDetail } from "./types";
import "../contacts/activity.css";
import "../pipelines/pipeline.css";

function Line({ line }: { line: LeadTimelineLine }) {
  return (
    <li className={`timeline-kind-${line.kind}`}>
      <p>{line.title}</p>
      {line.body && <p className="timeline-note">{line.body}</p>}
      <ChangeList lines={line.changes} />
      {line.answers.length > 0 && (
        <dl className="answer-list" role="group" aria-label="Answers">
          {line.answers.map((answer, index) => (
            <div key={`${answer.label}-${index}`} className="answer">
              <dt>{answer.label}</dt>
              <dd>{answer.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {line.notified.map((told) => (
        <p key={told} className="notified-line">
          {told}
        </p>
      ))}
      <p className="muted">
        <time dateTime={line.at}>{formatDateTime(line.at)}</time>
        {line.meta && ` ${line.meta}`}
      </p>
    </li>
  );
}

/**
 * Everything that happened to the lead, newest first: form submissions (with the answers), creation,
 * moves, edits (each field's old and new value), deletes and restores, notes, and who was told of each.
 */
export function LeadTimeline({ lead, lookups }: { lead: LeadDetail; lookups: Lookups }) {
  const api = usePipelinesApi();
  const definitions = useCustomFields("lead");
  const timeline = useQuery({
    queryKey: pipelineKeys.timeline(lead.lead_id),
    queryFn: () => api.leadTimeline(lead.lead_id),
    refetchInterval: (query) => timelinePollInterval(query.state.data, Date.now()),
  });
  const lines = timeline.data
    ? leadTimelineLines(timeline.data.items, { ...lookups, currency: lead.currency, customFields: definitions.data?.fields ?? [] })
    : [];

  return (
    <Card title="Timeline">
      {timeline.isPending ? (
        <Spinner label="Loading the timeline" />
      ) : timeline.isError ? (
        <Alert title="The timeline could not be loaded" actions={<Button onClick={() => void timeline.refetch()}>Try again</Button>}>
          {errorMessage(timeline.error)}
        </Alert>
      ) : lines.length === 0 ? (
        <p className="muted">Nothing has happened to this lead yet.</p>
      ) : (
        <ol className="timeline" aria-label="Timeline">
          {lines.map((line) => (
            <Line key={line.key} line={line} />
          ))}
        </ol>
      )}
    </Card>
  );
}
