import { useState } from "react";
import { Link, NavLink, Navigate, Outlet, useLocation } from "react-router";
import { errorMessage } from "../api/errors";
import { useAuth } from "../auth/AuthProvider";
import { Alert, Button, Spinner } from "../components/ui";
import { NoAccessPage } from "../features/accounts/NoAccessPage";
import { PlanBanner } from "../features/billing/PlanBanner";
import { NotificationBell } from "../features/notifications/NotificationBell";
import { initials } from "../lib/format";
import { mayOpenPath, navFor, permissionsForPath } from "../navigation";
import { Icon, Logo } from "./icons";

/** Every signed-in page: waits for the profile, then the sidebar shell around the page. */
export function SignedInLayout() {
  const { signedIn, endedBy, profile, profileLoading, profileError, reloadProfile, logout } = useAuth();
  const location = useLocation();
  if (!signedIn && endedBy === "logout") return <Navigate to="/login" replace state={{ loggedOut: true }} />;
  if (!signedIn) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (profileLoading) {
    return (
      <div className="center-page">
        <Spinner label="Loading your workspace" />
      </div>
    );
  }
  if (!profile) {
    return (
      <div className="center-page narrow">
        <Alert
          title="Convertly could not load your account"
          actions={
            <>
              <Button onClick={reloadProfile}>Try again</Button>
              <Button variant="ghost" onClick={logout}>
                Log out
              </Button>
            </>
          }
        >
          {errorMessage(profileError)}
        </Alert>
      </div>
    );
  }
  return <AppShell />;
}

function AppShell() {
  const { profile, grants, logout } = useAuth();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  if (!profile) return null;
  const entries = navFor(grants);
  const gated = permissionsForPath(location.pathname) !== null;
  const allowed = !gated || mayOpenPath(grants, location.pathname);
  const workspace = profile.tenant?.name ?? (profile.portal === "/platform" ? "Convertly platform" : "Convertly");

  return (
    <div className={`shell ${menuOpen ? "menu-open" : ""}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <Link to={profile.portal} className="brand" aria-label="Convertly home">
          <Logo />
          <span>Convertly</span>
        </Link>
        <p className="workspace" title={workspace}>
          {workspace}
        </p>
        <nav aria-label="Main">
          <ul>
            {entries.map((entry) => (
              <li key={entry.to}>
                <NavLink to={entry.to} end={!entry.matchPrefix} onClick={() => setMenuOpen(false)}>
                  <Icon name={entry.icon} />
                  <span>{entry.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="main-column">
        <header className="topbar">
          <button
            type="button"
            className="menu-button"
            aria-label="Menu"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <Icon name="menu" />
          </button>
          <div className="topbar-spacer" />
          <NotificationBell />
          <div className="user-chip" aria-label="Signed in as">
            <span className="avatar" aria-hidden="true">
              {initials(profile.user.name || profile.user.email)}
            </span>
            <span className="user-text">
              <span className="user-name">{profile.user.name}</span>
              <span className="user-role">{profile.user.role}</span>
            </span>
          </div>
          <Button variant="ghost" onClick={logout}>
            <Icon name="logout" />
            Log out
          </Button>
        </header>
        <PlanBanner />
        <main id="main" className="content" tabIndex={-1}>
          {allowed ? <Outlet /> : <NoAccessPage />}
        </main>
      </div>
    </div>
  );
}
