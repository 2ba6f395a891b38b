// What every card of the builder reads: the editor (draft, problems, open cards, commands), the
// choices its pickers offer, each step's number, and the published version's counts per step.

import { createContext, useContext } from "react";
import type { StepCounts } from "./types";
import type { Choices } from "./useBuilderChoices";
import type { WorkflowEditor } from "./useWorkflowEditor";

export interface Builder {
  editor: WorkflowEditor;
  choices: Choices;
  numbers: ReadonlyMap<string, number>;
  /** Per step of the published version, by step id; null while nothing is published. */
  counts: Readonly<Record<string, StepCounts>> | null;
  /** The step ids of the published version; null while nothing is published. */
  live: ReadonlySet<string> | null;
}

export const BuilderContext = createContext<Builder | null>(null);

export function useBuilder(): Builder {
  const builder = useContext(BuilderContext);
  if (!builder) throw new Error("useBuilder outside the workflow builder");
  return builder;
}
