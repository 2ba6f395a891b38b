import { useId, useState } from "react";
import { Button } from "../../components/ui";

/** The websites that may show the form and send it: a list with Remove, and an input to add one. */
export function DomainsEditor({
  domains,
  error,
  onAdd,
  onRemove,
}: {
  domains: readonly string[];
  error: string | undefined;
  onAdd: (domain: string) => void;
  onRemove: (domain: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const add = () => {
    if (!text.trim()) return;
    onAdd(text);
    setText("");
  };
  return (
    <div className={`field domains-editor ${error ? "field-invalid" : ""}`}>
      <label htmlFor={id}>Allowed website domains</label>
      {domains.length > 0 ? (
        <ul className="domain-list" aria-label="Allowed website domains">
          {domains.map((domain) => (
            <li key={domain}>
              <span className="mono">{domain}</span>
              <Button variant="ghost" className="btn-small" aria-label={`Remove ${domain}`} onClick={() => onRemove(domain)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted domain-empty">None yet: only the hosted page takes submissions.</p>
      )}
      <div className="domain-add">
        <input
          id={id}
          value={text}
          placeholder="example.com"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              add();
            }
          }}
        />
        <Button onClick={add}>Add domain</Button>
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        <p className="field-hint" id={`${id}-hint`}>
          The sites that may show this form: example.com (any page on it), *.example.com (its subdomains) or
          localhost:8080 (one port). The hosted page always may.
        </p>
      )}
    </div>
  );
}
