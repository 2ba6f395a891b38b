import { useId, useState, type Dispatch } from "react";
import { Button, SelectField, TextAreaField, TextField, type Option } from "../../components/ui";
import { useCustomFields } from "../fields/queries";
import type { AdConsentSignal } from "../leads/types";
import { CheckboxField, GroupError } from "./controls";
import { fieldInput, type FieldProp } from "./formErrors";
import { definedTarget, mappingPatch, mappingValue, targetOptions } from "./mappingOptions";
import {
  CONSENT_SIGNAL_LABELS,
  CONSENT_SIGNALS,
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  type DraftAction,
  type DraftField,
  type FieldPatch,
} from "./formModel";
import type { FormFieldType } from "./types";

const TYPE_OPTIONS: Option[] = FIELD_TYPES.map((type) => ({ value: type, label: FIELD_TYPE_LABELS[type] }));

/** The form's fields: add by type, edit, map to the lead, reorder, remove. */
export function FieldsEditor({
  fields,
  errors,
  dispatch,
  readOnly,
}: {
  fields: readonly DraftField[];
  errors: Record<string, string>;
  dispatch: Dispatch<DraftAction>;
  readOnly: boolean;
}) {
  const [newType, setNewType] = useState<FormFieldType>("text");
  const listErrorId = useId();
  return (
    <div className="fields-editor">
      <GroupError id={listErrorId} message={errors.fields} />
      <ol className="field-list" aria-describedby={errors.fields ? listErrorId : undefined}>
        {fields.map((item, index) => (
          <li key={item.key}>
            <FieldCard
              item={item}
              position={index + 1}
              count={fields.length}
              errors={errors}
              dispatch={dispatch}
              readOnly={readOnly}
            />
          </li>
        ))}
      </ol>
      {!readOnly && (
        <div className="add-field" role="group" aria-label="Add a field">
          <SelectField
            label="New field type"
            options={TYPE_OPTIONS}
            value={newType}
            onChange={(event) => setNewType(event.target.value as FormFieldType)}
          />
          <Button onClick={() => dispatch({ type: "addField", fieldType: newType })}>Add field</Button>
        </div>
      )}
    </div>
  );
}

function FieldCard({
  item,
  position,
  count,
  errors,
  dispatch,
  readOnly,
}: {
  item: DraftField;
  position: number;
  count: number;
  errors: Record<string, string>;
  dispatch: Dispatch<DraftAction>;
  readOnly: boolean;
}) {
  const errorId = useId();
  const error: ErrorOf = (prop) => errors[fieldInput(item.key, prop)];
  const update = (patch: FieldPatch) => dispatch({ type: "updateField", key: item.key, patch });
  const title = item.label.trim() || FIELD_TYPE_LABELS[item.type];
  const whole = error();
  const placeholderShown = item.type === "text" || item.type === "email" || item.type === "phone" || item.type === "textarea";

  return (
    <fieldset
      className={`field-card ${whole ? "field-card-invalid" : ""}`}
      aria-describedby={whole ? errorId : undefined}
      disabled={readOnly}
    >
      <legend>
        <span className="field-card-number">Field {position}:</span> <span className="field-card-title">{title}</span>{" "}
        <span className="badge field-card-type">{FIELD_TYPE_LABELS[item.type]}</span>
      </legend>
      <GroupError id={errorId} message={whole} />
      <div className="field-card-grid">
        <TextField
          label="Label"
          value={item.label}
          error={error("label")}
          onChange={(event) => update({ label: event.target.value })}
        />
        <SelectField
          label="Type"
          options={TYPE_OPTIONS}
          value={item.type}
          error={error("type")}
          onChange={(event) => dispatch({ type: "changeFieldType", key: item.key, fieldType: event.target.value as FormFieldType })}
        />
        <TextField
          label="Field name"
          value={item.name}
          error={error("name")}
          hint="The name the answer is sent under: lowercase letters, digits and _."
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => update({ name: event.target.value })}
        />
        {placeholderShown && (
          <TextField
            label="Placeholder"
            value={item.placeholder}
            error={error("placeholder")}
            onChange={(event) => update({ placeholder: event.target.value })}
          />
        )}
        {item.type === "select" && (
          <TextAreaField
            label="Options (one per line)"
            className="span-2"
            rows={4}
            value={item.optionsText}
            error={error("options")}
            onChange={(event) => update({ optionsText: event.target.value })}
          />
        )}
        {item.type === "hidden" && (
          <TextField
            label="Value"
            value={item.defaultValue}
            error={error("default")}
            hint="Sent with every submission, e.g. the campaign this page belongs to."
            onChange={(event) => update({ defaultValue: event.target.value })}
          />
        )}
        <FieldMapping item={item} error={error} update={update} />
        {item.type !== "hidden" && (
          <CheckboxField
            label="Required"
            checked={item.required}
            error={error("required")}
            onChange={(event) => update({ required: event.target.checked })}
          />
        )}
      </div>
      {!readOnly && <FieldActions item={item} title={title} position={position} count={count} dispatch={dispatch} />}
    </fieldset>
  );
}

type ErrorOf = (prop?: FieldProp) => string | undefined;

function FieldMapping({ item, error, update }: { item: DraftField; error: ErrorOf; update: (patch: FieldPatch) => void }) {
  const definitions = useCustomFields("lead").data?.fields ?? [];
  if (item.type === "consent") {
    return <ConsentSignals item={item} error={error("consent_signals")} onChange={(consentSignals) => update({ consentSignals })} />;
  }
  const defined = definedTarget(item, definitions);
  return (
    <>
      <SelectField
        label="Saves to"
        options={targetOptions(item.type, definitions)}
        value={mappingValue(item, definitions)}
        error={error("maps_to")}
        hint={
          defined
            ? `Saved on the lead's custom field "${defined.label}".`
            : item.target === "custom"
              ? undefined
              : "The lead field this answer fills."
        }
        onChange={(event) => update(mappingPatch(item, event.target.value, definitions))}
      />
      {item.target === "custom" && !defined && (
        <TextField
          label="Custom field key"
          value={item.customKey}
          placeholder={item.name}
          autoComplete="off"
          spellCheck={false}
          hint={`Saved on the lead as custom field "${item.customKey.trim() || item.name}". Leave empty to use the field name.`}
          onChange={(event) => update({ customKey: event.target.value })}
        />
      )}
    </>
  );
}

function FieldActions({
  item,
  title,
  position,
  count,
  dispatch,
}: {
  item: DraftField;
  title: string;
  position: number;
  count: number;
  dispatch: Dispatch<DraftAction>;
}) {
  return (
    <div className="field-card-actions">
      <Button
        className="btn-small"
        aria-label={`Move ${title} up`}
        disabled={position === 1}
        onClick={() => dispatch({ type: "moveField", key: item.key, by: -1 })}
      >
        ↑ Up
      </Button>
      <Button
        className="btn-small"
        aria-label={`Move ${title} down`}
        disabled={position === count}
        onClick={() => dispatch({ type: "moveField", key: item.key, by: 1 })}
      >
        ↓ Down
      </Button>
      <Button
        variant="ghost"
        className="btn-small"
        aria-label={`Remove ${title}`}
        disabled={count === 1}
        onClick={() => dispatch({ type: "removeField", key: item.key })}
      >
        Remove
      </Button>
    </div>
  );
}

function ConsentSignals({
  item,
  error,
  onChange,
}: {
  item: DraftField;
  error: string | undefined;
  onChange: (signals: AdConsentSignal[]) => void;
}) {
  const id = useId();
  return (
    <fieldset className={`field span-2 consent-signals ${error ? "field-invalid" : ""}`} aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend>Ticking this box grants</legend>
      {CONSENT_SIGNALS.map((signal) => (
        <label key={signal} className="checkbox-label">
          <input
            type="checkbox"
            checked={item.consentSignals.includes(signal)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? CONSENT_SIGNALS.filter((s) => s === signal || item.consentSignals.includes(s))
                  : item.consentSignals.filter((s) => s !== signal),
              )
            }
          />
          <span>{CONSENT_SIGNAL_LABELS[signal]}</span>
        </label>
      ))}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        <p className="field-hint" id={`${id}-hint`}>
          The visitor's consent for ad data use, sent with conversions to Google Ads. A consent box fills no lead field.
        </p>
      )}
    </fieldset>
  );
}
