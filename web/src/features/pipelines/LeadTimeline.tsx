import { useQuery } from "@tanstack/react-query";
import { errorMessage } from "../../api/errors";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import type { Lookups } from "../../lib/lookups";
import { usePipelinesApi } from "./api";
import { pipelineKeys } from "./queries";
import { timelineLines, timelinePollInterval } from "./timelineModel";
import "./pipeline.css";

/** Everything that happened to the lead in one list, newest first: form submissions, created, moves, notes, notifications. */
export function LeadTimeline({ leadId, lookups }: { leadId: string; lookups: Lookups }) {
  const api = usePipelinesApi();
  const timeline = useQuery({
    queryKey: pipelineKeys.timeline(leadId),
    queryFn: () => api.leadTimeline(leadId),
    refetchInterval: (query) => timelinePollInterval(query.state.data, Date.now()),
  });
  const lines = timeline.data ? timelineLines(timeline.data.items, lookups) : [];

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
            <li key={line.key} className={`timeline-kind-${line.kind}`}>
              <p>{line.title}</p>
              {line.body && <p className="timeline-note">{line.body}</p>}
              <p className="muted">
                <time dateTime={line.at}>{formatDateTime(line.at)}</time>
                {line.meta && ` ${line.meta}`}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
