import { useId, type ReactNode } from "react";
import { SelectField, TextField, type Option } from "../../components/ui";
import type { User } from "../accounts/types";
import type { Pipeline } from "../pipelines/types";
import {
  countryCode,
  CREATES_CHOICES,
  DUPLICATE_CHOICES,
  MAX_TAGS,
  OWNER_CHOICES,
  type OptionField,
  type OptionsDraft,
} from "./options";

type Errors = Partial<Record<OptionField, string>>;

/** The run's options: what rows create, duplicates, owners, tags and the phones' country. */
export function OptionsForm({
  draft,
  onChange,
  errors,
  pipelines,
  users,
}: {
  /** With the default pipeline and stage filled in. */
  draft: OptionsDraft;
  onChange: (patch: Partial<OptionsDraft>) => void;
  errors: Errors;
  pipelines: readonly Pipeline[];
  /** The active users, by name. */
  users: readonly User[];
}) {
  return (
    <div className="import-options">
      <RadioGroup
        legend="What each row creates"
        name="creates"
        choices={CREATES_CHOICES}
        value={draft.creates}
        onChange={(creates) => onChange({ creates })}
      >
        {draft.creates === "leads" && <LeadPlace draft={draft} onChange={onChange} errors={errors} pipelines={pipelines} />}
      </RadioGroup>
      <RadioGroup
        legend="When a row matches an existing contact"
        hint="Rows are matched to contacts on email, then phone."
        name="duplicate_rule"
        choices={DUPLICATE_CHOICES}
        value={draft.duplicateRule}
        onChange={(duplicateRule) => onChange({ duplicateRule })}
      />
      <RadioGroup
        legend="Owner"
        hint="A row whose Owner email column names a user goes to that user."
        name="owner_mode"
        choices={OWNER_CHOICES}
        value={draft.ownerMode}
        error={errors["options.owner_ids"]}
        onChange={(ownerMode) => onChange({ ownerMode })}
      >
        <OwnerPicker draft={draft} onChange={onChange} users={users} />
      </RadioGroup>
      <div className="import-options-fields">
        <TextField
          label="Tags to add to every row"
          value={draft.tags}
          placeholder="spring-expo, imported"
          hint={`Separate tags with commas (up to ${MAX_TAGS}); they are added to the contacts the import creates or updates.`}
          error={errors["options.tags"]}
          onChange={(event) => onChange({ tags: event.target.value })}
        />
        <TextField
          label="Country of phone numbers without one"
          value={draft.defaultCountry}
          placeholder="US"
          maxLength={2}
          autoComplete="off"
          hint="Two letters (US, GB, CA…): numbers without a + are read as this country's unless the row has a Country column. Empty: your account's country."
          error={errors["options.default_country"]}
          onChange={(event) => onChange({ defaultCountry: countryCode(event.target.value) })}
        />
      </div>
    </div>
  );
}

interface Choice<Value extends string> {
  value: Value;
  label: string;
  description: string;
}

function RadioGroup<Value extends string>({
  legend,
  hint,
  name,
  choices,
  value,
  error,
  onChange,
  children,
}: {
  legend: string;
  hint?: string;
  name: string;
  choices: readonly Choice<Value>[];
  value: Value;
  error?: string | undefined;
  onChange: (value: Value) => void;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset
      className={`import-choices ${error ? "field-invalid" : ""}`}
      aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
      data-testid={`option-${name}`}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {choices.map((choice) => (
        <label key={choice.value} className="import-choice">
          <input type="radio" name={`${id}-${name}`} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} />
          <span>
            <span className="import-choice-label">{choice.label}</span>
            <span className="muted import-choice-description">{choice.description}</span>
          </span>
        </label>
      ))}
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function LeadPlace({
  draft,
  onChange,
  errors,
  pipelines,
}: {
  draft: OptionsDraft;
  onChange: (patch: Partial<OptionsDraft>) => void;
  errors: Errors;
  pipelines: readonly Pipeline[];
}) {
  const pipelineOptions: Option[] = pipelines.map((pipeline) => ({ value: pipeline.pipeline_id, label: pipeline.name }));
  const pipeline = pipelines.find((each) => each.pipeline_id === draft.pipelineId);
  const stageOptions: Option[] = [...(pipeline?.stages ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((stage) => ({ value: stage.stage_id, label: stage.name }));
  return (
    <div className="import-suboptions">
      <SelectField
        label="Pipeline"
        options={pipelineOptions}
        value={draft.pipelineId}
        error={errors["options.pipeline_id"]}
        onChange={(event) => onChange({ pipelineId: event.target.value, stageId: "" })}
      />
      <SelectField
        label="Stage"
        options={stageOptions}
        value={draft.stageId}
        hint="For rows without a Stage column (or with it empty)."
        error={errors["options.stage_id"]}
        onChange={(event) => onChange({ stageId: event.target.value })}
      />
    </div>
  );
}

function OwnerPicker({ draft, onChange, users }: { draft: OptionsDraft; onChange: (patch: Partial<OptionsDraft>) => void; users: readonly User[] }) {
  if (draft.ownerMode === "user") {
    const options: Option[] = [{ value: "", label: "Choose a person" }, ...users.map((user) => ({ value: user.user_id, label: user.name || user.email }))];
    return (
      <div className="import-suboptions">
        <SelectField label="Owner of the imported rows" options={options} value={draft.ownerId} onChange={(event) => onChange({ ownerId: event.target.value })} />
      </div>
    );
  }
  if (draft.ownerMode !== "round_robin") return null;
  const chosen = new Set(draft.ownerIds);
  return (
    <fieldset className="import-suboptions import-owners">
      <legend>Who takes the rows in turn</legend>
      <ul>
        {users.map((user) => (
          <li key={user.user_id}>
            <label className="import-choice">
              <input
                type="checkbox"
                checked={chosen.has(user.user_id)}
                onChange={(event) => {
                  // Kept in the team's order, which is the round robin's.
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(user.user_id);
                  else next.delete(user.user_id);
                  onChange({ ownerIds: users.filter((each) => next.has(each.user_id)).map((each) => each.user_id) });
                }}
              />
              {user.name || user.email}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
