// A form's custom fields: the definitions of its object type, the inputs (the stored values until
// the editor changes them), and the `custom_fields` a write sends.

import { useMemo, useState } from "react";
import { useCustomFields } from "../fields/queries";
import type { FieldDefinition, ObjectType } from "../fields/types";
import {
  customFieldInputNames,
  customFieldsBody,
  customInputsChanged,
  customInputsOf,
  type CustomInputs,
  type CustomValues,
} from "./customFieldValues";

const NONE: readonly FieldDefinition[] = [];

export interface CustomFieldForm {
  /** The definitions are being read: the form waits, so that no input appears under the editor's hands. */
  loading: boolean;
  definitions: readonly FieldDefinition[];
  values: CustomInputs;
  onChange: (values: CustomInputs) => void;
  /** The inputs' names as the API names their errors. */
  inputNames: string[];
  /** Whether the editor changed a custom field. */
  changed: boolean;
  /** The whole map to send (a write replaces it): other keys kept from `stored`. */
  body: () => CustomValues;
  /** Back to the stored values (after a reload). */
  reset: () => void;
}

/** `stored` is the record's `custom_fields` as the editor started from it (none for a new record). */
export function useCustomFieldForm(objectType: ObjectType, stored: Readonly<Record<string, unknown>> | null = null): CustomFieldForm {
  const query = useCustomFields(objectType);
  const definitions = query.data?.fields ?? NONE;
  const [edits, setEdits] = useState<CustomInputs>({});
  const before = useMemo(() => customInputsOf(definitions, stored), [definitions, stored]);
  const values = useMemo(() => ({ ...before, ...edits }), [before, edits]);
  return {
    loading: query.isLoading,
    definitions,
    values,
    onChange: setEdits,
    inputNames: customFieldInputNames(definitions),
    changed: customInputsChanged(definitions, before, values),
    body: () => customFieldsBody(definitions, values, stored),
    reset: () => setEdits({}),
  };
}
