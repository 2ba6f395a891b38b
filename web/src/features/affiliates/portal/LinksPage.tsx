import { useId, useRef, useState } from "react";
import { Card, PageHeader, Spinner, TextField } from "../../../components/ui";
import { linkErrors, NO_PARTS, referralBase, referralLink, SUB_ID_MAX, UTM_MAX, type LinkField, type LinkParts } from "./linkModel";
import { CopyButton, LoadError } from "./parts";
import { attributionInWords, termsInWords } from "./portalModel";
import { useDashboard } from "./queries";
import type { PartnerDashboard } from "./types";

/** /affiliate/links: the partner's link, a builder for the same link with a sub-id and UTM tags, and the rules. */
export function LinksPage() {
  const dashboard = useDashboard(30);
  return (
    <>
      <PageHeader title="Referral links" subtitle="Share your link anywhere: every sign-up that comes through it is yours." />
      {dashboard.isPending && <Spinner label="Loading your link" />}
      {dashboard.isError && !dashboard.data && <LoadError what="Your link" error={dashboard.error} retry={() => void dashboard.refetch()} />}
      {dashboard.data && <Links data={dashboard.data} />}
    </>
  );
}

function Links({ data }: { data: PartnerDashboard }) {
  const origin = window.location.origin;
  const base = referralBase(origin, data.code);
  return (
    <>
      <Card title="Your link">
        <div className="referral-link">
          <code className="mono break" aria-label="Referral link">
            {base}
          </code>
          <CopyButton text={base} name="Copy referral link" />
        </div>
      </Card>
      <LinkBuilder origin={origin} code={data.code} />
      <Card title="How referrals are counted">
        <ul className="portal-list">
          {attributionInWords(data.cookie_days, data.attribution).map((line) => (
            <li key={line}>{line}</li>
          ))}
          <li>A sign-up through your link that pays earns you {termsInWords(data.terms, data.currency)}.</li>
          <li>Sign-ups with your own email address, or an address at your own domain, do not count.</li>
        </ul>
      </Card>
    </>
  );
}

const FIELDS: readonly { field: LinkField; label: string; hint: string; max: number; placeholder: string }[] = [
  {
    field: "subId",
    label: "Sub-id",
    hint: "Tells your channels apart: it shows next to each referral. Letters, digits, dots, dashes and underscores.",
    max: SUB_ID_MAX,
    placeholder: "youtube",
  },
  { field: "utmSource", label: "UTM source", hint: "Where the link is posted, e.g. newsletter", max: UTM_MAX, placeholder: "newsletter" },
  { field: "utmMedium", label: "UTM medium", hint: "The kind of channel, e.g. email or social", max: UTM_MAX, placeholder: "email" },
  { field: "utmCampaign", label: "UTM campaign", hint: "The campaign's name, e.g. spring-review", max: UTM_MAX, placeholder: "spring-review" },
];

function LinkBuilder({ origin, code }: { origin: string; code: string }) {
  const [parts, setParts] = useState<LinkParts>(NO_PARTS);
  const errors = linkErrors(parts);
  const valid = Object.keys(errors).length === 0;
  const link = referralLink(origin, code, parts);
  const outputId = useId();
  const output = useRef<HTMLInputElement>(null);
  return (
    <Card title="Build a link">
      <form className="form-grid" aria-label="Build a link" onSubmit={(event) => event.preventDefault()}>
        {FIELDS.map(({ field, label, hint, max, placeholder }) => (
          <TextField
            key={field}
            label={label}
            hint={hint}
            value={parts[field]}
            placeholder={placeholder}
            maxLength={max + 20}
            autoComplete="off"
            error={errors[field]}
            onChange={(event) => setParts({ ...parts, [field]: event.target.value })}
          />
        ))}
      </form>
      <div className="field built-link">
        <label htmlFor={outputId}>Full link</label>
        <div className="referral-link">
          <input id={outputId} ref={output} className="mono" readOnly value={valid ? link : ""} placeholder="Fix the fields above" onFocus={(event) => event.target.select()} />
          <CopyButton text={link} label="Copy full link" disabled={!valid} select={() => output.current?.select()} />
        </div>
      </div>
    </Card>
  );
}
