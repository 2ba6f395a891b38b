import { useState } from "react";
import { ApiError, errorMessage, fieldMessages } from "../api/errors";
import { planLimitOf, type PlanLimit } from "../features/billing/planLimit";

/** Errors of a form: the API's `fields` next to their inputs, anything else in one message on top. */
export function useFormErrors(inputs: readonly string[]) {
  const [byField, setByField] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [planLimit, setPlanLimit] = useState<PlanLimit | null>(null);
  return {
    byField,
    summary,
    /** A write refused for the plan's limit (402): `summary` has the API's message, this the upgrade. */
    planLimit,
    clear() {
      setByField({});
      setSummary(null);
      setPlanLimit(null);
    },
    show(error: unknown) {
      const limit = planLimitOf(error);
      setPlanLimit(limit);
      if (limit) {
        setByField({});
        setSummary(limit.message);
        return;
      }
      const split = fieldMessages(error, inputs);
      setByField(split.byField);
      const fieldCount = Object.keys(split.byField).length;
      if (split.other.length) setSummary(split.other.join(" "));
      else if (fieldCount && error instanceof ApiError) setSummary(error.message);
      else setSummary(errorMessage(error));
    },
  };
}
