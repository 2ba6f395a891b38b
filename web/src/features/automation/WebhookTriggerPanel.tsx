import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "../../api/errors";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, TextField } from "../../components/ui";
import { useServices } from "../../context";
import { formatDateTime } from "../../lib/format";
import { useHookSecret, webhookKeys } from "./webhookQueries";
import { useWebhooksApi } from "./webhooksApi";
import { curlExample, hookUrl } from "./webhookText";
import "./webhooks.css";

/** Copy text to the clipboard; false where the browser refuses. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CopyButton({ label, text, what }: { label: string; text: string; what: string }) {
  return (
    <Button
      className="btn-small"
      aria-label={`${label} ${what}`}
      onClick={async () => {
        if (await copyText(text)) toast.success(`Copied the ${what}`);
        else toast.info("Your browser did not allow copying: select the text and press Ctrl+C (⌘C)");
      }}
    >
      {label}
    </Button>
  );
}

/**
 * A webhook trigger's hook: the URL another system posts to, its secret (revealed on request,
 * rotated with a confirmation: the old one keeps working for 24 hours) and a curl example that
 * signs a body with it. `hookId` is the saved trigger's (none until the workflow is saved).
 */
export function WebhookTriggerPanel({ workflowId, hookId }: { workflowId: string; hookId: string | null | undefined }) {
  const { config } = useServices();
  const [shown, setShown] = useState(false);
  const hook = useHookSecret(workflowId, shown && Boolean(hookId));
  const snippetId = useId();
  if (!hookId) {
    return (
      <section className="webhook-panel" aria-label="Inbound webhook">
        <Alert tone="info">Save the draft to get this workflow’s webhook URL and secret.</Alert>
      </section>
    );
  }
  const url = hookUrl(config.apiUrl, `/hooks/workflows/${encodeURIComponent(hookId)}`);
  const secret = hook.data?.secret ?? null;
  const snippet = curlExample(url, secret);
  return (
    <section className="webhook-panel" aria-label="Inbound webhook">
      <p className="field-hint">
        POST JSON with the person’s <code>email</code> or <code>phone</code> (and <code>first_name</code>, <code>last_name</code>, <code>tags</code>,{" "}
        <code>custom_fields</code>), signed in the <code>Convertly-Signature</code> header. Each request enrols the person once the workflow is published; send an{" "}
        <code>Idempotency-Key</code> header so a retry enrols no one twice.
      </p>
      <div className="webhook-row">
        <TextField label="Webhook URL" value={url} readOnly onFocus={(event) => event.currentTarget.select()} />
        <CopyButton label="Copy" text={url} what="webhook URL" />
      </div>
      <HookSecretRow workflowId={workflowId} shown={shown} onReveal={() => setShown(true)} query={hook} />
      <div className="field">
        <label htmlFor={snippetId}>Example request (bash, openssl and curl)</label>
        <textarea id={snippetId} className="webhook-snippet" rows={9} readOnly value={snippet} onFocus={(event) => event.currentTarget.select()} />
      </div>
      <div>
        <CopyButton label="Copy" text={snippet} what="example request" />
      </div>
    </section>
  );
}

function HookSecretRow({
  workflowId,
  shown,
  onReveal,
  query,
}: {
  workflowId: string;
  shown: boolean;
  onReveal: () => void;
  query: ReturnType<typeof useHookSecret>;
}) {
  const api = useWebhooksApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [rotating, setRotating] = useState(false);

  async function rotate() {
    setRotating(true);
    try {
      const rotated = await api.rotateHookSecret(workflowId);
      queryClient.setQueryData(webhookKeys.hook(workflowId), rotated);
      onReveal();
      toast.success("New secret made: the old one keeps working for 24 hours");
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setRotating(false);
      setConfirming(false);
    }
  }

  if (!shown) {
    return (
      <div className="webhook-row">
        <TextField label="Signing secret" value="••••••••••••••••" readOnly />
        <Button className="btn-small" onClick={onReveal}>
          Reveal secret
        </Button>
      </div>
    );
  }
  if (query.isError) {
    return <Alert title="The secret could not be read">{errorMessage(query.error)}</Alert>;
  }
  const secret = query.data?.secret ?? "";
  const until = query.data?.previous_valid_until;
  return (
    <>
      <div className="webhook-row">
        <TextField
          label="Signing secret"
          className="webhook-secret-value"
          value={query.isPending ? "Loading…" : secret}
          readOnly
          hint={until ? `The previous secret also works until ${formatDateTime(until)}.` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        {secret && <CopyButton label="Copy" text={secret} what="signing secret" />}
        <Button className="btn-small" busy={rotating} onClick={() => setConfirming(true)}>
          Rotate secret
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Make a new secret?"
        confirmLabel="Rotate secret"
        tone="primary"
        busy={rotating}
        onConfirm={() => void rotate()}
        onCancel={() => setConfirming(false)}
      >
        <p>Requests signed with the current secret keep being accepted for 24 hours, so the sender has a day to switch to the new one.</p>
      </ConfirmDialog>
    </>
  );
}
