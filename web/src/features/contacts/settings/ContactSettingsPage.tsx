import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { ApiClient } from "../../../api/client";
import type { Schemas } from "../../../api/contract";
import { errorMessage } from "../../../api/errors";
import { useAuth } from "../../../auth/AuthProvider";
import { Permission } from "../../../auth/permissions";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, PageHeader, Spinner } from "../../../components/ui";
import { apiHook } from "../../../context";
import { useUnsavedChanges } from "../../../lib/useUnsavedChanges";

type ContactSettings = Schemas["ContactSettings"];

function contactSettingsApi(client: ApiClient) {
  return {
    get: () => client.get<ContactSettings>("/settings/contacts"),
    save: (body: { client_on_win: boolean }) =>
      client.request<ContactSettings>("PUT", "/settings/contacts", { body }),
  };
}

const useContactSettingsApi = apiHook(contactSettingsApi);
const settingsKey = ["contact-settings"] as const;

/** Settings > Contacts: whether a won lead makes its contact a Client. */
export function ContactSettingsPage() {
  const api = useContactSettingsApi();
  const settings = useQuery({ queryKey: settingsKey, queryFn: api.get });
  return (
    <>
      <PageHeader title="Contacts" subtitle="How contacts change as their leads move" />
      <Card title="Roles">
        <p className="settings-intro">
          A contact is a Lead, a Prospect or a Client. Reps change the role by hand; Convertly can also make a contact a
          Client when one of its leads is won.
        </p>
        {settings.isPending ? (
          <Spinner label="Loading the contact settings" />
        ) : settings.isError ? (
          <Alert title="The contact settings could not be loaded" actions={<Button onClick={() => void settings.refetch()}>Try again</Button>}>
            {errorMessage(settings.error)}
          </Alert>
        ) : (
          <RolesForm key={settings.data.updated_at ?? "defaults"} saved={settings.data} />
        )}
      </Card>
    </>
  );
}

function RolesForm({ saved }: { saved: ContactSettings }) {
  const api = useContactSettingsApi();
  const queryClient = useQueryClient();
  const { grants } = useAuth();
  const mayChange = grants.can(Permission.contactsManage);
  const [clientOnWin, setClientOnWin] = useState(saved.client_on_win);
  const changed = clientOnWin !== saved.client_on_win;
  // Settings' scope asks before a tab or link leaves the switch turned but not saved.
  useUnsavedChanges(changed);
  const save = useMutation({
    mutationFn: api.save,
    onSuccess: (next) => {
      queryClient.setQueryData(settingsKey, next);
      toast.success("Contact settings saved");
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ client_on_win: clientOnWin });
  }

  return (
    <form onSubmit={submit} noValidate>
      <label className="check">
        <input
          type="checkbox"
          role="switch"
          checked={clientOnWin}
          disabled={!mayChange}
          onChange={(event) => setClientOnWin(event.target.checked)}
        />
        Make a contact a Client when one of its leads is won
      </label>
      <p className="field-hint">Turned off, a contact's role changes only by hand.</p>
      {save.isError && <Alert>{errorMessage(save.error)}</Alert>}
      {mayChange && (
        <Button type="submit" variant="primary" busy={save.isPending} disabled={!changed}>
          Save contact settings
        </Button>
      )}
    </form>
  );
}
