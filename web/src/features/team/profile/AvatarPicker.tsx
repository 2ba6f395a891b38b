import { useId } from "react";
import { Avatar } from "../Avatar";
import { AVATAR_SWATCHES, colorName, isHexColor } from "../avatar";

/** The avatar colour: the default, a swatch or a custom colour, with a preview of the initials on it. */
export function AvatarPicker({
  name,
  value,
  error,
  onChange,
}: {
  /** Whose initials the preview shows. */
  name: string;
  /** "#rrggbb", or "" for the default avatar. */
  value: string;
  error?: string | undefined;
  onChange: (color: string) => void;
}) {
  const group = useId();
  const custom = isHexColor(value) && !AVATAR_SWATCHES.some((swatch) => swatch.value === value.toLowerCase());
  return (
    <fieldset className="avatar-picker" aria-describedby={error ? `${group}-error` : undefined}>
      <legend>Avatar colour</legend>
      <div className="avatar-preview">
        <Avatar name={name} color={value} className="avatar-large" />
        <span className="muted" aria-live="polite">
          Preview: {colorName(value)}
        </span>
      </div>
      <div className="swatches">
        <label className="swatch swatch-default" title="Default">
          <input type="radio" name={group} aria-label="Default" checked={!value} onChange={() => onChange("")} />
          <span />
        </label>
        {AVATAR_SWATCHES.map((swatch) => (
          <label key={swatch.value} className="swatch" title={swatch.label}>
            <input
              type="radio"
              name={group}
              aria-label={swatch.label}
              checked={value.toLowerCase() === swatch.value}
              onChange={() => onChange(swatch.value)}
            />
            <span style={{ background: swatch.value }} />
          </label>
        ))}
        <label className={`custom-color ${custom ? "custom-color-chosen" : ""}`}>
          Custom colour
          <input type="color" value={isHexColor(value) ? value.toLowerCase() : "#2563eb"} onChange={(event) => onChange(event.target.value.toLowerCase())} />
        </label>
      </div>
      {error && (
        <p className="field-error" id={`${group}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
