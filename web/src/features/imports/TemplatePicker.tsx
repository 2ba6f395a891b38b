import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../api/errors";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Button, SelectField, type Option } from "../../components/ui";
import { useImportsApi } from "./api";
import { importKeys } from "./queries";
import type { ImportTemplate } from "./types";

/** Apply a saved mapping (by the columns' labels), or delete one. */
export function TemplatePicker({ templates, onApply }: { templates: readonly ImportTemplate[]; onApply: (template: ImportTemplate) => void }) {
  const api = useImportsApi();
  const queryClient = useQueryClient();
  const [chosenId, setChosenId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const chosen = templates.find((template) => template.template_id === chosenId);
  const remove = useMutation({
    mutationFn: (templateId: string) => api.deleteTemplate(templateId),
    onSuccess: () => {
      toast.success(`The saved mapping “${chosen?.name ?? ""}” is deleted`);
      setConfirming(false);
      setChosenId("");
      return queryClient.invalidateQueries({ queryKey: importKeys.templates });
    },
    onError: (error) => {
      setConfirming(false);
      toast.error(errorMessage(error));
    },
    meta: { inlineErrors: true },
  });
  if (templates.length === 0) return null;
  const options: Option[] = [
    { value: "", label: "Choose a saved mapping" },
    ...templates.map((template) => ({ value: template.template_id, label: template.name })),
  ];
  return (
    <div className="import-template-row">
      <SelectField label="Saved mapping" options={options} value={chosenId} onChange={(event) => setChosenId(event.target.value)} />
      <Button disabled={!chosen} onClick={() => chosen && onApply(chosen)}>
        Apply
      </Button>
      <Button variant="ghost" disabled={!chosen} onClick={() => setConfirming(true)}>
        Delete
      </Button>
      <ConfirmDialog
        open={confirming && Boolean(chosen)}
        title={`Delete the saved mapping “${chosen?.name ?? ""}”?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={() => chosen && remove.mutate(chosen.template_id)}
        onCancel={() => setConfirming(false)}
      >
        <p>It is no longer offered for new imports. Imports already run with it stay as they are.</p>
      </ConfirmDialog>
    </div>
  );
}
