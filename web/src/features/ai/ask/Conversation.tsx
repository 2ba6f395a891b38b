import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { errorMessage } from "../../../api/errors";
import { Alert, Button, EmptyState, Spinner } from "../../../components/ui";
import { usePipelines } from "../../pipelines/queries";
import { AiTurnedOff, RefusedLock } from "../AiLock";
import { askKeys, useAskApi } from "./api";
import { answerPoll } from "./answerPolling";
import { askProblem, type AskProblem } from "./askProblems";
import { Composer } from "./Composer";
import { exampleQuestions } from "./examples";
import { MessageView } from "./MessageView";
import { readThread, type ThreadRead } from "./reads";
import { sendFor, type Send } from "./sends";
import { isLast, questionOf, waitingAnswer, withAccepted, withMessage } from "./threadState";
import { ASK_PATH, threadPath } from "./ThreadList";
import type { QuestionAccepted, Thread, ThreadDetail, ThreadMessage } from "./types";

/** The open thread, or (no thread id) a new one that starts with the first question asked. */
export function Conversation({ threadId }: { threadId: string | null }) {
  return threadId === null ? <NewThread /> : <OpenThread threadId={threadId} />;
}

function NewThread() {
  const ask = useAsk(null);
  const headingId = useId();
  return (
    <section className="ask-conversation" aria-labelledby={headingId}>
      <h2 id={headingId}>New thread</h2>
      <p className="muted">
        Ask about your leads, stages, follow-ups and revenue in plain words. The answer is looked up in your own data, with
        links to the leads and reports it used; it can read, never change anything.
      </p>
      <Examples onAsk={ask.askNew} disabled={ask.sending} />
      <Asking ask={ask} waiting={false} />
    </section>
  );
}

function OpenThread({ threadId }: { threadId: string }) {
  const api = useAskApi();
  const read = useQuery({ queryKey: askKeys.thread(threadId), queryFn: ({ signal }) => readThread(api, threadId, signal) });
  if (read.isPending) return <Spinner label="Loading the thread" />;
  if (read.isError) {
    return (
      <Alert title="The thread could not be loaded" actions={<Button onClick={() => void read.refetch()}>Try again</Button>}>
        {errorMessage(read.error)}
      </Alert>
    );
  }
  const state = read.data;
  if (state.kind === "gone") {
    return (
      <EmptyState title="This thread is not here">
        <p>It was deleted, or it is not one of yours.</p>
        <Link className="btn btn-primary" to={ASK_PATH}>
          Start a new thread
        </Link>
      </EmptyState>
    );
  }
  if (state.kind === "refused") return state.refusal.kind === "plan" ? <RefusedLock error={state.refusal.error} /> : <AiTurnedOff />;
  return <ThreadView detail={state.detail} />;
}

function ThreadView({ detail }: { detail: ThreadDetail }) {
  const threadId = detail.thread.thread_id;
  const ask = useAsk(threadId);
  const earlier = useEarlier(threadId, detail.older_cursor ?? null);
  const headingId = useId();
  const messages = detail.messages;
  const waiting = waitingAnswer(messages);
  const poll = useAnswerPoll(threadId, waiting);
  const end = useRef<HTMLDivElement>(null);
  const last = messages[messages.length - 1];
  const lastKey = last ? `${last.message_id}:${last.status}` : "";
  useEffect(() => {
    if (lastKey) end.current?.scrollIntoView?.({ block: "nearest" });
  }, [lastKey]);
  const shown = [...earlier.messages, ...messages];
  return (
    <section className="ask-conversation" aria-labelledby={headingId}>
      <h2 id={headingId}>{detail.thread.title}</h2>
      {earlier.cursor && (
        <Button className="btn-small" busy={earlier.loading} onClick={earlier.load}>
          Show earlier messages
        </Button>
      )}
      {earlier.error && <p className="ask-problem">{earlier.error}</p>}
      {shown.length === 0 ? (
        <Examples onAsk={ask.askNew} disabled={ask.sending} />
      ) : (
        <ol className="ask-messages" aria-label="Conversation">
          {shown.map((message) => (
            <li key={message.message_id}>
              <MessageView message={message} onAskAgain={askAgainOf(messages, message, ask.askNew, waiting !== null || ask.sending)} />
            </li>
          ))}
        </ol>
      )}
      {poll.error !== null && (
        <Alert title="The answer could not be read" actions={<Button onClick={poll.retry}>Try again</Button>}>
          {errorMessage(poll.error)}
        </Alert>
      )}
      <div ref={end} />
      <Asking ask={ask} waiting={waiting !== null} />
    </section>
  );
}

/** "Ask again" for the thread's last answer when it failed: the same question, as a new one. */
function askAgainOf(messages: readonly ThreadMessage[], message: ThreadMessage, askNew: (question: string) => void, busy: boolean) {
  if (busy || message.role !== "assistant" || message.status !== "failed" || !isLast(messages, message.message_id)) return undefined;
  const question = questionOf(messages, message.message_id)?.text;
  return question ? () => askNew(question) : undefined;
}

function Examples({ onAsk, disabled }: { onAsk: (question: string) => void; disabled: boolean }) {
  const pipelines = usePipelines();
  const stages = useMemo(() => {
    const pipeline = pipelines.data?.find((p) => p.is_default) ?? pipelines.data?.[0];
    return [...(pipeline?.stages ?? [])].sort((a, b) => a.position - b.position).filter((stage) => stage.kind === "open").map((stage) => stage.name);
  }, [pipelines.data]);
  const headingId = useId();
  return (
    <section className="ask-examples" aria-labelledby={headingId}>
      <h3 id={headingId}>Try asking</h3>
      <ul>
        {exampleQuestions(stages).map((question) => (
          <li key={question}>
            <Button className="btn-small" disabled={disabled} onClick={() => onAsk(question)}>
              {question}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The composer, and what stood in the way of the last send. */
function Asking({ ask, waiting }: { ask: AskState; waiting: boolean }) {
  const { problem } = ask;
  if (problem?.kind === "plan") return <RefusedLock error={problem.error} compact />;
  if (problem?.kind === "off") return <AiTurnedOff />;
  return (
    <>
      {problem && <ProblemView problem={problem} onRetry={ask.retry} sending={ask.sending} />}
      <Composer value={ask.draft} onChange={ask.setDraft} onSend={ask.send} waiting={waiting} sending={ask.sending} />
    </>
  );
}

function ProblemView({ problem, onRetry, sending }: { problem: AskProblem; onRetry: () => void; sending: boolean }) {
  let actions = null;
  if (problem.kind === "full" || problem.kind === "gone") {
    actions = (
      <Link className="btn btn-secondary" to={ASK_PATH}>
        New thread
      </Link>
    );
  } else if (problem.retry) {
    actions = (
      <Button busy={sending} onClick={onRetry}>
        Try again
      </Button>
    );
  }
  return (
    <Alert tone={problem.kind === "busy" ? "info" : "error"} title="Your question was not sent" actions={actions}>
      {problem.text}
    </Alert>
  );
}

// Asking ------------------------------------------------------------------------------------------------

type Outcome =
  | { accepted: QuestionAccepted; thread: Thread | null; threadId: string; problem: null }
  | { accepted: null; thread: Thread | null; threadId: string | null; problem: AskProblem };

interface AskState {
  draft: string;
  setDraft: (draft: string) => void;
  problem: AskProblem | null;
  sending: boolean;
  /** Send the composer's question: the last attempt's request key when it is the same question. */
  send: (question: string) => void;
  /** Send the last attempt again, with its request key. */
  retry: () => void;
  /** Ask a question as a new one (an example, "Ask again"), with a new request key. */
  askNew: (question: string) => void;
}

/**
 * Sending questions to a thread (or, with no thread, to a new one made for the first question). A send
 * that did not get through keeps its request key for "Try again"; an accepted one joins the thread at
 * once with its pending answer.
 */
function useAsk(threadId: string | null): AskState {
  const api = useAskApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState("");
  const [last, setLast] = useState<Send | null>(null);
  const [problem, setProblem] = useState<AskProblem | null>(null);
  // A new thread made for a question whose send then failed: a retry asks in it, not in another.
  const made = useRef<Thread | null>(null);
  const mutation = useMutation({
    mutationFn: async (send: Send): Promise<Outcome> => {
      let thread = made.current;
      let target = threadId ?? thread?.thread_id ?? null;
      try {
        if (target === null) {
          thread = await api.createThread();
          made.current = thread;
          target = thread.thread_id;
        }
        const accepted = await api.ask(target, { question: send.question, request_id: send.requestId });
        return { accepted, thread, threadId: target, problem: null };
      } catch (error) {
        return { accepted: null, thread, threadId: target, problem: askProblem(error) };
      }
    },
    onSuccess: (outcome) => {
      void queryClient.invalidateQueries({ queryKey: askKeys.list });
      if (outcome.accepted === null) {
        setProblem(outcome.problem);
        // Another answer of the thread is being written: read the thread to show it (and wait for it).
        if (outcome.threadId && (outcome.problem.kind === "busy" || outcome.problem.kind === "gone")) {
          void queryClient.invalidateQueries({ queryKey: askKeys.thread(outcome.threadId) });
        }
        return;
      }
      setLast(null);
      setProblem(null);
      setDraft("");
      const accepted = outcome.accepted;
      if (threadId === null && outcome.thread) {
        const started: ThreadDetail = { thread: outcome.thread, messages: [], older_cursor: null };
        const seeded: ThreadRead = { kind: "ready", detail: withAccepted(started, accepted) };
        queryClient.setQueryData<ThreadRead>(askKeys.thread(outcome.threadId), seeded);
        // Read again once open: the thread is named after its first question.
        void queryClient.invalidateQueries({ queryKey: askKeys.thread(outcome.threadId), refetchType: "none" });
        void navigate(threadPath(outcome.threadId));
        return;
      }
      queryClient.setQueryData<ThreadRead>(askKeys.thread(outcome.threadId), (read) =>
        read?.kind === "ready" ? { ...read, detail: withAccepted(read.detail, accepted) } : read,
      );
    },
  });
  const sending = mutation.isPending;
  // Two clicks in one moment (before the button shows it is busy) send once.
  const inFlight = useRef(false);
  function start(send: Send) {
    if (inFlight.current) return;
    inFlight.current = true;
    setLast(send);
    setProblem(null);
    mutation.mutate(send, {
      onSettled: () => {
        inFlight.current = false;
      },
    });
  }
  return {
    draft,
    setDraft,
    problem,
    sending,
    send: (question) => start(sendFor(question, last)),
    retry: () => last && start(last),
    askNew: (question) => start(sendFor(question, null)),
  };
}

// Waiting for an answer ---------------------------------------------------------------------------------

/**
 * Read the thread's pending answer until it is written or failed (every 1.5 s, every 3 s after 30 s),
 * each read put into the thread as it is.
 */
function useAnswerPoll(threadId: string, waiting: ThreadMessage | null) {
  const api = useAskApi();
  const queryClient = useQueryClient();
  const messageId = waiting?.message_id ?? null;
  const since = useRef(new Map<string, number>());
  const poll = useQuery({
    queryKey: askKeys.message(threadId, messageId ?? ""),
    queryFn: ({ signal }) => api.message(threadId, messageId ?? "", signal),
    enabled: messageId !== null,
    meta: { inlineErrors: true },
    staleTime: 0,
    gcTime: 0,
    refetchIntervalInBackground: true,
    refetchInterval: (query) => {
      if (messageId === null || query.state.status === "error") return false;
      const started = since.current.get(messageId) ?? Date.now();
      since.current.set(messageId, started);
      return answerPoll(query.state.data, Date.now() - started);
    },
  });
  const read = poll.data;
  useEffect(() => {
    if (!read) return;
    queryClient.setQueryData<ThreadRead>(askKeys.thread(threadId), (state) =>
      state?.kind === "ready" ? { ...state, detail: withMessage(state.detail, read) } : state,
    );
    if (answerPoll(read, 0) === false) void queryClient.invalidateQueries({ queryKey: askKeys.list });
  }, [read, threadId, queryClient]);
  return { error: poll.isError ? poll.error : null, retry: () => void poll.refetch() };
}

/** The thread's older messages, a page at a time, above the latest ones. */
function useEarlier(threadId: string, firstCursor: string | null) {
  const api = useAskApi();
  const [state, setState] = useState<{ messages: ThreadMessage[]; cursor: string | null; loaded: boolean }>({
    messages: [],
    cursor: null,
    loaded: false,
  });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cursor = state.loaded ? state.cursor : firstCursor;
  async function load() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await api.thread(threadId, cursor);
      setState((current) => ({ messages: [...page.messages, ...current.messages], cursor: page.older_cursor ?? null, loaded: true }));
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setLoading(false);
    }
  }
  return { messages: state.messages, cursor, loading, error, load: () => void load() };
}
