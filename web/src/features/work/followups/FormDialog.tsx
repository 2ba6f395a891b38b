import { useEffect, useId, useRef, type FormEvent, type ReactNode } from "react";
import { Button } from "../../../components/ui";

/** A modal form on the native <dialog>: focus trapped, Escape cancels, Enter submits. */
export function FormDialog({
  open,
  title,
  submitLabel,
  busy = false,
  wide = false,
  onSubmit,
  onCancel,
  extraActions,
  children,
}: {
  open: boolean;
  title: string;
  submitLabel: string;
  busy?: boolean;
  wide?: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  extraActions?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <dialog
      ref={ref}
      className={`dialog ${wide ? "dialog-wide" : ""}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {open && (
        <form className="dialog-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
          <h2 id={titleId}>{title}</h2>
          <div className="dialog-body">{children}</div>
          <div className="dialog-actions">
            {extraActions}
            <span className="dialog-spacer" />
            <Button onClick={onCancel}>Cancel</Button>
            <Button type="submit" variant="primary" busy={busy}>
              {submitLabel}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}
