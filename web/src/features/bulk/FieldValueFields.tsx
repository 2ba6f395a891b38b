import { SelectField } from "../../components/ui";
import { CustomFieldInputs } from "../contacts/CustomFieldInputs";
import type { FieldDefinition } from "../fields/types";
import type { ParamErrors, ParamsDraft } from "./params";

/** The custom field to set, then its value, entered as the record forms enter it (by the field's type). */
export function FieldValueFields({
  fields,
  draft,
  errors,
  onDraft,
}: {
  fields: readonly FieldDefinition[];
  draft: ParamsDraft;
  errors: ParamErrors;
  onDraft: (change: Partial<ParamsDraft>) => void;
}) {
  const definition = fields.find((field) => field.key === draft.fieldKey);
  return (
    <>
      <SelectField
        label="Field"
        options={[{ value: "", label: "Choose a field" }, ...fields.map((field) => ({ value: field.key, label: field.label }))]}
        value={draft.fieldKey}
        error={errors.field_key}
        onChange={(event) => onDraft({ fieldKey: event.target.value, fieldInput: undefined })}
      />
      {definition && (
        <div className="bulk-field-value">
          <CustomFieldInputs
            definitions={[{ ...definition, required: false }]}
            values={draft.fieldInput === undefined ? {} : { [definition.key]: draft.fieldInput }}
            errors={errors.field_value ? { [`custom_fields.${definition.key}`]: errors.field_value } : {}}
            onChange={(values) => onDraft({ fieldInput: values[definition.key] })}
          />
          <p className="field-hint">Leave it empty to empty the field on every record.</p>
        </div>
      )}
    </>
  );
}
