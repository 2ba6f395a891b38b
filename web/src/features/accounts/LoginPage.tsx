import { useState, type FormEvent } from "react";
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Grants, landingPath } from "../../auth/permissions";
import { Alert, Button, TextField } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { mayOpenPath } from "../../navigation";
import { AuthLayout } from "./AuthLayout";

export function LoginPage() {
  const { login, signedIn, profile } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const notice = (location.state as { notice?: string; loggedOut?: boolean } | null) ?? null;
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(["email", "password"]);

  if (signedIn && profile && !busy) return <Navigate to={profile.portal} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const signedInProfile = await login(email, password);
      const grants = new Grants(signedInProfile.permissions);
      navigate(landingPath(signedInProfile.portal, params.get("next"), (path) => mayOpenPath(grants, path)), {
        replace: true,
      });
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

  return (
    <AuthLayout
      title="Log in"
      subtitle="Welcome back. Log in to your Convertly account."
      footer={
        <p>
          New to Convertly? <Link to="/signup">Create an account</Link>
        </p>
      }
    >
      {notice?.loggedOut && <Alert tone="info">You have logged out.</Alert>}
      {notice?.notice && <Alert tone="success">{notice.notice}</Alert>}
      {errors.summary && <Alert>{errors.summary}</Alert>}
      <form onSubmit={submit} noValidate className="stack">
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errors.byField.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.byField.password}
        />
        <div className="row-between">
          <Link to={`/forgot-password${email ? `?email=${encodeURIComponent(email)}` : ""}`}>Forgot your password?</Link>
        </div>
        <Button type="submit" variant="primary" busy={busy} className="btn-block">
          Log in
        </Button>
      </form>
    </AuthLayout>
  );
}
