import { useSyncExternalStore, type FocusEvent } from "react";
import { currentToasts, dismissToast, holdToast, releaseToast, subscribeToasts, type Toast } from "./toasts";

/**
 * The toasts, bottom right. Screen readers announce what is added to a live region that was already
 * there, so the polite region is rendered from the start (empty) and each success or info toast is
 * added inside it; an error toast is an alert, which is announced at once when it appears. The
 * polite region is not atomic, so a new toast is read alone, not with those already showing.
 */
export function ToastRegion() {
  const toasts = useSyncExternalStore(subscribeToasts, currentToasts, currentToasts);
  return (
    <div className="toasts">
      <div className="toast-stack" aria-live="polite" aria-atomic="false" aria-relevant="additions text">
        {toasts.map((toast) => (toast.tone === "error" ? null : <ToastCard key={toast.id} toast={toast} />))}
      </div>
      <div className="toast-stack">
        {toasts.map((toast) => (toast.tone === "error" ? <ToastCard key={toast.id} toast={toast} /> : null))}
      </div>
    </div>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  // Its timer stands still while it is hovered or holds focus, so there is time to read it and to
  // reach its action.
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) releaseToast(toast.id, "focus");
  };
  return (
    <div
      className={`toast toast-${toast.tone}`}
      role={toast.tone === "error" ? "alert" : "status"}
      onMouseEnter={() => holdToast(toast.id, "hover")}
      onMouseLeave={() => releaseToast(toast.id, "hover")}
      onFocus={() => holdToast(toast.id, "focus")}
      onBlur={onBlur}
    >
      <p>{toast.message}</p>
      <div className="toast-actions">
        {toast.action && (
          <button
            type="button"
            className="btn btn-ghost btn-small"
            onClick={() => {
              toast.action?.run();
              dismissToast(toast.id);
            }}
          >
            {toast.action.label}
          </button>
        )}
        <button
          type="button"
          className="toast-close"
          aria-label="Dismiss notification"
          onClick={() => dismissToast(toast.id)}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </div>
  );
}
