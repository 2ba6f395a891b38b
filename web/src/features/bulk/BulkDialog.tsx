import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Pipeline } from "../pipelines/types";
import { BulkConfirm } from "./BulkConfirm";
import { BulkModal } from "./BulkModal";
import { BulkRun } from "./BulkRun";
import { actionLabel } from "./labels";
import { bulkKeys } from "./queries";
import { newRequestKey } from "./requestKey";
import type { BulkAction, BulkActionType, BulkObject, BulkScope } from "./types";

/**
 * One bulk action from its confirmation to its outcome. The request key is made once, when the dialog
 * opens; `onClose` says whether the action was started (the selection is then cleared).
 */
export function BulkDialog({
  object,
  action,
  scope,
  count,
  pipeline,
  onClose,
}: {
  object: BulkObject;
  action: BulkActionType;
  scope: BulkScope;
  count: number | null;
  pipeline: Pipeline | null | undefined;
  onClose: (started: boolean) => void;
}) {
  const queryClient = useQueryClient();
  const [requestKey] = useState(newRequestKey);
  const [started, setStarted] = useState<BulkAction | null>(null);
  const close = () => onClose(started !== null);
  return (
    <BulkModal title={actionLabel(action)} onClose={close}>
      {started ? (
        <BulkRun started={started} onClose={close} />
      ) : (
        <BulkConfirm
          object={object}
          action={action}
          scope={scope}
          count={count}
          pipeline={pipeline}
          requestKey={requestKey}
          onStarted={(answer) => {
            queryClient.setQueryData(bulkKeys.one(answer.bulk_id), answer);
            setStarted(answer);
          }}
          onCancel={close}
        />
      )}
    </BulkModal>
  );
}
