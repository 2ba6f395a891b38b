import { SelectField, Spinner, TextField } from "../../components/ui";
import type { PipelineSettings, Stage } from "../pipelines/types";
import type { ParamErrors, ParamsDraft } from "./params";

/** How a bulk win treats values: the revenue rule in words. */
function wonHint(allowZero: boolean): string {
  const rule = allowZero
    ? "Your account allows wins worth 0, so leads left without a value are won at 0."
    : "A won lead needs a value (your account does not allow wins worth 0): leads without one are not moved unless you enter a value here.";
  return `Leads that have a value keep it; this value is given to those that have none. ${rule}`;
}

/**
 * The stage to move the leads to, from the list's pipeline; a won stage asks the value of leads that
 * have none, a lost stage why they were lost (one of the account's reasons).
 */
export function StageFields({
  pipelineName,
  stages,
  draft,
  settings,
  currency,
  errors,
  onDraft,
}: {
  pipelineName: string;
  stages: readonly Stage[];
  draft: ParamsDraft;
  settings: PipelineSettings | undefined;
  currency: string;
  errors: ParamErrors;
  onDraft: (change: Partial<ParamsDraft>) => void;
}) {
  const stage = stages.find((item) => item.stage_id === draft.stageId);
  return (
    <>
      <SelectField
        label="Stage"
        options={[{ value: "", label: "Choose a stage" }, ...stages.map((item) => ({ value: item.stage_id, label: item.name }))]}
        value={draft.stageId}
        error={errors.stage_id}
        hint={`The stages of ${pipelineName}. Leads in another pipeline are skipped.`}
        onChange={(event) => onDraft({ stageId: event.target.value, value: "", lostReason: "" })}
      />
      {stage?.kind === "won" && (
        <TextField
          label={`Value for leads without one (${currency})`}
          inputMode="decimal"
          autoComplete="off"
          value={draft.value}
          error={errors.value}
          hint={settings ? wonHint(settings.allow_zero_value_wins) : "Loading your account's rule for wins…"}
          onChange={(event) => onDraft({ value: event.target.value })}
        />
      )}
      {stage?.kind === "lost" &&
        (settings ? (
          <SelectField
            label="Why were they lost?"
            options={[{ value: "", label: "Choose a reason" }, ...settings.lost_reasons.map((reason) => ({ value: reason, label: reason }))]}
            value={draft.lostReason}
            error={errors.lost_reason}
            onChange={(event) => onDraft({ lostReason: event.target.value })}
          />
        ) : (
          <Spinner label="Loading the lost reasons" />
        ))}
    </>
  );
}
