import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert, Button, TextField } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { useAccountsApi } from "./api";
import { AuthLayout } from "./AuthLayout";

export function ForgotPasswordPage() {
  const api = useAccountsApi();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(["email"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const { message } = await api.forgotPassword(email);
      navigate(`/reset-password?email=${encodeURIComponent(email.trim())}`, { state: { notice: message } });
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="Enter your account's email. We will send you a code to set a new password."
      footer={<Link to="/login">Back to log in</Link>}
    >
      {errors.summary && <Alert>{errors.summary}</Alert>}
      <form onSubmit={submit} noValidate className="stack">
        <TextField label="Email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} error={errors.byField.email} />
        <Button type="submit" variant="primary" busy={busy} className="btn-block">
          Send reset code
        </Button>
      </form>
    </AuthLayout>
  );
}

export function ResetPasswordPage() {
  const api = useAccountsApi();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form, setForm] = useState({ email: params.get("email") ?? "", code: "", password: "" });
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(["email", "code", "password"]);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const { message } = await api.confirmPassword(form.email, form.code, form.password);
      navigate(`/login?email=${encodeURIComponent(form.email.trim())}`, { replace: true, state: { notice: message } });
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="Set a new password"
      subtitle="If an account exists for this email, a reset code is on its way. Enter it with your new password."
      footer={
        <p>
          No code? <Link to={`/forgot-password?email=${encodeURIComponent(form.email)}`}>Send another</Link>
        </p>
      }
    >
      {errors.summary && <Alert>{errors.summary}</Alert>}
      <form onSubmit={submit} noValidate className="stack">
        <TextField label="Email" type="email" autoComplete="username" required value={form.email} onChange={set("email")} error={errors.byField.email} />
        <TextField label="Reset code" autoComplete="one-time-code" inputMode="numeric" required value={form.code} onChange={set("code")} error={errors.byField.code} />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={set("password")}
          error={errors.byField.password}
          hint="At least 10 characters, with upper and lower case letters, a number and a symbol."
        />
        <Button type="submit" variant="primary" busy={busy} className="btn-block">
          Set new password
        </Button>
      </form>
    </AuthLayout>
  );
}
