import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button } from "../../../components/ui";
import { questionProblem } from "./sends";

/**
 * The question box: Enter sends, Shift+Enter starts a new line. It is disabled while the thread's
 * answer is being written (one question at a time) and while a question is being sent.
 */
export function Composer({
  value,
  onChange,
  onSend,
  waiting,
  sending,
}: {
  value: string;
  onChange: (value: string) => void;
  onSend: (question: string) => void;
  /** An answer of this thread is being written. */
  waiting: boolean;
  sending: boolean;
}) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState<string | null>(null);
  const blocked = waiting || sending;

  // Focus comes back to the box when it opens again, unless the person has moved on to something else.
  const wasBlocked = useRef(blocked);
  useEffect(() => {
    if (wasBlocked.current && !blocked && (document.activeElement === null || document.activeElement === document.body)) {
      ref.current?.focus();
    }
    wasBlocked.current = blocked;
  }, [blocked]);

  function send() {
    if (blocked) return;
    const problem = questionProblem(value);
    setError(problem);
    if (!problem) onSend(value);
  }
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    send();
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }
  const hint = waiting ? "You can ask the next question once this answer is written." : "Enter sends; Shift+Enter starts a new line.";
  return (
    <form className="ask-composer" onSubmit={onSubmit}>
      <label htmlFor={id}>Your question</label>
      <textarea
        id={id}
        ref={ref}
        rows={3}
        value={value}
        placeholder="Ask about your leads, stages, follow-ups or revenue"
        disabled={blocked}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-${error ? "error" : "hint"}`}
        onChange={(event) => {
          setError(null);
          onChange(event.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="ask-composer-row">
        {error ? (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        ) : (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        <Button type="submit" variant="primary" busy={sending} disabled={blocked}>
          Ask
        </Button>
      </div>
    </form>
  );
}
