import { useState } from "react";
import { ApiError, errorMessage, fieldMessages } from "../api/errors";

/** Errors of a form: the API's `fields` next to their inputs, anything else in one message on top. */
export function useFormErrors(inputs: readonly string[]) {
  const [byField, setByField] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  return {
    byField,
    summary,
    clear() {
      setByField({});
      setSummary(null);
    },
    show(error: unknown) {
      const split = fieldMessages(error, inputs);
      setByField(split.byField);
      const fieldCount = Object.keys(split.byField).length;
      if (split.other.length) setSummary(split.other.join(" "));
      else if (fieldCount && error instanceof ApiError) setSummary(error.message);
      else setSummary(errorMessage(error));
    },
  };
}
