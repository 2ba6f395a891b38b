import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState, type FocusEvent } from "react";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { useFieldsApi } from "../fields/api";
import { fieldsKeys, useCustomFields } from "../fields/queries";
import { insertAt, mergeFieldGroups, type MergeFieldGroup } from "./mergeFields";

/** The merge fields of this account: the built-in ones, its contacts' and leads' custom fields, its custom values. */
export function useMergeFieldGroups(): MergeFieldGroup[] {
  const api = useFieldsApi();
  const { grants } = useAuth();
  const contactFields = useCustomFields("contact");
  const leadFields = useCustomFields("lead");
  const customValues = useQuery({
    queryKey: fieldsKeys.customValues,
    queryFn: api.customValues,
    enabled: grants.can(Permission.contactsRead),
    staleTime: 60_000,
  });
  return useMemo(
    () =>
      mergeFieldGroups({
        contactFields: contactFields.data?.fields ?? [],
        leadFields: leadFields.data?.fields ?? [],
        customValues: customValues.data ?? [],
      }),
    [contactFields.data, leadFields.data, customValues.data],
  );
}

type Editable = HTMLInputElement | HTMLTextAreaElement;

/**
 * Where a merge field goes: the text input last focused among `keys` (the first until one is), at
 * its cursor. Each input takes `bind(key)`; `insert` puts a placeholder in and puts the cursor after it.
 */
export function useMergeTarget<Key extends string>(first: Key, update: (key: Key, change: (current: string) => string) => void) {
  const elements = useRef(new Map<Key, Editable>());
  const caretAfter = useRef<{ key: Key; caret: number } | null>(null);
  const [target, setTarget] = useState<Key>(first);
  // Once the inserted text shows, the cursor goes back into the input, after the placeholder.
  useEffect(() => {
    const pending = caretAfter.current;
    if (!pending) return;
    caretAfter.current = null;
    const element = elements.current.get(pending.key);
    element?.focus();
    element?.setSelectionRange(pending.caret, pending.caret);
  });
  return {
    target,
    bind: (key: Key) => ({
      onFocus: (event: FocusEvent<Editable>) => {
        elements.current.set(key, event.currentTarget);
        setTarget(key);
      },
    }),
    insert(placeholder: string) {
      const element = elements.current.get(target);
      update(target, (current) => {
        const inserted = insertAt(current, placeholder, element?.selectionStart ?? null, element?.selectionEnd ?? null);
        caretAfter.current = { key: target, caret: inserted.caret };
        return inserted.text;
      });
    },
  };
}

/** A list of the merge fields, by group: choosing one puts its placeholder where `targetLabel` says. */
export function MergeFieldPicker({
  groups,
  targetLabel,
  disabled = false,
  onInsert,
}: {
  groups: readonly MergeFieldGroup[];
  /** The input it goes into: "Body". */
  targetLabel: string;
  disabled?: boolean;
  onInsert: (placeholder: string) => void;
}) {
  const id = useId();
  return (
    <div className="field merge-picker">
      <label htmlFor={id}>Insert a merge field</label>
      <select
        id={id}
        value=""
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          if (event.target.value) onInsert(event.target.value);
        }}
      >
        <option value="">Choose a field…</option>
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.fields.map((field) => (
              <option key={field.placeholder} value={field.placeholder}>
                {field.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p className="field-hint" id={`${id}-hint`}>
        Goes into {targetLabel} at the cursor, and is filled in for each contact when the message is sent.
      </p>
    </div>
  );
}
