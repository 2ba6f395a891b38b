import { useQuery } from "@tanstack/react-query";
import { SelectField, TextField, type Option } from "../../../components/ui";
import { sourceLabel } from "../../../lib/format";
import { useLookups } from "../../../lib/lookups";
import { useFieldsApi } from "../../fields/api";
import { fieldsKeys } from "../../fields/queries";
import type { FieldDefinition } from "../../fields/types";
import { LEAD_SOURCES } from "../../leads/types";
import { usePipelines } from "../../pipelines/queries";
import { CONTACT_ROLES } from "../types";
import { ChoiceGroup, Checkbox } from "./ChoiceGroup";
import { CustomConditions } from "./CustomConditions";
import { DATE_RANGES, LIST_SORTS, type ListForm, type OpenLeadChoice } from "./listForm";

const OPEN_LEAD: readonly { value: OpenLeadChoice; label: string }[] = [
  { value: "any", label: "Either way" },
  { value: "yes", label: "Has an open lead" },
  { value: "no", label: "Has no open lead" },
];

/** The options, with any chosen value no longer offered (a tag since deleted) kept so it can be unticked. */
function withChosen(options: Option[], chosen: readonly string[], label: (value: string) => string = (value) => value): Option[] {
  const missing = chosen.filter((value) => !options.some((option) => option.value === value));
  return [...options, ...missing.map((value) => ({ value, label: label(value) }))];
}

function useStageOptions(): Option[] {
  const pipelines = usePipelines().data ?? [];
  const named = pipelines.length > 1;
  return pipelines.flatMap((pipeline) =>
    [...pipeline.stages]
      .sort((a, b) => a.position - b.position)
      .map((stage) => ({ value: stage.stage_id, label: named ? `${pipeline.name}: ${stage.name}` : stage.name })),
  );
}

function useTagOptions(): { options: Option[]; loading: boolean } {
  const api = useFieldsApi();
  const tags = useQuery({ queryKey: fieldsKeys.tags, queryFn: api.tags, staleTime: 30_000 });
  return { options: (tags.data ?? []).map((tag) => ({ value: tag.name, label: tag.name })), loading: tags.isPending };
}

export function ListBuilderFields({
  form,
  onChange,
  fields,
  errors,
  seesAll,
}: {
  form: ListForm;
  onChange: (form: ListForm) => void;
  fields: readonly FieldDefinition[];
  errors: Record<string, string>;
  /** A user who sees every contact filters by owner and may share a list with the team. */
  seesAll: boolean;
}) {
  const lookups = useLookups();
  const tags = useTagOptions();
  const stages = useStageOptions();
  const change = (next: Partial<ListForm>) => onChange({ ...form, ...next });
  const owners: Option[] = lookups.users.map((user) => ({ value: user.user_id, label: user.name || user.email }));
  const sources: Option[] = LEAD_SOURCES.map((source) => ({ value: source, label: sourceLabel(source) }));
  const conditionErrors = Object.fromEntries(form.custom.map((_, index) => [index, errors[`filters.custom.${index}`]]));

  return (
    <>
      <div className="builder-row">
        <TextField label="Name" value={form.name} maxLength={80} error={errors.name} autoFocus onChange={(event) => change({ name: event.target.value })} />
        <SelectField
          label="Order"
          options={LIST_SORTS}
          value={form.sort}
          error={errors.sort}
          onChange={(event) => change({ sort: LIST_SORTS.find((sort) => sort.value === event.target.value)?.value ?? "created" })}
        />
      </div>
      {seesAll && <Checkbox label="Share with the team" checked={form.team} onChange={(team) => change({ team })} />}
      <ChoiceGroup
        legend="Roles"
        options={CONTACT_ROLES.map((role) => ({ value: role, label: role }))}
        chosen={form.roles}
        error={errors["filters.roles"]}
        onChange={(roles) => change({ roles: CONTACT_ROLES.filter((role) => roles.includes(role)) })}
      />
      {seesAll && (
        <ChoiceGroup
          legend="Owners"
          options={withChosen(owners, form.owner_ids, lookups.ownerName)}
          chosen={form.owner_ids}
          error={errors["filters.owner_ids"]}
          onChange={(owner_ids) => change({ owner_ids })}
        />
      )}
      <ChoiceGroup
        legend="Tags"
        hint="Contacts with any of these tags"
        options={withChosen(tags.options, form.tags)}
        chosen={form.tags}
        empty={tags.loading ? "Loading the tags…" : "No tags yet: they appear once a contact, company or lead has one."}
        error={errors["filters.tags"]}
        onChange={(chosen) => change({ tags: chosen })}
      />
      <ChoiceGroup
        legend="Sources"
        options={withChosen(sources, form.sources, sourceLabel)}
        chosen={form.sources}
        error={errors["filters.sources"]}
        onChange={(chosen) => change({ sources: chosen })}
      />
      <div className="builder-dates">
        {DATE_RANGES.map((range) => (
          <fieldset key={range.from} className="choice-group day-range">
            <legend>{range.label}</legend>
            <TextField
              label="From"
              type="date"
              value={form.dates[range.from]}
              error={errors[`filters.${range.from}`]}
              onChange={(event) => change({ dates: { ...form.dates, [range.from]: event.target.value } })}
            />
            <TextField
              label="To"
              type="date"
              value={form.dates[range.to]}
              error={errors[`filters.${range.to}`]}
              onChange={(event) => change({ dates: { ...form.dates, [range.to]: event.target.value } })}
            />
          </fieldset>
        ))}
      </div>
      <SelectField
        label="Open lead"
        options={OPEN_LEAD}
        value={form.has_open_lead}
        error={errors["filters.has_open_lead"]}
        onChange={(event) => change({ has_open_lead: OPEN_LEAD.find((choice) => choice.value === event.target.value)?.value ?? "any" })}
      />
      <ChoiceGroup
        legend="Lead stage"
        hint="Contacts with a lead in any of these stages"
        options={withChosen(stages, form.lead_stage_ids, () => "Removed stage")}
        chosen={form.lead_stage_ids}
        error={errors["filters.lead_stage_ids"]}
        onChange={(lead_stage_ids) => change({ lead_stage_ids })}
      />
      <CustomConditions fields={fields} conditions={form.custom} errors={conditionErrors} onChange={(custom) => change({ custom })} />
      <div className="builder-row">
        <Checkbox label="Include inactive contacts" checked={form.include_inactive} onChange={(include_inactive) => change({ include_inactive })} />
        <Checkbox label="Include test contacts" checked={form.include_test} onChange={(include_test) => change({ include_test })} />
      </div>
    </>
  );
}
