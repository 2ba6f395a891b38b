import { Fragment, useId } from "react";
import { Link } from "react-router";
import { Button } from "../../../components/ui";
import { answerSegments, argumentsText, isOwnPath } from "./answerText";
import { isWaiting, progressText } from "./answerPolling";
import type { Citation, ThreadMessage, ToolCall } from "./types";

/**
 * One message of a thread: the user's question, or the answer: its progress while it is written, its
 * text with links to the pages it cites, the sources and how it was answered; or why it failed, with
 * "Ask again" on the thread's last answer.
 */
export function MessageView({ message, onAskAgain }: { message: ThreadMessage; onAskAgain?: (() => void) | undefined }) {
  if (message.role === "user") {
    return (
      <article className="ask-message ask-question" aria-label="Question">
        <p className="ask-text">{message.text}</p>
      </article>
    );
  }
  if (isWaiting(message)) {
    return (
      <article className="ask-message ask-answer" aria-label="Answer" aria-busy="true">
        <p className="ask-progress" role="status" aria-live="polite">
          <span className="spinner spinner-small" aria-hidden="true" />
          {progressText(message)}
        </p>
      </article>
    );
  }
  if (message.status === "failed") {
    return (
      <article className="ask-message ask-answer ask-failed" aria-label="Answer">
        <p className="ask-problem">{message.error?.message || "No answer could be written to this question."}</p>
        {onAskAgain && (
          <Button className="btn-small" onClick={onAskAgain}>
            Ask again
          </Button>
        )}
      </article>
    );
  }
  return (
    <article className="ask-message ask-answer" aria-label="Answer">
      <AnswerText text={message.text ?? ""} citations={message.citations ?? []} />
      <Sources citations={message.citations ?? []} />
      <HowAnswered calls={message.tool_calls ?? []} />
    </article>
  );
}

/** The answer as plain text; only markdown links to the pages it cites become links. */
function AnswerText({ text, citations }: { text: string; citations: readonly Citation[] }) {
  return (
    <p className="ask-text">
      {answerSegments(text, citations).map((segment, index) =>
        segment.kind === "link" ? (
          <Link key={index} to={segment.to}>
            {segment.label}
          </Link>
        ) : (
          <Fragment key={index}>{segment.text}</Fragment>
        ),
      )}
    </p>
  );
}

function Sources({ citations }: { citations: readonly Citation[] }) {
  const id = useId();
  if (citations.length === 0) return null;
  return (
    <section className="ask-sources" aria-labelledby={id}>
      <h3 id={id}>Sources</h3>
      <ul>
        {citations.map((citation) => (
          <li key={citation.path}>{isOwnPath(citation.path) ? <Link to={citation.path}>{citation.label}</Link> : citation.label}</li>
        ))}
      </ul>
    </section>
  );
}

function HowAnswered({ calls }: { calls: readonly ToolCall[] }) {
  if (calls.length === 0) return null;
  return (
    <details className="ask-how">
      <summary>How this was answered</summary>
      <ol>
        {calls.map((call, index) => (
          <li key={index}>
            <code>{call.name}</code> <span className="muted">({argumentsText(call.arguments)})</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
