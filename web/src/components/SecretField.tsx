import { useId } from "react";
import { Button, TextField } from "./ui";
import "./secretField.css";

/**
 * A write-only secret (an ad platform's token, the SMTP password, a form's captcha secret). Saved, it
 * shows as the mask the API answers ("••••1234", or "********" when nothing of it may show) with Replace;
 * replacing (or with none saved) it is a password input, and a blank replacement keeps the saved secret.
 */
export function SecretField({
  label,
  masked,
  editing,
  value,
  error,
  onChange,
  onReplace,
  onKeep,
}: {
  label: string;
  /** The saved secret's mask; null when none is saved. */
  masked: string | null;
  /** The input shows: nothing is saved yet, or Replace was pressed. */
  editing: boolean;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
  onReplace: () => void;
  onKeep: () => void;
}) {
  const id = useId();
  if (masked && !editing) {
    const ending = masked.replace(/^[•*]+/, "");
    return (
      <div className={`field secret-saved ${error ? "field-invalid" : ""}`}>
        <span className="field-label" id={`${id}-label`}>
          {label}
        </span>
        <div
          className="secret-row"
          role="group"
          aria-labelledby={`${id}-label`}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          <span className="secret-mask" aria-hidden="true">
            {masked}
          </span>
          {ending && <span className="visually-hidden">ending in {ending}</span>}
          <span className="muted">saved</span>
          <Button className="btn-small" aria-label={`Replace ${label}`} onClick={onReplace}>
            Replace
          </Button>
        </div>
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="secret-input-row">
      <TextField
        label={label}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        error={error}
        hint={masked ? `Saved: ${masked}. Leave blank to keep it.` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {masked && (
        <Button variant="ghost" className="btn-small" aria-label={`Keep saved ${label}`} onClick={onKeep}>
          Keep saved
        </Button>
      )}
    </div>
  );
}
