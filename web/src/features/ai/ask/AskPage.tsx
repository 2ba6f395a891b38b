import { useInfiniteQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { errorMessage } from "../../../api/errors";
import { Alert, Button, Card, PageHeader, Spinner } from "../../../components/ui";
import { AiLocked, AiTurnedOff, RefusedLock, useAiPlan } from "../AiLock";
import { askKeys, useAskApi } from "./api";
import { Conversation } from "./Conversation";
import { readThreads } from "./reads";
import { ThreadList } from "./ThreadList";
import "../ai.css";
import "./ask.css";

/**
 * Ask AI (`/ask`, `/ask/:threadId`): questions about the pipeline in plain words, kept in threads. The
 * thread list beside the open thread; the URL names the open thread, so a reload or a later visit
 * finds it again. On a plan without AI, the way to the plan that has it; AI turned off, said so.
 */
export function AskPage() {
  const plan = useAiPlan();
  const { threadId = null } = useParams();
  return (
    <>
      <PageHeader title="Ask AI" subtitle="Questions about your pipeline, answered from your own leads and reports with links to them." />
      {plan.lock ? <AiLocked lock={plan.lock} /> : <AskWorkspace threadId={threadId} />}
    </>
  );
}

function AskWorkspace({ threadId }: { threadId: string | null }) {
  const api = useAskApi();
  const list = useInfiniteQuery({
    queryKey: askKeys.list,
    queryFn: ({ pageParam, signal }) => readThreads(api, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  if (list.isPending) return <Spinner label="Loading your threads" />;
  if (list.isError) {
    return (
      <Alert title="Your threads could not be loaded" actions={<Button onClick={() => void list.refetch()}>Try again</Button>}>
        {errorMessage(list.error)}
      </Alert>
    );
  }
  const refusal = list.data.pages[0]?.refusal ?? null;
  if (refusal?.kind === "plan") return <RefusedLock error={refusal.error} />;
  if (refusal?.kind === "off") {
    return (
      <Card>
        <AiTurnedOff />
      </Card>
    );
  }
  return (
    <div className="ask-layout">
      <ThreadList
        threads={list.data.pages.flatMap((page) => page.items)}
        activeId={threadId}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
      <div className="ask-main card">
        <Conversation key={threadId ?? "new"} threadId={threadId} />
      </div>
    </div>
  );
}
