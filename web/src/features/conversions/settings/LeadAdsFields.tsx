import { useId, type KeyboardEvent } from "react";
import { errorMessage } from "../../../api/errors";
import { toast } from "../../../components/toasts";
import { Alert, Button, Spinner, TextField } from "../../../components/ui";
import { useServices } from "../../../context";
import {
  addPage,
  EVENT_NAME_MAX_LENGTH,
  EVENT_SUGGESTIONS,
  MAX_PAGES,
  PAGE_ID_MAX_LENGTH,
  PAGE_IDS_FIELD,
  removePage,
  setStageEvent,
  stageEventField,
  STAGE_EVENTS_FIELD,
  webhookUrl,
  type LeadAdsForm,
  type StageGroup,
} from "./leadAds";

type ErrorOf = (name: string) => string | undefined;

/** The account's stages as the mapping needs them: loading, failed (with a retry) or grouped. */
export interface StagesState {
  groups: StageGroup[] | null;
  error: unknown;
  retry: () => void;
}

/**
 * The Meta card's Lead Ads part: the webhook URL for the Meta app, the Facebook pages whose leads
 * come to this account, and the CRM event sent when a Lead Ads lead enters each stage. Saved with the
 * rest of the Meta settings.
 */
export function LeadAdsFields({
  form,
  stages,
  errorOf,
  onForm,
  onPageProblem,
}: {
  form: LeadAdsForm;
  stages: StagesState;
  errorOf: ErrorOf;
  onForm: (update: (form: LeadAdsForm) => LeadAdsForm) => void;
  onPageProblem: (problem: string | null) => void;
}) {
  const headingId = useId();
  return (
    <section className="lead-ads" aria-labelledby={headingId}>
      <h3 id={headingId}>Lead Ads</h3>
      <p className="muted">
        Leads from your Facebook Lead Ads forms come straight onto the board. When such a lead enters a stage mapped
        below, Convertly tells Meta, so your campaigns learn which leads go further.
      </p>
      <WebhookUrl />
      <PageList form={form} error={errorOf(PAGE_IDS_FIELD)} onForm={onForm} onPageProblem={onPageProblem} />
      <StageEvents form={form} stages={stages} errorOf={errorOf} onForm={onForm} />
    </section>
  );
}

function WebhookUrl() {
  const { config } = useServices();
  const url = webhookUrl(config.apiUrl);
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      toast.success("Copied to the clipboard");
    } catch {
      toast.info("Your browser did not allow copying: select the URL and press Ctrl+C (⌘C)");
    }
  }
  return (
    <div className="lead-ads-webhook">
      <TextField
        label="Lead Ads webhook URL"
        hint="The callback URL of the Meta app's Page webhook, subscribed to the leadgen field"
        value={url}
        readOnly
        onFocus={(event) => event.target.select()}
      />
      <Button className="btn-small" onClick={() => void copy()}>
        Copy webhook URL
      </Button>
    </div>
  );
}

function PageList({
  form,
  error,
  onForm,
  onPageProblem,
}: {
  form: LeadAdsForm;
  error: string | undefined;
  onForm: (update: (form: LeadAdsForm) => LeadAdsForm) => void;
  onPageProblem: (problem: string | null) => void;
}) {
  const listId = useId();
  function add() {
    const result = addPage(form);
    onPageProblem(result.problem);
    if (!result.problem) onForm(() => result.form);
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Enter") return;
    event.preventDefault(); // Enter adds the page instead of saving the whole form
    add();
  }
  return (
    <div className="lead-ads-pages">
      <h4 id={listId}>Facebook pages</h4>
      {form.pageIds.length === 0 ? (
        <p className="muted">No page yet: Lead Ads leads are taken only from the pages listed here.</p>
      ) : (
        <ul className="page-list" aria-labelledby={listId}>
          {form.pageIds.map((pageId) => (
            <li key={pageId}>
              <span className="mono">{pageId}</span>
              <Button
                variant="ghost"
                className="btn-small"
                aria-label={`Remove page ${pageId}`}
                onClick={() => onForm((current) => removePage(current, pageId))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="page-add-row">
        <TextField
          label="Facebook page ID"
          hint={`Digits, from the page's About > Page transparency; up to ${MAX_PAGES} pages`}
          value={form.pageInput}
          inputMode="numeric"
          maxLength={PAGE_ID_MAX_LENGTH}
          autoComplete="off"
          spellCheck={false}
          error={error}
          onKeyDown={onKeyDown}
          onChange={(event) => {
            const value = event.target.value;
            onPageProblem(null);
            onForm((current) => ({ ...current, pageInput: value }));
          }}
        />
        <Button className="btn-small" onClick={add}>
          Add page
        </Button>
      </div>
    </div>
  );
}

function StageEvents({
  form,
  stages,
  errorOf,
  onForm,
}: {
  form: LeadAdsForm;
  stages: StagesState;
  errorOf: ErrorOf;
  onForm: (update: (form: LeadAdsForm) => LeadAdsForm) => void;
}) {
  const headingId = useId();
  const suggestionsId = useId();
  const general = errorOf(STAGE_EVENTS_FIELD);
  return (
    <div className="lead-ads-stages" role="group" aria-labelledby={headingId}>
      <h4 id={headingId}>Stage events</h4>
      <p className="muted">
        The CRM event Meta receives when a Lead Ads lead enters the stage. Leave a stage blank to send nothing.
      </p>
      {general && <p className="field-error">{general}</p>}
      <datalist id={suggestionsId}>
        {EVENT_SUGGESTIONS.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <StageGroups form={form} stages={stages} errorOf={errorOf} onForm={onForm} suggestionsId={suggestionsId} />
    </div>
  );
}

function StageGroups({
  form,
  stages,
  errorOf,
  onForm,
  suggestionsId,
}: {
  form: LeadAdsForm;
  stages: StagesState;
  errorOf: ErrorOf;
  onForm: (update: (form: LeadAdsForm) => LeadAdsForm) => void;
  suggestionsId: string;
}) {
  if (stages.error) {
    return (
      <Alert title="The stages could not be loaded" actions={<Button onClick={stages.retry}>Try again</Button>}>
        {errorMessage(stages.error)}
      </Alert>
    );
  }
  if (!stages.groups) return <Spinner label="Loading the stages" />;
  return (
    <>
      {stages.groups.map((group) => (
        <fieldset key={group.pipelineId} className="stage-events">
          <legend>{group.pipelineName}</legend>
          <div className="form-grid">
            {group.stages.map((stage) => (
              <TextField
                key={stage.stageId}
                label={stage.name}
                list={suggestionsId}
                placeholder="Nothing sent"
                value={form.stageEvents[stage.stageId] ?? ""}
                maxLength={EVENT_NAME_MAX_LENGTH}
                autoComplete="off"
                spellCheck={false}
                error={errorOf(stageEventField(stage.stageId))}
                onChange={(event) => {
                  const value = event.target.value;
                  onForm((current) => setStageEvent(current, stage.stageId, value));
                }}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}
