import { useId, useRef } from "react";
import { toast } from "../../components/toasts";
import { Button } from "../../components/ui";
import { useServices } from "../../context";
import { consentCode, formTag, hostedUrl, htmlFormCode, siteTag, type EmbedTarget } from "./embedCode";
import type { CaptureForm } from "./types";

/** Copy text to the clipboard; where the browser refuses, the code's text is selected and copied. */
async function copy(text: string, select?: () => void): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!select) return false;
    select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

/** The codes that put a saved form on a website: the site tag for every page and the form's tag, the
 * consent hook, the hosted page and a plain HTML form. */
export function EmbedPanel({ form, dirty }: { form: CaptureForm; dirty: boolean }) {
  const { config } = useServices();
  const target: EmbedTarget = { webOrigin: window.location.origin, apiUrl: config.apiUrl, formId: form.form_id };
  const hosted = hostedUrl(config.apiUrl, form.hosted_path);
  return (
    <div className="embed-panel">
      {form.status !== "published" && (
        <p className="embed-note">This form is a draft: publish it and these codes start working.</p>
      )}
      {dirty && <p className="embed-note">Unsaved changes reach your site once they are saved.</p>}
      <p className="embed-lead">Put this on every page of your site, and the form where you want it.</p>
      <CodeBlock
        label="Site tag"
        hint="On every page (your site's template, before </head>): it keeps the ad click and campaign of each visit for 90 days, the first and the latest, and shows nothing."
        code={siteTag(target)}
        rows={2}
      />
      <CodeBlock
        label="Form tag"
        hint="Where the form should appear. It sends the visit's first and latest touch with the form; on a page of its own it keeps the click of visitors who land there."
        code={formTag(target)}
        rows={3}
      />
      <div className="embed-block">
        <h3 id={`hosted-${form.form_id}`}>Hosted page</h3>
        <p className="muted">A page of its own for customers without a website: share the link or use it in an ad.</p>
        <div className="hosted-link">
          <a href={hosted} target="_blank" rel="noopener noreferrer" className="mono break">
            {hosted}
          </a>
          <CopyButton label="Copy hosted page link" text={hosted} />
        </div>
      </div>
      <CodeBlock
        label="HTML form"
        hint="A plain HTML form that posts even without JavaScript; the form tag after it adds the visit's attribution when it runs. Keep it in step with the form: copy it again after changing the fields."
        code={htmlFormCode(form, target)}
        rows={10}
      />
      <CodeBlock
        label="Cookie consent"
        hint={`If your site asks visitors for cookie consent, use this instead of the site tag (and add data-consent="denied" to the form tag): nothing is kept until your banner calls convertly("consent", "granted") on the page, and "denied" forgets what was kept. Or set window.convertlyConsent = false before the tags. Without consent a form still sends the click in its own page's address.`}
        code={consentCode(target)}
        rows={6}
      />
    </div>
  );
}

function CopyButton({ label, text, select }: { label: string; text: string; select?: () => void }) {
  return (
    <Button
      className="btn-small"
      onClick={async () => {
        if (await copy(text, select)) toast.success("Copied to the clipboard");
        else toast.info("Your browser did not allow copying: select the text and press Ctrl+C (⌘C)");
      }}
    >
      {label}
    </Button>
  );
}

function CodeBlock({ label, hint, code, rows }: { label: string; hint: string; code: string; rows: number }) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  return (
    <div className="embed-block">
      <div className="embed-block-head">
        <label htmlFor={id}>{label}</label>
        <CopyButton label={`Copy ${label.toLowerCase()}`} text={code} select={() => ref.current?.select()} />
      </div>
      <p className="muted" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        ref={ref}
        id={id}
        className="code"
        readOnly
        rows={rows}
        value={code}
        spellCheck={false}
        aria-describedby={`${id}-hint`}
        onFocus={(event) => event.currentTarget.select()}
      />
    </div>
  );
}
