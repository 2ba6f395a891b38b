import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { toast } from "../../components/toasts";
import { Alert, Button, TextField } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { Modal } from "../team/Modal";
import { useAutomationApi } from "./api";
import { AutomationLocked, useAutomationPlan } from "./AutomationLock";
import { workflowPath } from "./paths";
import type { AutomationLock } from "./plan";
import { automationKeys } from "./queries";
import "../team/team.css";

/** Name a new workflow; it is made as a draft (a lead-created trigger, no steps) and opens in the builder. */
export function NewWorkflowDialog({ onClose }: { onClose: () => void }) {
  const api = useAutomationApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const plan = useAutomationPlan();
  const errors = useFormErrors(["name"]);
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [lock, setLock] = useState<AutomationLock | null>(null);

  async function create() {
    errors.clear();
    setNameError(name.trim() ? undefined : "Give the workflow a name");
    if (!name.trim()) return;
    setBusy(true);
    try {
      const created = await api.createWorkflow({ name: name.trim() });
      queryClient.setQueryData(automationKeys.workflow(created.workflow_id), created);
      void queryClient.invalidateQueries({ queryKey: automationKeys.workflows });
      toast.success(`${created.name} was created as a draft`);
      onClose();
      navigate(workflowPath(created.workflow_id));
    } catch (error) {
      const refused = plan.refused(error);
      if (refused) setLock(refused);
      else errors.show(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="New workflow"
      onSubmit={() => void create()}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          {!lock && (
            <Button type="submit" variant="primary" busy={busy}>
              Create workflow
            </Button>
          )}
        </>
      }
    >
      {lock ? (
        <AutomationLocked lock={lock} />
      ) : (
        <>
          {errors.summary && !errors.byField.name && <Alert>{errors.summary}</Alert>}
          <TextField
            label="Name"
            value={name}
            maxLength={120}
            autoFocus
            error={nameError ?? errors.byField.name}
            hint="Say what it does, like “Welcome new leads”. It starts as a draft: nothing runs until you publish it."
            onChange={(event) => setName(event.target.value)}
          />
        </>
      )}
    </Modal>
  );
}
