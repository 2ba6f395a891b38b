import { smsCount, smsCounterNote, smsCounterText } from "./sms";
import "./messaging.css";

/** How long a text message is as typed: characters, parts and encoding, counted as the API counts them. */
export function SmsCounter({ text }: { text: string }) {
  const count = smsCount(text);
  const note = smsCounterNote(count);
  return (
    <div className="sms-counter">
      <p aria-live="polite" data-testid="sms-counter">
        {smsCounterText(count)}
      </p>
      {note && <p className="field-hint">{note}</p>}
      {text.includes("{{") && <p className="field-hint">Merge fields count as typed here: once filled in, the text may take more parts.</p>}
    </div>
  );
}
