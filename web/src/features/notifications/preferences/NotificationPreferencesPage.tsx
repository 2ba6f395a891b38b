import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../../api/errors";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, Spinner } from "../../../components/ui";
import { useUnsavedChanges } from "../../../lib/useUnsavedChanges";
import { useNotificationsApi } from "../api";
import type { NotificationChannel, NotificationPreferences } from "../types";
import { CHANNELS, changedChannels, preferenceRows } from "./preferences";
import "./preferences.css";

export const PREFERENCES_KEY = ["me", "notification-preferences"] as const;

/** Settings > Notifications: per kind of notification, in the app, by email, both or not at all. */
export function NotificationPreferencesPage() {
  const api = useNotificationsApi();
  const preferences = useQuery({ queryKey: PREFERENCES_KEY, queryFn: api.notificationPreferences });
  if (preferences.isPending) return <Spinner label="Loading your notification preferences" />;
  if (preferences.isError) {
    return (
      <Alert
        title="Your notification preferences could not be loaded"
        actions={<Button onClick={() => void preferences.refetch()}>Try again</Button>}
      >
        {errorMessage(preferences.error)}
      </Alert>
    );
  }
  return <PreferencesForm saved={preferences.data} />;
}

function PreferencesForm({ saved }: { saved: NotificationPreferences }) {
  const api = useNotificationsApi();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<Record<string, NotificationChannel>>(saved.channels);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const rows = preferenceRows(saved.channels);
  const changes = changedChannels(saved.channels, chosen);
  const changedCount = Object.keys(changes).length;
  // Settings' scope asks before a tab or link leaves choices not saved.
  useUnsavedChanges(changedCount > 0);

  async function save(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (changedCount === 0) return;
    setBusy(true);
    try {
      const next = await api.saveNotificationPreferences(changes);
      queryClient.setQueryData(PREFERENCES_KEY, next);
      setChosen(next.channels);
      toast.success("Notification preferences saved");
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="settings-intro">
        Choose how you hear about each kind of event: in the app (the bell at the top of every page), by email, both, or
        not at all. These choices are yours alone; everyone on the team sets their own.
      </p>
      <Card title="Notification preferences">
        {failure && <Alert title="Your preferences were not saved">{failure}</Alert>}
        <form onSubmit={save} noValidate aria-label="Notification preferences">
          <div className="table-wrap preferences-wrap">
            <table className="table preferences-table">
              <caption className="visually-hidden">How you are told about each kind of notification</caption>
              <thead>
                <tr>
                  <th scope="col">Notification</th>
                  {CHANNELS.map((channel) => (
                    <th scope="col" key={channel.value} className="preference-choice">
                      {channel.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.kind}>
                    <th scope="row">
                      <span className="preference-label">{row.label}</span>
                      {row.description && <span className="block muted preference-description">{row.description}</span>}
                    </th>
                    {CHANNELS.map((channel) => (
                      <td key={channel.value} className="preference-choice">
                        <input
                          type="radio"
                          name={`channel-${row.kind}`}
                          value={channel.value}
                          aria-label={`${row.label}: ${channel.label}`}
                          checked={chosen[row.kind] === channel.value}
                          onChange={() => setChosen((current) => ({ ...current, [row.kind]: channel.value }))}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="settings-actions">
            <Button type="submit" variant="primary" busy={busy} disabled={changedCount === 0}>
              Save preferences
            </Button>
            {changedCount > 0 && (
              <>
                <span className="settings-note">
                  {changedCount} unsaved {changedCount === 1 ? "change" : "changes"}
                </span>
                <Button variant="ghost" disabled={busy} onClick={() => setChosen(saved.channels)}>
                  Undo changes
                </Button>
              </>
            )}
          </div>
        </form>
      </Card>
    </>
  );
}
