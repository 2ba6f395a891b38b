import { useId, useState } from "react";
import { CAPTCHA_LABELS, optionsOf, type DraftField, type FormDraft } from "./formModel";

/**
 * The form as the embed snippet renders it, from the draft being edited: the same controls, labels
 * (a required one marked *), options and button. Nothing is sent from here.
 */
export function FormPreview({ draft }: { draft: FormDraft }) {
  const prefix = useId();
  const [tried, setTried] = useState(false);
  const visible = draft.fields.filter((item) => item.type !== "hidden");
  const hidden = draft.fields.length - visible.length;
  return (
    <div className="form-preview">
      <form
        className="preview-form"
        aria-label={`Preview of ${draft.name.trim() || "the form"}`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
        }}
      >
        {visible.map((item) => (
          <PreviewField key={item.key} item={item} id={`${prefix}-${item.key}`} />
        ))}
        {draft.captchaProvider && (
          <div className="preview-captcha" aria-label="Captcha">
            {CAPTCHA_LABELS[draft.captchaProvider]} check
          </div>
        )}
        <button type="submit" className="preview-submit">
          {draft.submitLabel.trim() || "Send"}
        </button>
        {tried && (
          <p className="preview-note" role="status">
            This is a preview: nothing was sent.
          </p>
        )}
      </form>
      <p className="muted preview-after">
        {hidden > 0 && `${hidden} hidden ${hidden === 1 ? "value is" : "values are"} sent too. `}
        {draft.afterSubmit === "redirect"
          ? `After sending, visitors go to ${draft.redirectUrl.trim() || "the redirect URL"}.`
          : `After sending, visitors read: “${draft.thankYouMessage.trim()}”`}
      </p>
    </div>
  );
}

function PreviewField({ item, id }: { item: DraftField; id: string }) {
  const label = `${item.label}${item.required ? " *" : ""}`;
  if (item.type === "checkbox" || item.type === "consent") {
    return (
      <div className="preview-field">
        <label className="preview-check">
          <input type="checkbox" name={item.name} required={item.required} /> {label}
        </label>
      </div>
    );
  }
  let control;
  if (item.type === "select") {
    control = (
      <select id={id} name={item.name} required={item.required} defaultValue="">
        {["", ...optionsOf(item)].map((option, index) => (
          <option key={`${index}-${option}`} value={option}>
            {option || "Choose…"}
          </option>
        ))}
      </select>
    );
  } else if (item.type === "textarea") {
    control = <textarea id={id} name={item.name} rows={4} placeholder={item.placeholder || undefined} required={item.required} />;
  } else {
    const kind = item.type === "email" ? "email" : item.type === "phone" ? "tel" : "text";
    control = <input id={id} name={item.name} type={kind} placeholder={item.placeholder || undefined} required={item.required} />;
  }
  return (
    <div className="preview-field">
      <label htmlFor={id}>{label}</label>
      {control}
    </div>
  );
}
