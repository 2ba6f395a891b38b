import { useEffect, useId, useRef, type FormEvent, type ReactNode } from "react";

/**
 * A modal on the native <dialog> (focus trapped, Escape closes) whose body is a form: Enter submits,
 * and the actions are the caller's (a dialog's buttons change once it has results to show).
 */
export function Modal({
  title,
  wide = false,
  onSubmit,
  onClose,
  actions,
  children,
}: {
  title: string;
  wide?: boolean;
  onSubmit: () => void;
  onClose: () => void;
  actions: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <dialog
      ref={ref}
      className={`dialog ${wide ? "team-dialog-wide" : "team-dialog"}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className="team-dialog-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">{actions}</div>
      </form>
    </dialog>
  );
}
