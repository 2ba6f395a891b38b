import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { errorMessage } from "../../../api/errors";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Alert, Button, Spinner } from "../../../components/ui";
import { formatDateTime } from "../../../lib/format";
import { useUnsavedChanges } from "../../../lib/useUnsavedChanges";
import { useConversionsApi } from "../api";
import { conversionKeys } from "../queries";
import type { AdPlatform, AdsSettings, AdsSettingsUpdate, GoogleAdsSettings } from "../types";
import {
  actionGroups,
  actionPlaceholder,
  chosenOption,
  connectedSince,
  connectionKeys,
  customerGroups,
  datasetGroups,
  formatCustomerId,
  googleChoice,
  googlePickChanged,
  PLATFORM_TITLES,
  sameChoice,
  savedCustomerValue,
  useConnectionApi,
  type ChoiceGroup,
  type GoogleAdsCustomer,
} from "./connect";
import "./connect.css";

/** A select with its options in groups (accounts by manager, datasets by ad account). */
function GroupedSelect<T>({
  label,
  groups,
  value,
  placeholder,
  hint,
  disabled,
  onChange,
}: {
  label: string;
  groups: readonly ChoiceGroup<T>[];
  value: string;
  placeholder: string;
  hint?: ReactNode;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} aria-describedby={hint ? `${id}-hint` : undefined}>
        <option value="">{placeholder}</option>
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** "Connect <platform>": the API's consent URL, then the browser goes there (and comes back to the callback page). */
function ConnectButton({ platform, canConnect, again = false }: { platform: AdPlatform; canConnect: boolean; again?: boolean }) {
  const api = useConnectionApi();
  const title = PLATFORM_TITLES[platform];
  const start = useMutation({
    mutationFn: () => api.connect(platform),
    onSuccess: (started) => window.location.assign(started.authorize_url),
    onError: (error) => toast.error(errorMessage(error)),
  });
  return (
    <Button variant={again ? "secondary" : "primary"} busy={start.isPending || start.isSuccess} disabled={!canConnect} onClick={() => start.mutate()}>
      {again ? `Connect ${title} again` : `Connect ${title}`}
    </Button>
  );
}

/** "Disconnect <platform>": the platform revokes the access, then the stored token is deleted. */
function DisconnectButton({ platform }: { platform: AdPlatform }) {
  const api = useConnectionApi();
  const queryClient = useQueryClient();
  const title = PLATFORM_TITLES[platform];
  const [confirming, setConfirming] = useState(false);
  const disconnect = useMutation({
    mutationFn: () => api.disconnect(platform),
    onSuccess: (next) => {
      queryClient.setQueryData(conversionKeys.adsSettings, next);
      toast.success(`${title} disconnected: Convertly's access was revoked`);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => setConfirming(false),
  });
  return (
    <>
      <Button variant="ghost" onClick={() => setConfirming(true)}>
        Disconnect {title}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Disconnect ${title}?`}
        confirmLabel="Disconnect"
        busy={disconnect.isPending}
        onConfirm={() => disconnect.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          Convertly's access is revoked at {title} and its token deleted here. Won leads are no longer reported to {title} until
          you connect again; the chosen {platform === "google_ads" ? "account and conversion action stay" : "dataset stays"} for
          then.
        </p>
      </ConfirmDialog>
    </>
  );
}

function NotConnected({ platform, settings, children }: { platform: AdPlatform; settings: AdsSettings; children: ReactNode }) {
  const title = PLATFORM_TITLES[platform];
  const canConnect = Boolean(settings[platform].can_connect);
  return (
    <div className="connect-panel">
      <p>{children}</p>
      <div className="settings-actions">
        <ConnectButton platform={platform} canConnect={canConnect} />
      </div>
      {!canConnect && (
        <p className="muted">
          Connecting with a button needs Convertly's {title} app, which is not set up on this server: enter the credentials
          manually below.
        </p>
      )}
    </div>
  );
}

/** The saved choice, by name: what the connection reports to. */
function Chosen({ children }: { children: ReactNode }) {
  return <p className="connect-chosen">{children}</p>;
}

/** "Connected", how and since when. */
function ConnectedStatus({ how, at }: { how: string; at: string | null | undefined }) {
  return (
    <p className="connect-status">
      <span className="badge state-ready">Connected</span>
      <span className="muted">
        {how}
        {connectedSince(at, formatDateTime)}.
      </span>
    </p>
  );
}

/** Google Ads, connected with the button: pick the account and the conversion action, test, disconnect. */
export function GoogleConnection({ settings, actions }: { settings: AdsSettings; actions: ReactNode }) {
  const google = settings.google_ads;
  if (!google.connected) {
    return (
      <NotConnected platform="google_ads" settings={settings}>
        Sign in with Google and allow Convertly to upload conversions: then choose the account and the conversion action that
        won leads are reported to.
      </NotConnected>
    );
  }
  return (
    <div className="connect-panel">
      <ConnectedStatus
        how={google.connection === "manual" ? "With a refresh token entered by hand" : "With Google"}
        at={google.connected_at}
      />
      {google.customer_id && (
        <Chosen>
          Account: <strong>{google.customer_name ?? formatCustomerId(google.customer_id)}</strong> ({formatCustomerId(google.customer_id)})
          {google.conversion_action_id && (
            <>
              {" "}
              · Conversion action: <strong>{google.conversion_action_name ?? google.conversion_action_id}</strong>
            </>
          )}
        </Chosen>
      )}
      <GoogleAccountPicker settings={settings} />
      <div className="settings-actions">
        {actions}
        <span className="spacer" />
        <ConnectButton platform="google_ads" canConnect={Boolean(google.can_connect)} again />
        <DisconnectButton platform="google_ads" />
      </div>
    </div>
  );
}

function GoogleAccountPicker({ settings }: { settings: AdsSettings }) {
  const api = useConnectionApi();
  const customers = useQuery({ queryKey: connectionKeys.googleCustomers, queryFn: api.googleCustomers });
  if (customers.isPending) return <Spinner label="Reading your Google Ads accounts" />;
  if (customers.isError) {
    return (
      <Alert title="Your Google Ads accounts could not be listed" actions={<Button onClick={() => void customers.refetch()}>Try again</Button>}>
        {errorMessage(customers.error)}
      </Alert>
    );
  }
  const groups = customerGroups(customers.data.items);
  if (groups.length === 0) {
    return <Alert tone="warning" title="No Google Ads account found">The Google user who connected has no Google Ads account Convertly can reach.</Alert>;
  }
  return <GoogleAccountForm google={settings.google_ads} groups={groups} />;
}

function GoogleAccountForm({ google, groups }: { google: GoogleAdsSettings; groups: ChoiceGroup<GoogleAdsCustomer>[] }) {
  const api = useConnectionApi();
  const saver = useSettingsSaver();
  const [account, setAccount] = useState(() => savedCustomerValue(google));
  const [actionId, setActionId] = useState(google.conversion_action_id ?? "");
  // Settings' scope asks before a tab or link leaves a pick not saved.
  useUnsavedChanges(googlePickChanged(google, account, actionId));
  const chosen = chosenOption(groups, account);
  const customerId = chosen?.customer_id ?? "";
  const loginCustomerId = chosen?.login_customer_id ?? null;
  const actions = useQuery({
    queryKey: connectionKeys.googleActions(customerId, loginCustomerId),
    queryFn: () => api.googleConversionActions(customerId, loginCustomerId),
    enabled: Boolean(customerId),
  });
  const found = actions.data?.items ?? [];
  const action = found.find((item) => item.conversion_action_id === actionId);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen && action) saver.save(googleChoice(chosen, action), "Google Ads account and conversion action saved");
  }

  return (
    <form aria-label="Choose the Google Ads account" onSubmit={submit}>
      <div className="form-grid">
        <GroupedSelect
          label="Google Ads account"
          groups={groups}
          value={account}
          placeholder="Choose the account"
          hint="Accounts reached through a manager account are listed under it"
          onChange={(value) => {
            setAccount(value);
            setActionId("");
          }}
        />
        <GroupedSelect
          label="Conversion action"
          groups={actionGroups(found)}
          value={actionId}
          placeholder={actionPlaceholder(Boolean(chosen), actions.isFetching)}
          disabled={!chosen || actions.isFetching}
          hint={actions.isError ? errorMessage(actions.error) : "Won leads are uploaded to this action (import from clicks)"}
          onChange={setActionId}
        />
      </div>
      {actions.isSuccess && found.length === 0 && (
        <Alert tone="warning" title="This account has no click conversion action">
          Create one in Google Ads (Goals &gt; Conversions &gt; New, Import, from clicks), then choose the account again.
        </Alert>
      )}
      <div className="settings-actions">
        <Button type="submit" variant="primary" busy={saver.busy} disabled={!action || sameChoice(google, chosen, actionId)}>
          Save account and conversion action
        </Button>
      </div>
    </form>
  );
}

/** Meta, connected with the button: pick the dataset, see the test event code, test, disconnect. */
export function MetaConnection({ settings, actions }: { settings: AdsSettings; actions: ReactNode }) {
  const meta = settings.meta;
  if (!meta.connected) {
    return (
      <NotConnected platform="meta" settings={settings}>
        Log in with Facebook and allow Convertly to send conversions: then choose the dataset (pixel) they go to.
      </NotConnected>
    );
  }
  return (
    <div className="connect-panel">
      <ConnectedStatus
        how={meta.connection === "manual" ? "With an access token entered by hand" : "With Facebook"}
        at={meta.connected_at}
      />
      {meta.dataset_id && (
        <Chosen>
          Dataset: <strong>{meta.dataset_name ?? meta.dataset_id}</strong> ({meta.dataset_id})
        </Chosen>
      )}
      <MetaDatasetPicker settings={settings} />
      {meta.test_event_code && (
        <p className="connect-test-code">
          Test event code: <span className="mono">{meta.test_event_code}</span>{" "}
          <span className="muted">(the test event goes out under it and shows only in Events Manager's Test events)</span>
        </p>
      )}
      <div className="settings-actions">
        {actions}
        <span className="spacer" />
        <ConnectButton platform="meta" canConnect={Boolean(meta.can_connect)} again />
        <DisconnectButton platform="meta" />
      </div>
    </div>
  );
}

function MetaDatasetPicker({ settings }: { settings: AdsSettings }) {
  const api = useConnectionApi();
  const saver = useSettingsSaver();
  const [datasetId, setDatasetId] = useState(settings.meta.dataset_id ?? "");
  useUnsavedChanges(datasetId !== (settings.meta.dataset_id ?? ""));
  const datasets = useQuery({ queryKey: connectionKeys.metaDatasets, queryFn: api.metaDatasets });
  if (datasets.isPending) return <Spinner label="Reading your Meta datasets" />;
  if (datasets.isError) {
    return (
      <Alert title="Your Meta datasets could not be listed" actions={<Button onClick={() => void datasets.refetch()}>Try again</Button>}>
        {errorMessage(datasets.error)}
      </Alert>
    );
  }
  const groups = datasetGroups(datasets.data.items);
  if (groups.length === 0) {
    return <Alert tone="warning" title="No dataset found">None of the ad accounts this Facebook user reaches has a dataset (pixel).</Alert>;
  }
  const chosen = datasets.data.items.find((dataset) => dataset.dataset_id === datasetId);
  return (
    <form
      aria-label="Choose the Meta dataset"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) saver.save({ meta: { dataset_id: chosen.dataset_id, dataset_name: chosen.name } }, "Meta dataset saved");
      }}
    >
      <div className="form-grid">
        <GroupedSelect
          label="Dataset (pixel)"
          groups={groups}
          value={datasetId}
          placeholder="Choose the dataset"
          hint="Listed by the ad account it belongs to"
          onChange={setDatasetId}
        />
      </div>
      <div className="settings-actions">
        <Button type="submit" variant="primary" busy={saver.busy} disabled={!chosen || datasetId === settings.meta.dataset_id}>
          Save dataset
        </Button>
      </div>
    </form>
  );
}

/** Saves a choice with the ordinary settings update (PUT /settings/ads) and shows the saved settings. */
function useSettingsSaver() {
  const api = useConversionsApi();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: ({ body }: { body: AdsSettingsUpdate; message: string }) => api.saveAdsSettings(body),
    onSuccess: (next, { message }) => {
      queryClient.setQueryData(conversionKeys.adsSettings, next);
      toast.success(message);
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  return { busy: save.isPending, save: (body: AdsSettingsUpdate, message: string) => save.mutate({ body, message }) };
}
