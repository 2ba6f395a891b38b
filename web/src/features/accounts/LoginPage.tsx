import { useState, type FormEvent } from "react";
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Grants, landingPath } from "../../auth/permissions";
import { Alert, Button, TextField } from "../../components/ui";
import { useFormErrors } from "../../components/useFormErrors";
import { BecomePartnerLink } from "../affiliates/public/BecomePartnerLink";
import { mayOpenPath } from "../../navigation";
import type { Profile } from "./types";
import { AuthLayout } from "./AuthLayout";
import { invitationFrom, newPasswordErrors, PASSWORD_RULES } from "./newPassword";

/** What other pages leave for the login page: a notice, a log out, or why the session ended. */
interface LoginNotice {
  notice?: string;
  loggedOut?: boolean;
  ended?: string;
}

export function LoginPage() {
  const { login, signedIn, profile } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const notice = (location.state as LoginNotice | null) ?? null;
  const invitation = invitationFrom(params);
  const [email, setEmail] = useState(invitation.email);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  // Once the person tries again, what the page was opened with (logged out, session ended) is old news:
  // only the outcome of their latest attempt shows, so two alerts never say the same thing.
  const [tried, setTried] = useState(false);
  // The NEW_PASSWORD_REQUIRED challenge of an invited person's first sign-in, and why it was left.
  const [challenge, setChallenge] = useState<string | null>(null);
  const [challengeEnded, setChallengeEnded] = useState<string | null>(null);
  const errors = useFormErrors(["email", "password"]);

  if (signedIn && profile && !busy && !challenge) return <Navigate to={profile.portal} replace />;

  function land(signedInProfile: Profile) {
    const grants = new Grants(signedInProfile.permissions);
    navigate(landingPath(signedInProfile.portal, params.get("next"), (path) => mayOpenPath(grants, path)), {
      replace: true,
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    setChallengeEnded(null);
    setTried(true);
    setBusy(true);
    try {
      const outcome = await login(email, password);
      if (outcome.kind === "new_password") {
        setChallenge(outcome.session);
        setPassword("");
        setBusy(false);
        return;
      }
      land(outcome.profile);
    } catch (error) {
      errors.show(error);
      setBusy(false);
    }
  }

  if (challenge) {
    return (
      <ChoosePassword
        email={email.trim()}
        session={challenge}
        onSignedIn={land}
        onSessionLost={(message) => {
          setChallenge(null);
          setChallengeEnded(message);
        }}
      />
    );
  }

  return (
    <AuthLayout
      title="Log in"
      subtitle={invitation.invited ? "Welcome to Convertly. Log in to join your team." : "Welcome back. Log in to your Convertly account."}
      footer={
        <>
          <p>
            New to Convertly? <Link to="/signup">Create an account</Link>
          </p>
          <BecomePartnerLink />
        </>
      }
    >
      <LoginAlerts notice={tried ? null : notice} invited={invitation.invited} problem={challengeEnded ?? errors.summary} />
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
          label={invitation.invited ? "Temporary password" : "Password"}
          type="password"
          autoComplete={invitation.invited ? "one-time-code" : "current-password"}
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

function LoginAlerts({ notice, invited, problem }: { notice: LoginNotice | null; invited: boolean; problem: string | null }) {
  return (
    <>
      {notice?.loggedOut && <Alert tone="info">You have logged out.</Alert>}
      {notice?.notice && <Alert tone="success">{notice.notice}</Alert>}
      {notice?.ended && <Alert tone="warning">{notice.ended}</Alert>}
      {invited && <Alert tone="info">You were invited: sign in with the temporary password from your email.</Alert>}
      {problem && <Alert>{problem}</Alert>}
    </>
  );
}

/**
 * The second step of an invited person's first sign-in: their own password replaces the temporary
 * one (POST /auth/password/new), and they are signed in with the tokens it answers.
 */
function ChoosePassword({
  email,
  session,
  onSignedIn,
  onSessionLost,
}: {
  email: string;
  session: string;
  onSignedIn: (profile: Profile) => void;
  /** The challenge's session expired or the invitation did: back to the first step, saying so. */
  onSessionLost: (message: string) => void;
}) {
  const { completeNewPassword } = useAuth();
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [checked, setChecked] = useState<{ password?: string; confirmation?: string }>({});
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(["password"]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const found = newPasswordErrors(password, confirmation);
    setChecked(found);
    if (found.password || found.confirmation) return;
    setBusy(true);
    try {
      onSignedIn(await completeNewPassword(email, session, password));
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 401) {
        onSessionLost(error.message);
        return;
      }
      errors.show(error);
    }
  }

  return (
    <AuthLayout
      title="Choose your password"
      subtitle="Welcome to Convertly. Choose the password you will log in with from now on; the temporary one then stops working."
    >
      {errors.summary && <Alert>{errors.summary}</Alert>}
      <form onSubmit={submit} noValidate className="stack" aria-label="Choose your password">
        <p className="muted">
          Signing in as <strong>{email}</strong>
        </p>
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          autoFocus
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={checked.password ?? errors.byField.password}
          hint={PASSWORD_RULES}
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          error={checked.confirmation}
        />
        <Button type="submit" variant="primary" busy={busy} className="btn-block">
          Save password and continue
        </Button>
      </form>
    </AuthLayout>
  );
}
