import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { toast } from "../../components/toasts";
import { Alert, Button, SelectField, TextField } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { BecomePartnerLink } from "../affiliates/public/BecomePartnerLink";
import { referralStore } from "../affiliates/public/referralStore";
import { AuthLayout } from "./AuthLayout";

const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD"].map((code) => ({ value: code, label: code }));

function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function SignupPage() {
  const { signUp } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({ company_name: "", name: "", email: "", password: "", currency: "USD" });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(["company_name", "name", "email", "password", "currency"]);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      // The referral a partner's link left in this browser (features/affiliates/public), while unexpired.
      const referral = referralStore().read()?.referral;
      // The browser's language picks the workspace's number and date format (the nearest one offered).
      const locale = navigator.language || undefined;
      const profile = await signUp({ ...form, timezone: browserTimezone(), ...(locale ? { locale } : {}), ...(referral ? { referral } : {}) });
      if (referral) referralStore().clear();
      toast.success(`Welcome to Convertly, ${profile.user.name}`);
      navigate(profile.portal, { replace: true });
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Start a Convertly workspace for your business. You will be its administrator."
      footer={
        <>
          <p>
            Already have an account? <Link to="/login">Log in</Link>
          </p>
          <BecomePartnerLink />
        </>
      }
    >
      {errors.summary && <Alert>{errors.summary}</Alert>}
      <form onSubmit={submit} noValidate className="stack">
        <TextField label="Company name" autoComplete="organization" required value={form.company_name} onChange={set("company_name")} error={errors.byField.company_name} />
        <TextField label="Your name" autoComplete="name" required value={form.name} onChange={set("name")} error={errors.byField.name} />
        <TextField label="Work email" type="email" autoComplete="email" required value={form.email} onChange={set("email")} error={errors.byField.email} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={set("password")}
          error={errors.byField.password}
          hint="At least 10 characters, with upper and lower case letters, a number and a symbol."
        />
        <SelectField label="Currency" options={CURRENCIES} value={form.currency} onChange={set("currency")} error={errors.byField.currency} />
        <Button type="submit" variant="primary" busy={busy} className="btn-block">
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
