import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useLookups } from "../../lib/lookups";
import { aiKeys, isInsightsKey, useAiApi } from "./api";
import { AiLocked, useAiPlan } from "./AiLock";
import { ModelCard } from "./ModelCard";
import { aiLockOf } from "./plan";
import { monthLabel, tokensText, trainingWaiting, usageShare } from "./settingsModel";
import type { AiSettings } from "./types";
import "../../layout/settings.css";
import "./ai.css";

/** While a training asked for here has not finished: read the settings again this often, this many times. */
const TRAINING_POLL_MS = 4_000;
const TRAINING_POLLS = 150;

/** Settings > AI: the switch, this installation's OpenAI key and models, the month's usage, the score model. */
export function AiSettingsPage() {
  const api = useAiApi();
  const [requestedAt, setRequestedAt] = useState<string | null>(null);
  const settings = useQuery({
    queryKey: aiKeys.settings,
    queryFn: api.settings,
    refetchInterval: (query) => {
      const model = query.state.data?.model;
      const waiting = trainingWaiting(model, requestedAt ?? model?.training_requested_at);
      return waiting && query.state.dataUpdateCount < TRAINING_POLLS ? TRAINING_POLL_MS : false;
    },
  });
  if (settings.isPending) return <Spinner label="Loading the AI settings" />;
  if (settings.isError) {
    return (
      <Alert title="The AI settings could not be loaded" actions={<Button onClick={() => void settings.refetch()}>Try again</Button>}>
        {errorMessage(settings.error)}
      </Alert>
    );
  }
  return <AiSettingsView settings={settings.data} requestedAt={requestedAt} onRequested={setRequestedAt} />;
}

function AiSettingsView({
  settings,
  requestedAt,
  onRequested,
}: {
  settings: AiSettings;
  requestedAt: string | null;
  onRequested: (at: string) => void;
}) {
  const plan = useAiPlan();
  return (
    <div className="ai-settings-grid">
      <p className="settings-intro">
        AI gives every open lead its chance to win, with the reasons in words, learned from this workspace's own won and lost
        leads, and writes a short brief of a lead on its page. Scores are worked out here; only briefs ask the AI service
        (OpenAI), with no email address or phone number in what is sent.
      </p>
      {settings.plan_includes_ai ? (
        <>
          <SwitchCard settings={settings} />
          <InstallationCard settings={settings} />
          <UsageCard settings={settings} />
          <ModelCard settings={settings} requestedAt={requestedAt} onRequested={onRequested} />
        </>
      ) : (
        <AiLocked lock={plan.lock ?? aiLockOf(null, undefined)} />
      )}
    </div>
  );
}

function SwitchCard({ settings }: { settings: AiSettings }) {
  const api = useAiApi();
  const { grants } = useAuth();
  const lookups = useLookups();
  const queryClient = useQueryClient();
  const mayManage = grants.can(Permission.aiManage);
  const save = useMutation({
    mutationFn: (enabled: boolean) => api.saveSettings({ enabled }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(aiKeys.settings, saved);
      toast.success(saved.enabled ? "AI is on for this workspace" : "AI is off for this workspace");
      // Every lead's insights and the lists by score answer differently now.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: aiKeys.all, refetchType: "none" }),
        queryClient.invalidateQueries({ predicate: (query) => isInsightsKey(query.queryKey), refetchType: "none" }),
      ]);
    },
  });
  const changed = settings.updated_at
    ? `Changed ${formatDateTime(settings.updated_at)}${settings.updated_by ? ` by ${lookups.userName(settings.updated_by)}` : ""}.`
    : null;
  return (
    <Card title="AI for this workspace">
      <label className="ai-switch">
        <input
          type="checkbox"
          role="switch"
          checked={settings.enabled}
          disabled={!mayManage || save.isPending}
          onChange={(event) => save.mutate(event.target.checked)}
        />
        Use AI in this workspace
      </label>
      <p className="field-hint">
        {settings.enabled ? "AI is on." : "AI is off."} Turned off, nobody sees scores or summaries, and nothing is sent to the AI
        service. {changed}
      </p>
      {!mayManage && <p className="muted">Only an Admin can turn AI on or off.</p>}
    </Card>
  );
}

function InstallationCard({ settings }: { settings: AiSettings }) {
  return (
    <Card title="AI service">
      <p className="platform-state">
        <span className={`badge ${settings.configured ? "state-ready" : "state-off"}`}>
          {settings.configured ? "OpenAI API key set" : "No OpenAI API key"}
        </span>
        <span className="muted">
          {settings.configured
            ? "This installation can write summaries."
            : "This installation has no OpenAI API key: summaries cannot be written. Scores still work."}
        </span>
      </p>
      <dl className="details ai-facts">
        <div className="detail-row">
          <dt>Model for summaries</dt>
          <dd className="mono">{settings.summary_model}</dd>
        </div>
        <div className="detail-row">
          <dt>Model for questions</dt>
          <dd className="mono">{settings.questions_model}</dd>
        </div>
      </dl>
    </Card>
  );
}

function UsageCard({ settings }: { settings: AiSettings }) {
  const { usage } = settings;
  const text = tokensText(usage);
  return (
    <Card title="Usage this month">
      <p>
        <strong>{text}</strong> <span className="muted">in {monthLabel(usage.month)}</span>
      </p>
      <meter
        className="ai-meter"
        min={0}
        max={1}
        low={0.75}
        high={0.9}
        optimum={0}
        value={usageShare(usage)}
        aria-label="AI tokens used this month"
        aria-valuetext={text}
      />
      <p className="muted">
        {usage.requests} {usage.requests === 1 ? "request" : "requests"} to the AI service. Summaries stop for the rest of the month when
        the plan's tokens are used; scores go on.
      </p>
    </Card>
  );
}
