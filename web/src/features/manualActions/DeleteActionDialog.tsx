import { ConfirmDialog } from "../../components/ConfirmDialog";
import { describeAction } from "./model";
import { useDeleteAction } from "./queries";
import type { ManualAction } from "./types";

/** Deleting an action asks first: its workflow enrolment ends with it, so the later steps do not run. */
export function DeleteActionDialog({
  action,
  onClose,
  onDeleted,
}: {
  action: ManualAction | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const remove = useDeleteAction(() => {
    onClose();
    onDeleted?.();
  });
  return (
    <ConfirmDialog
      open={action !== null}
      title="Delete this manual action?"
      confirmLabel="Delete"
      busy={remove.isPending}
      onConfirm={() => action && remove.mutate(action, { onError: onClose })}
      onCancel={onClose}
    >
      {action && (
        <p>
          {capitalised(describeAction(action))} leaves the queue, and {action.subject_name || "the contact"}&apos;s enrolment
          in <strong>{action.workflow_name}</strong> ends: the workflow&apos;s later steps do not run for them.
        </p>
      )}
    </ConfirmDialog>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
