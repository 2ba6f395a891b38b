import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "../../components/ui";

/**
 * A confirmation on the native <dialog> (focus trapped, Escape keeps things as they are) whose two
 * buttons both say what they do: "Cancel" alone would be ambiguous next to "Cancel import".
 */
export function ImportDialog({
  open,
  title,
  children,
  confirmLabel,
  keepLabel,
  busy = false,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  keepLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <Button onClick={onClose}>{keepLabel}</Button>
        <Button variant="danger" busy={busy} onClick={onConfirm} data-testid="confirm-dialog">
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
