import { Link } from "react-router";
import { useProfile } from "../../auth/AuthProvider";

export function NoAccessPage() {
  const profile = useProfile();
  return (
    <section className="status-page" aria-labelledby="no-access-title">
      <p className="status-code">403</p>
      <h1 id="no-access-title">No access</h1>
      <p>
        Your role ({profile.user.role}) cannot open this page. If you need it, ask an administrator of your
        account to change your role.
      </p>
      <Link className="btn btn-primary" to={profile.portal}>
        Go to your home page
      </Link>
    </section>
  );
}

export function NotFoundPage() {
  const profile = useProfile();
  return (
    <section className="status-page" aria-labelledby="not-found-title">
      <p className="status-code">404</p>
      <h1 id="not-found-title">Page not found</h1>
      <p>There is no page at this address.</p>
      <Link className="btn btn-primary" to={profile.portal}>
        Go to your home page
      </Link>
    </section>
  );
}
