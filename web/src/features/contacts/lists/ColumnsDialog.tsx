import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Button } from "../../../components/ui";
import { useSmartListsApi } from "./api";
import { chooserRows, COLUMN_LABELS, moveColumn, shownColumns, toggleColumn } from "./columns";
import { rememberList } from "./queries";
import type { ListColumn, SmartList } from "./types";
import "./lists.css";

/** The columns I see in a list, and their order: saved for me alone (at least one). */
export function ColumnsDialog({ list, onClose }: { list: SmartList; onClose: () => void }) {
  const api = useSmartListsApi();
  const queryClient = useQueryClient();
  const [columns, setColumns] = useState<ListColumn[]>(() => shownColumns(list.columns));
  const save = useMutation({
    mutationFn: () => api.saveColumns(list.list_id, columns),
    onSuccess: (saved) => {
      rememberList(queryClient, saved);
      toast.success("Columns saved");
      onClose();
    },
  });
  const rows = chooserRows(columns);
  return (
    <ConfirmDialog
      open
      title="Columns"
      confirmLabel="Save columns"
      tone="primary"
      busy={save.isPending}
      onConfirm={() => save.mutate()}
      onCancel={() => {
        if (!save.isPending) onClose();
      }}
    >
      <p className="muted">The columns you see in {list.name}, in this order. Others who use the list choose their own.</p>
      <ol className="column-chooser" aria-label="Columns">
        {rows.map(({ column, shown }, index) => (
          <li key={column}>
            <label className="choice">
              <input
                type="checkbox"
                checked={shown}
                // The table needs one column: the last one shown stays.
                disabled={shown && columns.length === 1}
                onChange={(event) => setColumns(toggleColumn(columns, column, event.target.checked))}
              />
              {COLUMN_LABELS[column]}
            </label>
            {shown && (
              <span className="column-moves">
                <Button
                  className="btn-small"
                  variant="ghost"
                  aria-label={`Move ${COLUMN_LABELS[column]} earlier`}
                  disabled={index === 0}
                  onClick={() => setColumns(moveColumn(columns, column, -1))}
                >
                  ↑
                </Button>
                <Button
                  className="btn-small"
                  variant="ghost"
                  aria-label={`Move ${COLUMN_LABELS[column]} later`}
                  disabled={index === columns.length - 1}
                  onClick={() => setColumns(moveColumn(columns, column, 1))}
                >
                  ↓
                </Button>
              </span>
            )}
          </li>
        ))}
      </ol>
    </ConfirmDialog>
  );
}
