import { useId, useState, type KeyboardEvent } from "react";
import { Button } from "../../components/ui";
import { mergeTags } from "./params";

/**
 * The tags to add or remove: typed one at a time (Enter or a comma adds it; the account's tags are
 * suggested), each shown with a way to take it out again.
 */
export function TagsField({
  tags,
  suggestions,
  error,
  onChange,
}: {
  tags: readonly string[];
  suggestions: readonly string[];
  error: string | undefined;
  onChange: (tags: string[]) => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const add = () => {
    if (!text.trim()) return;
    onChange(mergeTags(tags, text.split(/[,\n]/)));
    setText("");
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add();
    }
  };
  return (
    <div className={`field ${error ? "field-invalid" : ""}`}>
      <label htmlFor={id}>Tags</label>
      <div className="bulk-tag-entry">
        <input
          id={id}
          list={`${id}-known`}
          autoComplete="off"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKey}
          onBlur={add}
        />
        <Button className="btn-small" onClick={add} disabled={!text.trim()}>
          Add tag
        </Button>
      </div>
      <datalist id={`${id}-known`}>
        {suggestions.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
      {tags.length > 0 && (
        <ul className="tags bulk-tags" aria-label="Tags chosen">
          {tags.map((tag) => (
            <li key={tag} className="tag">
              {tag}
              <button type="button" className="bulk-tag-remove" aria-label={`Take out ${tag}`} onClick={() => onChange(tags.filter((item) => item !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        <p className="field-hint" id={`${id}-hint`}>
          Press Enter after each tag.
        </p>
      )}
    </div>
  );
}
