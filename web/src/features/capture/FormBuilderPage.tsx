import { useQueryClient } from "@tanstack/react-query";
import { useReducer, useState, type Dispatch, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { SecretField } from "../../components/SecretField";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, EmptyState, PageHeader, SelectField, Spinner, TextAreaField, TextField, type Option } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useUnsavedChanges } from "../../lib/useUnsavedChanges";
import { useUsers } from "../accounts/queries";
import type { User } from "../accounts/types";
import { usePipelines } from "../pipelines/queries";
import type { Pipeline } from "../pipelines/types";
import { useCaptureApi } from "./api";
import { RadioGroup } from "./controls";
import { DomainsEditor } from "./DomainsEditor";
import { EmbedPanel } from "./EmbedPanel";
import { FieldsEditor } from "./FieldsEditor";
import { placeErrors } from "./formErrors";
import {
  CAPTCHA_LABELS,
  changedSettings,
  draftFromForm,
  draftReducer,
  emptyDraft,
  isDirty,
  localErrors,
  settingsBody,
  type AfterSubmit,
  type DraftAction,
  type DraftSettings,
  type FormDraft,
} from "./formModel";
import { FormPreview } from "./FormPreview";
import { formKeys, useForm } from "./queries";
import { StatusBadge } from "./StatusBadge";
import type { CaptchaProvider, CaptureForm, DuplicatePolicy } from "./types";
import "./forms.css";

// Who may own a form's leads: the roles that work leads (the API refuses anyone else).
const OWNER_ROLES = new Set(["Admin", "Manager", "Sales"]);

export function NewFormPage() {
  return <FormEditor initial={null} />;
}

export function EditFormPage() {
  const { formId = "" } = useParams();
  const form = useForm(formId);
  if (form.isPending) return <Spinner label="Loading the form" />;
  if (form.isError) {
    const back = (
      <Link to="/forms" className="btn btn-secondary">
        Back to forms
      </Link>
    );
    if (form.error instanceof ApiError && form.error.status === 404) {
      return (
        <EmptyState title="Form not found">
          <p>It may have been deleted, or the link is wrong. {back}</p>
        </EmptyState>
      );
    }
    return (
      <Alert title="The form could not be loaded" actions={<Button onClick={() => void form.refetch()}>Try again</Button>}>
        {errorMessage(form.error)}
      </Alert>
    );
  }
  return <FormEditor key={formId} initial={form.data} />;
}

interface Problems {
  byInput: Record<string, string>;
  summary: string | null;
}

const NO_PROBLEMS: Problems = { byInput: {}, summary: null };

type Busy = null | "save" | "publish" | "unpublish" | "reload";

function problemsOf(error: unknown, keys: readonly string[]): Problems {
  if (error instanceof ApiError && Object.keys(error.fields).length > 0) {
    const placed = placeErrors(error.fields, keys);
    return { byInput: placed.byInput, summary: placed.other.length ? placed.other.join(" ") : error.message };
  }
  return { byInput: {}, summary: errorMessage(error) };
}

/** The editor's state and commands: save (create, or send what changed), publish, unpublish, reload. */
function useFormEditor(initial: CaptureForm | null) {
  const api = useCaptureApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // What the editor started from: a background refetch must not move the version under the edits.
  const [saved, setSaved] = useState<CaptureForm | null>(initial);
  const [base, setBase] = useState<FormDraft>(() => (initial ? draftFromForm(initial) : emptyDraft()));
  const [draft, dispatch] = useReducer(draftReducer, base);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const changes = saved ? changedSettings(base, draft) : {};
  const dirty = saved === null || Object.keys(changes).length > 0;
  // A new form is always saveable, but only edits are lost by leaving it: its base is the empty draft.
  const unsaved = useUnsavedChanges(isDirty(base, draft));

  function apply(form: CaptureForm, keys: readonly string[]) {
    const next = draftFromForm(form, keys);
    setSaved(form);
    setBase(next);
    dispatch({ type: "replace", draft: next });
    queryClient.setQueryData(formKeys.form(form.form_id), form);
    void queryClient.invalidateQueries({ queryKey: formKeys.list });
  }

  function show(error: unknown, keys: readonly string[]) {
    const conflicted = error instanceof ApiError && error.isConflict;
    setConflict(conflicted);
    setProblems(conflicted ? NO_PROBLEMS : problemsOf(error, keys));
  }

  async function create(keys: readonly string[]): Promise<CaptureForm | null> {
    try {
      const created = await api.createForm(settingsBody(draft));
      queryClient.setQueryData(formKeys.form(created.form_id), created);
      void queryClient.invalidateQueries({ queryKey: formKeys.list });
      toast.success(`${created.name} was created as a draft`);
      unsaved.allowNavigation();
      navigate(`/forms/${created.form_id}`, { replace: true });
      return created;
    } catch (error) {
      show(error, keys);
      return null;
    }
  }

  /** The saved form after the draft is saved, or null when it was refused. */
  async function save(): Promise<CaptureForm | null> {
    setProblems(NO_PROBLEMS);
    setConflict(false);
    const local = localErrors(draft);
    if (Object.keys(local).length > 0) {
      setProblems({ byInput: local, summary: "Some fields need your attention." });
      return null;
    }
    const keys = draft.fields.map((item) => item.key);
    if (!saved) return create(keys);
    if (!dirty) return saved;
    try {
      const updated = await api.updateForm(saved.form_id, { ...changes, version: saved.version });
      apply(updated, keys);
      return updated;
    } catch (error) {
      show(error, keys);
      return null;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!dirty) {
      toast.info("Nothing to save: no setting changed");
      return;
    }
    setBusy("save");
    const result = await save();
    setBusy(null);
    if (result && saved) toast.success("Form saved");
  }

  async function publish(action: "publish" | "unpublish") {
    if (!saved) return;
    setBusy(action);
    const keys = draft.fields.map((item) => item.key);
    try {
      const current = action === "publish" && dirty ? await save() : saved;
      if (current) {
        const result = action === "publish" ? await api.publishForm(current.form_id) : await api.unpublishForm(current.form_id);
        apply(result, keys);
        toast.success(action === "publish" ? `${result.name} is published` : `${result.name} is unpublished: it takes no more submissions`);
      }
    } catch (error) {
      show(error, keys);
    } finally {
      setBusy(null);
    }
  }

  async function reload() {
    if (!saved) return;
    setBusy("reload");
    try {
      apply(await api.getForm(saved.form_id), []);
      setConflict(false);
      setProblems(NO_PROBLEMS);
      toast.info("Loaded the latest version of this form");
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  return { saved, draft, dispatch, problems, conflict, busy, dirty, submit, publish, reload, unsavedPrompt: unsaved.prompt };
}

type Editor = ReturnType<typeof useFormEditor>;

function FormEditor({ initial }: { initial: CaptureForm | null }) {
  const { grants } = useAuth();
  const editor = useFormEditor(initial);
  const readOnly = !grants.can(Permission.formsManage);
  const { draft, dispatch, problems } = editor;

  return (
    <>
      <EditorHeader editor={editor} readOnly={readOnly} />
      <EditorNotices editor={editor} readOnly={readOnly} />
      <div className="builder-grid">
        <form className="builder-main" onSubmit={editor.submit} noValidate aria-label="Form builder">
          <fieldset className="plain-fieldset" disabled={readOnly}>
            <Card title="Form">
              <div className="form-grid">
                <TextField
                  label="Form name"
                  value={draft.name}
                  error={problems.byInput.name}
                  hint="Shown as the hosted page's title and in your form list."
                  onChange={(event) => dispatch({ type: "settings", patch: { name: event.target.value } })}
                />
                <TextField
                  label="Submit button text"
                  value={draft.submitLabel}
                  error={problems.byInput.submit_label}
                  onChange={(event) => dispatch({ type: "settings", patch: { submitLabel: event.target.value } })}
                />
              </div>
            </Card>
          </fieldset>
          <Card title="Fields">
            <FieldsEditor fields={draft.fields} errors={problems.byInput} dispatch={dispatch} readOnly={readOnly} />
          </Card>
          <fieldset className="plain-fieldset" disabled={readOnly}>
            <LeadsCard draft={draft} errors={problems.byInput} dispatch={dispatch} />
            <AfterSendingCard draft={draft} errors={problems.byInput} dispatch={dispatch} />
            <ProtectionCard draft={draft} errors={problems.byInput} dispatch={dispatch} />
          </fieldset>
          {!readOnly && <SaveBar editor={editor} />}
        </form>
        <aside className="builder-side" aria-label="Preview and embed codes">
          <Card title="Live preview">
            <FormPreview draft={draft} />
          </Card>
          {editor.saved && (
            <Card title="Embed">
              {draft.allowedDomains.length === 0 && (
                <p className="embed-note">
                  Add your website under Allowed website domains: until then only the hosted page takes submissions.
                </p>
              )}
              <EmbedPanel form={editor.saved} dirty={editor.dirty} />
            </Card>
          )}
        </aside>
      </div>
      {editor.unsavedPrompt}
    </>
  );
}

function EditorHeader({ editor, readOnly }: { editor: Editor; readOnly: boolean }) {
  const { grants } = useAuth();
  const { saved, busy, dirty } = editor;
  const back = (
    <Link to="/forms" className="back-link">
      ← All forms
    </Link>
  );
  if (!saved) return <PageHeader back={back} title="New form" subtitle="Build the form, then create it: it starts as a draft" />;
  const published = saved.status === "published";
  return (
    <PageHeader
      back={back}
      title={saved.name}
      subtitle={
        <>
          <StatusBadge status={saved.status} />
          <span>Last saved {formatDateTime(saved.updated_at)}</span>
          {!readOnly && dirty && <span className="unsaved">· Unsaved changes</span>}
        </>
      }
      actions={
        <>
          {grants.can(Permission.formSubmissionsRead) && (
            <Link className="btn btn-secondary" to={`/forms/${saved.form_id}/submissions`}>
              Submissions
            </Link>
          )}
          {!readOnly && (
            <Button
              variant={published ? "secondary" : "primary"}
              busy={busy === (published ? "unpublish" : "publish")}
              disabled={busy !== null}
              onClick={() => void editor.publish(published ? "unpublish" : "publish")}
            >
              {published ? "Unpublish" : dirty ? "Save and publish" : "Publish"}
            </Button>
          )}
        </>
      }
    />
  );
}

function EditorNotices({ editor, readOnly }: { editor: Editor; readOnly: boolean }) {
  return (
    <>
      {editor.conflict && (
        <Alert
          tone="warning"
          title="Someone else changed this form: reload"
          actions={
            <Button variant="primary" busy={editor.busy === "reload"} onClick={() => void editor.reload()}>
              Reload
            </Button>
          }
        >
          Your changes were not saved. Reload to see the latest version, then make your changes again.
        </Alert>
      )}
      {editor.problems.summary && <Alert title="The form was not saved">{editor.problems.summary}</Alert>}
      {readOnly && <Alert tone="info">You can see this form and its embed codes; an Admin or a Manager can change it.</Alert>}
    </>
  );
}

function SaveBar({ editor }: { editor: Editor }) {
  const { saved, busy, dirty } = editor;
  return (
    <div className="form-actions sticky-actions">
      {saved && dirty && <span className="unsaved">Unsaved changes</span>}
      <Link className="btn btn-ghost" to="/forms">
        Cancel
      </Link>
      <Button
        type="submit"
        variant={saved ? "secondary" : "primary"}
        busy={busy === "save"}
        disabled={busy !== null && busy !== "save"}
      >
        {saved ? "Save form" : "Create form"}
      </Button>
    </div>
  );
}

interface SectionProps {
  draft: FormDraft;
  errors: Record<string, string>;
  dispatch: Dispatch<DraftAction>;
}

function set(dispatch: Dispatch<DraftAction>, patch: Partial<DraftSettings>) {
  dispatch({ type: "settings", patch });
}

function placementChoices(list: Pipeline[], draft: FormDraft, loading: boolean) {
  const pipeline = list.find((p) => p.pipeline_id === draft.pipelineId) ?? list.find((p) => p.is_default) ?? list[0];
  const stages = [...(pipeline?.stages ?? [])].filter((stage) => stage.status !== "deleting").sort((a, b) => a.position - b.position);
  const pipelineOptions: Option[] = list.map((p) => ({ value: p.pipeline_id, label: p.name }));
  if (!pipeline) pipelineOptions.unshift({ value: "", label: loading ? "Loading…" : "The default pipeline" });
  const stageOptions: Option[] = stages.map((stage) => ({ value: stage.stage_id, label: stage.name }));
  if (stageOptions.length === 0) stageOptions.push({ value: "", label: "Its first stage" });
  const stageId = stages.some((stage) => stage.stage_id === draft.stageId) ? draft.stageId : (stages[0]?.stage_id ?? "");
  return { pipelineId: pipeline?.pipeline_id ?? "", stageId, pipelineOptions, stageOptions };
}

function ownerChoices(users: User[] | undefined, ownerId: string): Option[] {
  const owners = (users ?? []).filter((user) => OWNER_ROLES.has(user.role) && user.status === "active");
  const options: Option[] = [
    { value: "", label: users ? "Choose a user" : "Loading…" },
    ...owners.map((user) => ({ value: user.user_id, label: `${user.name || user.email} (${user.role})` })),
  ];
  if (ownerId && !owners.some((user) => user.user_id === ownerId)) {
    options.push({ value: ownerId, label: "A user who can no longer own leads" });
  }
  return options;
}

function LeadsCard({ draft, errors, dispatch }: SectionProps) {
  const pipelines = usePipelines();
  const users = useUsers();
  const accountCurrency = useProfile().tenant?.currency ?? "USD";
  const placement = placementChoices(pipelines.data ?? [], draft, pipelines.isPending);
  const ownerOptions = ownerChoices(users.data, draft.ownerId);

  return (
    <Card title="New leads">
      <div className="form-grid">
        <SelectField
          label="Pipeline"
          options={placement.pipelineOptions}
          value={placement.pipelineId}
          error={errors.pipeline_id}
          onChange={(event) => set(dispatch, { pipelineId: event.target.value, stageId: "" })}
        />
        <SelectField
          label="Stage"
          options={placement.stageOptions}
          value={placement.stageId}
          error={errors.stage_id}
          hint="Where each new lead from this form starts."
          onChange={(event) => set(dispatch, { pipelineId: placement.pipelineId, stageId: event.target.value })}
        />
        <div className="span-2">
          <RadioGroup
            legend="Owner of new leads"
            name="assignment"
            value={draft.assignment}
            error={errors.assignment}
            options={[
              { value: "unassigned", label: "Nobody yet (assign them later)" },
              { value: "user", label: "A fixed user" },
              { value: "round_robin", label: "Round-robin across Sales users" },
            ]}
            hint={draft.assignment === "round_robin" ? "Each new lead goes to the next Sales user in turn." : undefined}
            onChange={(assignment) => set(dispatch, { assignment })}
          />
        </div>
        {draft.assignment === "user" && (
          <SelectField
            label="Owner"
            options={ownerOptions}
            value={draft.ownerId}
            error={errors.owner}
            onChange={(event) => set(dispatch, { ownerId: event.target.value })}
          />
        )}
        <TextField
          label="Value of each new lead"
          inputMode="decimal"
          placeholder="0"
          value={draft.leadValue}
          error={errors.default_value}
          hint="The expected revenue a lead from this form starts with; a repeat submitter's lead keeps its own."
          onChange={(event) => set(dispatch, { leadValue: event.target.value })}
        />
        <TextField
          label="Currency"
          maxLength={3}
          placeholder={accountCurrency}
          value={draft.currency}
          error={errors.currency}
          hint={`Empty: your account's currency (${accountCurrency}).`}
          onChange={(event) => set(dispatch, { currency: event.target.value })}
        />
        <div className="span-2">
          <RadioGroup<DuplicatePolicy>
            legend="When someone sends the form again (same email or phone)"
            name="duplicates"
            value={draft.duplicates}
            error={errors.duplicates}
            options={[
              { value: "attach", label: "Add the visit to their existing lead" },
              { value: "create", label: "Create a new lead every time" },
            ]}
            onChange={(duplicates) => set(dispatch, { duplicates })}
          />
        </div>
      </div>
    </Card>
  );
}

function AfterSendingCard({ draft, errors, dispatch }: SectionProps) {
  return (
    <Card title="After sending">
      <RadioGroup<AfterSubmit>
        legend="What visitors see after sending"
        name="after-submit"
        value={draft.afterSubmit}
        options={[
          { value: "message", label: "Show a message on the page" },
          { value: "redirect", label: "Send them to another page" },
        ]}
        onChange={(afterSubmit) => set(dispatch, { afterSubmit })}
      />
      {draft.afterSubmit === "message" ? (
        <TextAreaField
          label="Thank-you message"
          rows={3}
          value={draft.thankYouMessage}
          error={errors.thank_you_message}
          onChange={(event) => set(dispatch, { thankYouMessage: event.target.value })}
        />
      ) : (
        <TextField
          label="Redirect URL"
          type="url"
          inputMode="url"
          placeholder="https://example.com/thank-you"
          value={draft.redirectUrl}
          error={errors.redirect_url ?? errors.thank_you_message}
          onChange={(event) => set(dispatch, { redirectUrl: event.target.value })}
        />
      )}
    </Card>
  );
}

const CAPTCHA_OPTIONS: Option[] = [
  { value: "", label: "None" },
  ...(Object.keys(CAPTCHA_LABELS) as CaptchaProvider[]).map((provider) => ({ value: provider, label: CAPTCHA_LABELS[provider] })),
];

function ProtectionCard({ draft, errors, dispatch }: SectionProps) {
  return (
    <Card title="Website and spam protection">
      <DomainsEditor
        domains={draft.allowedDomains}
        error={errors.allowed_domains}
        onAdd={(domain) => dispatch({ type: "addDomain", domain })}
        onRemove={(domain) => dispatch({ type: "removeDomain", domain })}
      />
      <div className="form-grid captcha-grid">
        <SelectField
          label="Captcha"
          options={CAPTCHA_OPTIONS}
          value={draft.captchaProvider}
          error={errors.captcha_provider}
          hint="Optional: every form already has a hidden trap field and a minimum fill time against bots."
          onChange={(event) => set(dispatch, { captchaProvider: event.target.value as CaptchaProvider | "" })}
        />
        {draft.captchaProvider && (
          <>
            <TextField
              label="Site key"
              value={draft.captchaSiteKey}
              error={errors.captcha_site_key}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => set(dispatch, { captchaSiteKey: event.target.value })}
            />
            <div className="span-2">
              <SecretField
                label="Secret key"
                masked={draft.captchaMask}
                editing={!draft.captchaMask || draft.captchaReplacing}
                value={draft.captchaSecret}
                error={errors.captcha_secret}
                onChange={(captchaSecret) => set(dispatch, { captchaSecret })}
                onReplace={() => set(dispatch, { captchaReplacing: true })}
                onKeep={() => set(dispatch, { captchaReplacing: false, captchaSecret: "" })}
              />
            </div>
          </>
        )}
      </div>
    </Card>
  );
}
