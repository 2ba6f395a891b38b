import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Alert, Button, TextAreaField, TextField } from "../../../components/ui";
import { useFormErrors } from "../../../components/useFormErrors";
import { AuthLayout } from "../../accounts/AuthLayout";
import { useAffiliatePublicApi } from "./api";
import "./partners.css";
import { applicationRequest, EMPTY_APPLICATION, type ApplicationForm } from "./partnerApplication";
import type { PartnerApplicationReceipt } from "./types";

const FIELDS = ["name", "email", "website", "audience", "promotion"] as const;

/**
 * `/partners`: what Convertly's partners earn, in general terms (the program's own terms are not
 * public), and the application (POST /affiliate/applications). The API's field errors show under their
 * inputs (an address that applied already is refused on the email); a received application says so.
 */
export function PartnersPage() {
  const [receipt, setReceipt] = useState<PartnerApplicationReceipt | null>(null);

  if (receipt) {
    return (
      <AuthLayout title="Thank you for applying" footer={<Link to="/login">Go to log in</Link>}>
        <div role="status" className="stack">
          <p>{receipt.message}</p>
          <p className="muted">
            Once you are approved, an email brings your sign-in to the partner portal, where your referral link and its
            figures are.
          </p>
        </div>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      title="Become a Convertly partner"
      subtitle="Recommend Convertly to businesses that advertise online, and earn from the customers you bring."
      footer={
        <p>
          Already a partner? <Link to="/login">Log in</Link>
        </p>
      }
    >
      <section aria-labelledby="partner-earn" className="partner-perks">
        <h2 id="partner-earn">What partners earn</h2>
        <ul>
          <li>A commission on the payments of the customers you refer, as your partner terms set it.</li>
          <li>
            A sign-up counts for you when it follows a click on your referral link within the program&apos;s referral
            window.
          </li>
          <li>
            Each commission is held for a while after the payment, so that refunds and chargebacks can settle, then paid
            out to you.
          </li>
          <li>A partner portal with your referral link and its figures: clicks, sign-ups and commissions.</li>
        </ul>
      </section>
      <ApplicationFormSection onApplied={setReceipt} />
    </AuthLayout>
  );
}

function ApplicationFormSection({ onApplied }: { onApplied: (receipt: PartnerApplicationReceipt) => void }) {
  const api = useAffiliatePublicApi();
  const [form, setForm] = useState<ApplicationForm>(EMPTY_APPLICATION);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(FIELDS);
  const set = (key: keyof ApplicationForm) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      onApplied(await api.apply(applicationRequest(form)));
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="partner-apply" className="stack">
      <h2 id="partner-apply">Apply</h2>
      {errors.summary && <Alert>{errors.summary}</Alert>}
      <form onSubmit={submit} noValidate className="stack" aria-label="Partner application">
        <TextField label="Your name" autoComplete="name" required value={form.name} onChange={set("name")} error={errors.byField.name} />
        <TextField label="Email" type="email" autoComplete="email" required value={form.email} onChange={set("email")} error={errors.byField.email} />
        <TextField
          label="Website (optional)"
          type="url"
          autoComplete="url"
          inputMode="url"
          value={form.website}
          onChange={set("website")}
          error={errors.byField.website}
          hint="Your site, blog or channel, if you have one."
        />
        <TextAreaField
          label="Your audience"
          required
          rows={3}
          value={form.audience}
          onChange={set("audience")}
          error={errors.byField.audience}
          hint="Who you reach: agencies, consultants, local businesses, an audience of marketers…"
        />
        <TextAreaField
          label="How you will promote Convertly"
          required
          rows={3}
          value={form.promotion}
          onChange={set("promotion")}
          error={errors.byField.promotion}
          hint="Reviews, tutorials, a newsletter, recommending it to clients…"
        />
        <Button type="submit" variant="primary" busy={busy} className="btn-block">
          Send application
        </Button>
      </form>
    </section>
  );
}
