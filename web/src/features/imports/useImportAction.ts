// Cancel and undo: each answers the import as it is now, which the page shows at once (the poll
// carries on from there) while the list is read again.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useImportsApi } from "./api";
import { importKeys } from "./queries";
import type { Import } from "./types";

export function useImportAction(importId: string, action: "cancel" | "undo") {
  const api = useImportsApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => (action === "cancel" ? api.cancel(importId) : api.undo(importId)),
    // A refusal (409: nothing to undo, undo expired, not running) shows where the button is.
    meta: { inlineErrors: true },
    onSuccess: (item: Import) => {
      queryClient.setQueryData(importKeys.one(importId), item);
      return queryClient.invalidateQueries({ queryKey: importKeys.all });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: importKeys.one(importId) }),
  });
}
