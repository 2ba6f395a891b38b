import { useState, type FormEvent } from "react";
import { errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, Spinner, TextAreaField } from "../../components/ui";
import { SMS_SENT, smsHref } from "./model";
import { useCompleteAction, useSmsPreview } from "./queries";
import { smsCount, smsCounterNote, smsCounterText } from "../messaging/sms";
import type { ManualAction } from "./types";

/** The longest text this composer takes: ten parts, what carriers still join into one message. */
const MAX_TEXT = 1600;

/**
 * A manual text: the workflow's template filled in for the contact, to edit, copy or open in the
 * messages app. Convertly sends no texts: the person sends it from their own phone, then marks it sent.
 */
export function SmsComposer({ action, onSent }: { action: ManualAction; onSent: () => void }) {
  const preview = useSmsPreview(action);
  const filling = preview.fetchStatus === "fetching" && preview.isPending;
  return (
    <Card title="Text to send">
      {filling ? (
        <Spinner label="Filling in the template" />
      ) : (
        <>
          {!action.template_id && <p className="muted">This step has no template: write the text here.</p>}
          {preview.isError && (
            <Alert tone="warning" title="The template could not be filled in">
              <p>{errorMessage(preview.error)}</p>
              <p>Write the text here instead.</p>
            </Alert>
          )}
          <SmsEditor key={preview.data ? "filled" : "blank"} action={action} initial={preview.data?.body ?? ""} onSent={onSent} />
        </>
      )}
    </Card>
  );
}

function SmsEditor({ action, initial, onSent }: { action: ManualAction; initial: string; onSent: () => void }) {
  const [text, setText] = useState(initial.slice(0, MAX_TEXT));
  const complete = useCompleteAction();
  const count = smsCount(text);
  const note = smsCounterNote(count);
  const phoneHref = smsHref(action.phone, text);
  const empty = text.trim() === "";

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast.success("Text copied: paste it into a message to the contact");
    } catch {
      toast.info("Your browser did not allow copying: select the text and press Ctrl+C (⌘C)");
    }
  }

  const markSent = (event: FormEvent) => {
    event.preventDefault();
    if (empty) return;
    complete.mutate({ action, body: { outcome: SMS_SENT, note: text.trim() } }, { onSuccess: onSent });
  };

  return (
    <form className="manual-form" aria-label="Text to send" onSubmit={markSent}>
      <p className="manual-explain">
        Convertly does not send texts. Send this one from your own phone, then mark it as sent so the workflow goes on.
      </p>
      <TextAreaField
        label="Text"
        rows={6}
        maxLength={MAX_TEXT}
        value={text}
        onChange={(event) => setText(event.target.value)}
        hint={
          <>
            <span className="manual-counter">{smsCounterText(count)}</span>
            {note && <span className="block">{note}</span>}
          </>
        }
      />
      <div className="manual-sms-actions">
        <Button disabled={empty} onClick={() => void copy()}>
          Copy text
        </Button>
        {phoneHref && (
          <a className="btn btn-secondary" href={phoneHref}>
            Open on your phone
          </a>
        )}
        <Button type="submit" variant="primary" busy={complete.isPending} disabled={empty}>
          Mark as sent
        </Button>
      </div>
      <p className="muted manual-hint">
        {phoneHref
          ? "“Open on your phone” opens your messages app with the number and this text filled in (on a phone, or a computer linked to one)."
          : "There is no phone number on file: find one on the contact before you text."}
      </p>
    </form>
  );
}
