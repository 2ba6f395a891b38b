import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../../api/errors";
import { ME_KEY, useAuth, useProfile } from "../../../auth/AuthProvider";
import { Permission } from "../../../auth/permissions";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { SecretField } from "../../../components/SecretField";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, SelectField, Spinner, TextField } from "../../../components/ui";
import { useFormErrors } from "../../../components/useFormErrors";
import { formatDateTime } from "../../../lib/format";
import { useUnsavedChanges } from "../../../lib/useUnsavedChanges";
import type { Profile } from "../../accounts/types";
import { usePipelines } from "../../pipelines/queries";
import { useConversionsApi } from "../api";
import { conversionKeys } from "../queries";
import type { AdPlatform, AdsSettings, AdsSettingsUpdate, ConnectionTestResult } from "../types";
import {
  defaultsOf,
  defaultsUpdate,
  formFromSaved,
  inputNames,
  isDirty,
  localeExample,
  localeOptions,
  missingText,
  PLATFORM_SPECS,
  platformUpdate,
  savedOf,
  secretInputShown,
  timeZoneOptions,
  type Defaults,
  type FieldSpec,
  type PlatformForm,
  type PlatformSpec,
  type Saved,
} from "./adSettings";
import {
  leadAdsFormFromSaved,
  leadAdsInputNames,
  leadAdsProblems,
  leadAdsSaved,
  leadAdsUpdate,
  PAGE_IDS_FIELD,
  stageGroups,
  stageIdsOf,
  type LeadAdsForm,
  type LeadAdsUpdate,
} from "./leadAds";
import { LeadAdsFields, type StagesState } from "./LeadAdsFields";
import { GoogleConnection, MetaConnection } from "./ConnectPanels";
import { missingWords, testResultHeading } from "./connect";

/**
 * Settings > Ad platforms: Google Ads and Meta connected with a button (or credentials entered by hand,
 * for agencies), the account and conversion action or dataset they report to, connection tests, and the
 * account's region: time zone, country, and the number and date format every page writes in.
 */
export function AdPlatformsPage() {
  const api = useConversionsApi();
  const { grants } = useAuth();
  const settings = useQuery({ queryKey: conversionKeys.adsSettings, queryFn: api.adsSettings });
  if (settings.isPending) return <Spinner label="Loading the ad platform settings" />;
  if (settings.isError) {
    return (
      <Alert title="The ad platform settings could not be loaded" actions={<Button onClick={() => void settings.refetch()}>Try again</Button>}>
        {errorMessage(settings.error)}
      </Alert>
    );
  }
  return (
    <>
      <p className="settings-intro">
        When a lead is won, Convertly reports the conversion and its value to Google Ads and Meta, so your campaigns
        learn which clicks bring revenue. Connect each platform with its button and choose where conversions go.
        Tokens are stored encrypted and never shown again: you see their last four characters.
        {grants.can(Permission.conversionsRead) && (
          <>
            {" "}
            Every attempt is listed under <Link to="/conversions">Conversions</Link>.
          </>
        )}
        {settings.data.updated_at && <> Last saved {formatDateTime(settings.data.updated_at)}.</>}
      </p>
      {PLATFORM_SPECS.map((spec) => (
        <PlatformCard key={spec.platform} spec={spec} settings={settings.data} />
      ))}
      <DefaultsCard settings={settings.data} />
    </>
  );
}

function PlatformState({ spec, settings }: { spec: PlatformSpec; settings: AdsSettings }) {
  const view = settings[spec.platform];
  const nothingSaved = Object.values(savedOf(settings, spec.platform)).every((value) => value === null);
  if (view.configured) {
    return (
      <p className="platform-state">
        <span className="badge state-ready">Set up</span>
        <span className="muted">Won leads are reported to {spec.title}.</span>
      </p>
    );
  }
  return (
    <p className="platform-state">
      <span className={`badge ${nothingSaved ? "state-off" : "state-incomplete"}`}>
        {nothingSaved ? "Not set up" : "Incomplete"}
      </span>
      <span className="muted">
        {nothingSaved
          ? "Nothing is sent to " + spec.title + "."
          : `Still missing: ${missingWords(spec.platform, view.missing, (missing) => missingText(spec, missing))}.`}
      </span>
    </p>
  );
}

/** The Meta card's Lead Ads state: the form, the problems found before sending, the stages to map. */
function useLeadAds(settings: AdsSettings, enabled: boolean) {
  const pipelines = usePipelines();
  const [form, setForm] = useState<LeadAdsForm>(() => leadAdsFormFromSaved(settings.meta));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const groups = useMemo(() => (pipelines.data ? stageGroups(pipelines.data) : null), [pipelines.data]);
  const stageIds = useMemo(() => (groups ? stageIdsOf(groups) : null), [groups]);
  const stages: StagesState = {
    groups,
    error: pipelines.isError ? pipelines.error : null,
    retry: () => void pipelines.refetch(),
  };
  const update: LeadAdsUpdate = enabled ? leadAdsUpdate(settings.meta, form, stageIds) : {};
  return {
    form,
    setForm,
    problems,
    setProblems,
    stages,
    update,
    inputNames: enabled ? leadAdsInputNames(groups ?? []) : [],
    reset(next: AdsSettings) {
      setForm(leadAdsFormFromSaved(next.meta));
      setProblems({});
    },
  };
}

/** The manual form's inputs follow the saved settings whenever those change (a pick saved above, say). */
function useManualForm(spec: PlatformSpec, saved: Saved) {
  const [form, setForm] = useState<PlatformForm>(() => formFromSaved(spec, saved));
  const [basis, setBasis] = useState(() => JSON.stringify(saved));
  const current = JSON.stringify(saved);
  if (current !== basis) {
    setBasis(current);
    setForm(formFromSaved(spec, saved));
  }
  return [form, setForm] as const;
}

/** The connection test; a Meta test may have made the test event code, so the settings are read again. */
function useConnectionTest(platform: AdPlatform, settings: AdsSettings) {
  const api = useConversionsApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.testAdsConnection(platform),
    onSuccess: () => {
      if (platform === "meta" && !settings.meta.test_event_code) {
        void queryClient.invalidateQueries({ queryKey: conversionKeys.adsSettings, exact: true });
      }
    },
  });
}

function PlatformCard({ spec, settings }: { spec: PlatformSpec; settings: AdsSettings }) {
  const api = useConversionsApi();
  const queryClient = useQueryClient();
  const isMeta = spec.platform === "meta";
  const view = settings[spec.platform];
  const saved = useMemo(() => savedOf(settings, spec.platform), [settings, spec.platform]);
  const [form, setForm] = useManualForm(spec, saved);
  const [busy, setBusy] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const leadAds = useLeadAds(settings, isMeta);
  const errors = useFormErrors([...inputNames(spec), ...leadAds.inputNames]);
  const test = useConnectionTest(spec.platform, settings);
  const dirty = isDirty(spec, saved, form) || Object.keys(leadAds.update).length > 0;
  // Settings' scope asks before a tab or link leaves fields typed but not saved.
  useUnsavedChanges(dirty);
  const anythingSaved = Object.values(saved).some((value) => value !== null) || (isMeta && leadAdsSaved(settings.meta));
  const errorOf = (name: string) => leadAds.problems[name] ?? errors.byField[name];

  function apply(next: AdsSettings) {
    queryClient.setQueryData(conversionKeys.adsSettings, next);
    setForm(formFromSaved(spec, savedOf(next, spec.platform)));
    leadAds.reset(next);
    test.reset();
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const problems = isMeta ? leadAdsProblems(leadAds.form) : {};
    leadAds.setProblems(problems);
    if (Object.keys(problems).length > 0) return;
    const update = platformUpdate(spec, saved, form);
    if (Object.keys(update).length + Object.keys(leadAds.update).length === 0) {
      toast.info("Nothing to save: no field changed");
      return;
    }
    const body: AdsSettingsUpdate = isMeta ? { meta: { ...update, ...leadAds.update } } : { google_ads: update };
    setBusy(true);
    try {
      apply(await api.saveAdsSettings(body));
      toast.success(`${spec.title} settings saved`);
    } catch (error) {
      errors.show(error);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      apply(await api.saveAdsSettings({ [spec.platform]: null }));
      errors.clear();
      toast.success(`${spec.title} settings removed`);
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
      setConfirmingRemove(false);
    }
  }

  const testButton = (
    <TestButton title={spec.title} platform={spec.platform} busy={test.isPending} disabled={dirty || busy} onTest={() => test.mutate()} />
  );
  const connected = view.connected ? (
    <>
      {testButton}
      {dirty && <span className="settings-note">Save your changes first: the test uses the saved settings.</span>}
    </>
  ) : null;
  const saveActions = (
    <div className="settings-actions">
      <Button type="submit" variant="primary" busy={busy}>
        Save {spec.title} settings
      </Button>
      <span className="spacer" />
      {anythingSaved && (
        <Button variant="ghost" disabled={busy} onClick={() => setConfirmingRemove(true)}>
          Remove {spec.title} settings
        </Button>
      )}
    </div>
  );
  return (
    <Card title={spec.title}>
      <PlatformState spec={spec} settings={settings} />
      <ConnectionPanel platform={spec.platform} settings={settings} actions={connected} />
      {errors.summary && <Alert title={`The ${spec.title} settings were not saved`}>{errors.summary}</Alert>}
      <form onSubmit={save} noValidate aria-label={`${spec.title} settings`}>
        <ManualCredentials spec={spec} settings={settings} forceOpen={Boolean(errors.summary)}>
          <div className="form-grid">
            {spec.fields.map((field) => (
              <PlatformField
                key={field.name}
                field={field}
                saved={saved}
                form={form}
                error={errors.byField[`${spec.platform}.${field.name}`]}
                onForm={setForm}
              />
            ))}
          </div>
          {!isMeta && saveActions}
        </ManualCredentials>
        {isMeta && (
          <>
            <LeadAdsFields
              form={leadAds.form}
              stages={leadAds.stages}
              errorOf={errorOf}
              onForm={leadAds.setForm}
              onPageProblem={(problem) =>
                leadAds.setProblems((current) => {
                  const { [PAGE_IDS_FIELD]: _previous, ...rest } = current;
                  return problem ? { ...rest, [PAGE_IDS_FIELD]: problem } : rest;
                })
              }
            />
            {saveActions}
          </>
        )}
      </form>
      {test.data && <TestResult title={spec.title} result={test.data} />}
      <ConfirmDialog
        open={confirmingRemove}
        title={`Remove the ${spec.title} settings?`}
        confirmLabel="Remove"
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmingRemove(false)}
      >
        <p>
          Every {spec.title} field and secret is deleted{isMeta && ", with the Lead Ads pages and stage events"}, and won
          leads are no longer reported to {spec.title}.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

function ConnectionPanel({ platform, settings, actions }: { platform: AdPlatform; settings: AdsSettings; actions: ReactNode }) {
  return platform === "meta" ? (
    <MetaConnection settings={settings} actions={actions} />
  ) : (
    <GoogleConnection settings={settings} actions={actions} />
  );
}

function TestButton({
  title,
  platform,
  busy,
  disabled,
  onTest,
}: {
  title: string;
  platform: AdPlatform;
  busy: boolean;
  disabled: boolean;
  onTest: () => void;
}) {
  return (
    <Button busy={busy} disabled={disabled} onClick={onTest}>
      {platform === "meta" ? "Send test event" : `Test ${title} connection`}
    </Button>
  );
}

/**
 * The credentials an agency may enter itself, collapsed unless they are in use (or the platform's app
 * is not set up here, so there is no button to connect with).
 */
function ManualCredentials({
  spec,
  settings,
  forceOpen,
  children,
}: {
  spec: PlatformSpec;
  settings: AdsSettings;
  forceOpen: boolean;
  children: ReactNode;
}) {
  const view = settings[spec.platform];
  const [open, setOpen] = useState(() => !view.can_connect || view.connection === "manual");
  return (
    <details className="manual-credentials" open={open || forceOpen} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Enter credentials manually (agencies)</summary>
      <p className="muted">
        {spec.platform === "meta"
          ? "For a Conversions API access token of your own (a system user's, say) instead of Connect Meta."
          : "For an agency's own developer token and OAuth client, or a refresh token from elsewhere, instead of Connect Google Ads. What you enter here is used instead of Convertly's."}
      </p>
      {children}
    </details>
  );
}

function PlatformField({
  field,
  saved,
  form,
  error,
  onForm,
}: {
  field: FieldSpec;
  saved: Saved;
  form: PlatformForm;
  error: string | undefined;
  onForm: (update: (form: PlatformForm) => PlatformForm) => void;
}) {
  if (field.secret) {
    const name = field.name;
    return (
      <SecretField
        label={field.label}
        masked={saved[name] ?? null}
        editing={secretInputShown(form, saved, name)}
        value={form.secrets[name] ?? ""}
        error={error}
        onChange={(value) => onForm((current) => ({ ...current, secrets: { ...current.secrets, [name]: value } }))}
        onReplace={() => onForm((current) => ({ ...current, replacing: { ...current.replacing, [name]: true } }))}
        onKeep={() =>
          onForm((current) => ({
            ...current,
            replacing: { ...current.replacing, [name]: false },
            secrets: { ...current.secrets, [name]: "" },
          }))
        }
      />
    );
  }
  return (
    <TextField
      label={field.label}
      hint={field.hint}
      value={form.values[field.name] ?? ""}
      error={error}
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => {
        const value = event.target.value;
        onForm((current) => ({ ...current, values: { ...current.values, [field.name]: value } }));
      }}
    />
  );
}

function TestResult({ title, result }: { title: string; result: ConnectionTestResult }) {
  const { tone, heading } = testResultHeading(title, result);
  return (
    <div className="test-result">
      <Alert tone={tone} title={heading}>
        <p>{result.message}</p>
        {result.request_id && (
          <p className="muted">
            Request ID: <span className="mono">{result.request_id}</span>
          </p>
        )}
      </Alert>
    </div>
  );
}

function DefaultsCard({ settings }: { settings: AdsSettings }) {
  const api = useConversionsApi();
  const queryClient = useQueryClient();
  const currency = useProfile().tenant?.currency ?? "USD";
  const saved = defaultsOf(settings);
  const [values, setValues] = useState<Defaults>(saved);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(["timezone", "default_country", "locale"]);
  const zones = useMemo(() => timeZoneOptions(settings.timezone), [settings.timezone]);
  const locales = useMemo(() => localeOptions(settings), [settings]);
  useUnsavedChanges(Object.keys(defaultsUpdate(saved, values)).length > 0);

  async function save(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const update = defaultsUpdate(saved, values);
    if (Object.keys(update).length === 0) {
      toast.info("Nothing to save: no field changed");
      return;
    }
    setBusy(true);
    try {
      const next = await api.saveAdsSettings(update);
      queryClient.setQueryData(conversionKeys.adsSettings, next);
      setValues(defaultsOf(next));
      // Every page writes in the new format at once, not only after the profile is read again.
      queryClient.setQueryData<Profile>(ME_KEY, (profile) =>
        profile?.tenant ? { ...profile, tenant: { ...profile.tenant, locale: next.locale ?? null } } : profile,
      );
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      toast.success("Region and format saved");
    } catch (error) {
      errors.show(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Region and format">
      {errors.summary && <Alert title="The region and format were not saved">{errors.summary}</Alert>}
      <form onSubmit={save} noValidate aria-label="Region and format">
        <div className="form-grid">
          <SelectField
            label="Time zone"
            hint="Your account's time zone: conversion times are reported in it"
            options={zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, " ") }))}
            value={values.timezone}
            error={errors.byField.timezone}
            onChange={(event) => setValues({ ...values, timezone: event.target.value })}
          />
          <TextField
            label="Default country"
            hint="Two letters, e.g. US: phone numbers written without a country code are taken to be from here"
            value={values.default_country}
            maxLength={2}
            autoComplete="off"
            error={errors.byField.default_country}
            onChange={(event) => setValues({ ...values, default_country: event.target.value })}
          />
          <SelectField
            label="Number and date format"
            hint={
              <>
                How amounts and dates read for everyone in the account:{" "}
                <span className="mono" aria-live="polite">
                  {localeExample(values.locale, currency)}
                </span>
              </>
            }
            options={locales}
            value={values.locale}
            error={errors.byField.locale}
            onChange={(event) => setValues({ ...values, locale: event.target.value })}
          />
        </div>
        <div className="settings-actions">
          <Button type="submit" variant="primary" busy={busy}>
            Save region and format
          </Button>
        </div>
      </form>
    </Card>
  );
}
