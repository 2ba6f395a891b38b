// The builder's state and commands: the draft being edited (against the version read), which cards
// are open, what is wrong and where, and save, publish, pause and reload.

import { useQueryClient } from "@tanstack/react-query";
import { useMemo, useReducer, useState } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { useAutomationApi } from "./api";
import { useAutomationPlan } from "./AutomationLock";
import type { ConditionField } from "./conditions";
import {
  cleaned,
  definitionOf,
  draftReducer,
  newStep,
  nextStepId,
  sameDraft,
  walkSteps,
  type DraftAction,
  type ListPlace,
  type WorkflowDraft,
} from "./definition";
import type { AutomationLock } from "./plan";
import { draftProblems, placeApiProblems, withoutAnswered, type Problems } from "./problems";
import { automationKeys } from "./queries";
import type { StepKind, Workflow } from "./types";

type Busy = null | "save" | "publish" | "pause" | "reload";

export function draftOf(workflow: Workflow): WorkflowDraft {
  return { name: workflow.name, definition: definitionOf(workflow.draft) };
}

/** The step ids of a workflow's published version (new steps never take one of them). */
export function liveIds(workflow: Workflow): string[] {
  return walkSteps(definitionOf(workflow.live).steps ?? []).map((step) => step.id);
}

function stepKeys(problems: Problems): string[] {
  return Object.keys(problems)
    .filter((key) => key.startsWith("steps."))
    .map((key) => key.slice("steps.".length));
}

export function useWorkflowEditor(initial: Workflow, fields: readonly ConditionField[]) {
  const api = useAutomationApi();
  const queryClient = useQueryClient();
  const plan = useAutomationPlan();
  // What the builder started from: a background refetch must not move the version under the edits.
  const [saved, setSaved] = useState<Workflow>(initial);
  const [base, setBase] = useState<WorkflowDraft>(() => draftOf(initial));
  const [draft, dispatch] = useReducer(draftReducer, base);
  const [apiProblems, setApiProblems] = useState<Problems>({});
  const [summary, setSummary] = useState<{ title: string; message: string } | null>(null);
  const [checked, setChecked] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [lock, setLock] = useState<AutomationLock | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const dirty = !sameDraft(base, draft);
  const local = useMemo(() => draftProblems(draft, fields), [draft, fields]);
  const problems = checked ? { ...apiProblems, ...local } : apiProblems;

  function edit(action: DraftAction) {
    dispatch(action);
    setApiProblems((current) => withoutAnswered(current, action));
  }

  function expand(ids: readonly string[]) {
    if (ids.length) setOpen((current) => new Set([...current, ...ids]));
  }

  function toggle(id: string) {
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  function addStep(place: ListPlace, index: number, kind: StepKind) {
    const taken = [...walkSteps(draft.definition.steps ?? []).map((step) => step.id), ...liveIds(saved)];
    const id = nextStepId(kind, taken);
    edit({ type: "addStep", place, index, step: newStep(kind, id) });
    expand([id]);
  }

  function apply(workflow: Workflow) {
    const next = draftOf(workflow);
    setSaved(workflow);
    setBase(next);
    dispatch({ type: "replace", draft: next });
    setApiProblems({});
    setChecked(false);
    // Read again rather than set: the answer of a save has no counts per step, a read has.
    void queryClient.invalidateQueries({ queryKey: automationKeys.workflow(workflow.workflow_id) });
    void queryClient.invalidateQueries({ queryKey: automationKeys.workflows });
  }

  function show(error: unknown, title: string) {
    if (error instanceof ApiError && error.isConflict) {
      setConflict(true);
      return;
    }
    const refused = plan.refused(error);
    if (refused) {
      setLock(refused);
      return;
    }
    const placed = placeApiProblems(error, draft);
    setApiProblems(placed.byKey);
    setSummary({ title, message: placed.other.join(" ") });
    expand(stepKeys(placed.byKey));
  }

  function begin(): boolean {
    setSummary(null);
    setConflict(false);
    setChecked(true);
    if (Object.keys(local).length === 0) return true;
    setSummary({ title: "The workflow was not saved", message: "Some parts of it need your attention: see the messages next to them." });
    expand(stepKeys(local));
    return false;
  }

  /** The saved workflow once the draft is saved, or null when it was refused. */
  async function save(): Promise<Workflow | null> {
    if (!begin()) return null;
    if (!dirty) return saved;
    setBusy("save");
    try {
      const result = await api.saveWorkflow(saved.workflow_id, {
        version: saved.version,
        name: draft.name.trim(),
        definition: cleaned(draft.definition),
      });
      apply(result);
      toast.success("Draft saved");
      return result;
    } catch (error) {
      show(error, "The workflow was not saved");
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function run(kind: "publish" | "pause", request: () => Promise<Workflow>, done: (result: Workflow) => string) {
    const title = kind === "publish" ? "The workflow was not published" : "The workflow was not paused";
    setSummary(null);
    setConflict(false);
    setBusy(kind);
    try {
      const result = await request();
      apply(result);
      toast.success(done(result));
    } catch (error) {
      show(error, title);
    } finally {
      setBusy(null);
    }
  }

  const publish = () =>
    run(
      "publish",
      () => api.publishWorkflow(saved.workflow_id, saved.version),
      (result) => `${result.name} is published as version ${result.live_version}`,
    );

  const pause = () =>
    run(
      "pause",
      () => api.pauseWorkflow(saved.workflow_id, saved.version),
      (result) => `${result.name} is paused: no one new is enrolled`,
    );

  async function reload() {
    setBusy("reload");
    try {
      apply(await api.workflow(saved.workflow_id));
      setConflict(false);
      setSummary(null);
      toast.info("Loaded the latest version of this workflow");
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  return {
    saved,
    draft,
    edit,
    dirty,
    problems,
    summary,
    conflict,
    lock: lock ?? plan.lock,
    busy,
    open,
    toggle,
    expand,
    addStep,
    save,
    publish,
    pause,
    reload,
  };
}

export type WorkflowEditor = ReturnType<typeof useWorkflowEditor>;
