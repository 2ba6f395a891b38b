import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, TextField } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { CopyButton } from "./WebhookTriggerPanel";
import { useWebhookSecret, webhookKeys } from "./webhookQueries";
import { useWebhooksApi } from "./webhooksApi";
import "./webhooks.css";

/**
 * Settings > Automation: the account's webhook signing secret (Admins). Every webhook a workflow
 * sends carries `Convertly-Signature: t=<unix time>,v1=<HMAC-SHA256>` made with it; revealing shows
 * it, rotating makes a new one while the old one signs too for 24 hours.
 */
export function WebhookSecretSection() {
  const { grants } = useAuth();
  const api = useWebhooksApi();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [rotating, setRotating] = useState(false);
  const secret = useWebhookSecret(shown);
  if (!grants.can(Permission.automationWebhookSecret)) return null;

  async function rotate() {
    setRotating(true);
    try {
      const rotated = await api.rotateSecret();
      queryClient.setQueryData(webhookKeys.secret, rotated);
      setShown(true);
      toast.success("New signing secret made: webhooks carry both signatures for 24 hours");
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setRotating(false);
      setConfirming(false);
    }
  }

  const until = secret.data?.previous_valid_until;
  return (
    <Card title="Webhooks" className="webhook-panel">
      <p className="field-hint">
        Every webhook your workflows send is signed with this secret: the <code>Convertly-Signature</code> header reads <code>t=&lt;unix time&gt;,v1=&lt;hex HMAC-SHA256 of “t.body”&gt;</code>.
        Check it on your server before you trust a request, and drop repeats by their <code>Convertly-Delivery</code> id.
      </p>
      {!shown ? (
        <div className="webhook-row">
          <TextField label="Signing secret" value="••••••••••••••••" readOnly />
          <Button className="btn-small" onClick={() => setShown(true)}>
            Reveal secret
          </Button>
          <Button className="btn-small" busy={rotating} onClick={() => setConfirming(true)}>
            Rotate secret
          </Button>
        </div>
      ) : secret.isError ? (
        <Alert title="The secret could not be read" actions={<Button onClick={() => void secret.refetch()}>Try again</Button>}>
          {errorMessage(secret.error)}
        </Alert>
      ) : (
        <div className="webhook-row">
          <TextField
            label="Signing secret"
            className="webhook-secret-value"
            value={secret.isPending ? "Loading…" : secret.data.secret}
            readOnly
            hint={until ? `The previous secret signs too until ${formatDateTime(until)}.` : undefined}
            onFocus={(event) => event.currentTarget.select()}
          />
          {secret.data && <CopyButton label="Copy" text={secret.data.secret} what="signing secret" />}
          <Button className="btn-small" busy={rotating} onClick={() => setConfirming(true)}>
            Rotate secret
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Make a new signing secret?"
        confirmLabel="Rotate secret"
        tone="primary"
        busy={rotating}
        onConfirm={() => void rotate()}
        onCancel={() => setConfirming(false)}
      >
        <p>For the next 24 hours every webhook carries a signature made with each secret, so your servers can switch to the new one in their own time.</p>
      </ConfirmDialog>
    </Card>
  );
}
