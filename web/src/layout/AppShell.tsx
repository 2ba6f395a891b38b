import { useState } from "react";
import { Link, NavLink, Navigate, Outlet, useLocation } from "react-router";
import { errorMessage } from "../api/errors";
import { useAuth } from "../auth/AuthProvider";
import { Permission } from "../auth/permissions";
import { Alert, Button, Spinner } from "../components/ui";
import { NoAccessPage } from "../features/accounts/NoAccessPage";
import { PlanBanner } from "../features/billing/PlanBanner";
import { ViewAsBanner } from "../features/impersonation/ViewAsBanner";
import { NotificationBell } from "../features/notifications/NotificationBell";
import { Avatar } from "../features/team/Avatar";
import { mayOpenPath, navFor, permissionsForPath } from "../navigation";
import { Icon, Logo } from "./icons";

/** Every signed-in page: waits for the profile, then the sidebar shell around the page. */
export function SignedInLayout() {
  const { signedIn, endedBy, endMessage, profile, profileLoading, profileError, reloadProfile, logout } = useAuth();
  const location = useLocation();
  if (!signedIn && endedBy === "logout") return <Navigate to="/login" replace state={{ loggedOut: true }} />;
  if (!signedIn && endedBy === "signed_out_everywhere") return <Navigate to="/login" replace state={{ ended: endMessage }} />;
  if (!signedIn) {
    // The session ended on its own (expired, deactivated, signed out elsewhere): the login page says
    // why, and returns to this page afterwards.
    const next = `${location.pathname}${location.search}`;
    const state = endedBy === "expired" && endMessage ? { ended: endMessage } : null;
    return <Navigate to={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`} replace state={state} />;
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
              <Button variant="ghost" onClick={() => void logout()}>
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
  const [leaving, setLeaving] = useState(false);
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
          <div className="user-chip" role="group" aria-label="Signed in as">
            <Avatar name={profile.user.name || profile.user.email} color={profile.user.avatar_color} />
            <span className="user-text">
              <span className="user-name">{profile.user.name}</span>
              <span className="user-role">{profile.user.role}</span>
            </span>
          </div>
          {grants.can(Permission.profileRead) && (
            <NavLink to="/profile" className="btn btn-ghost">
              <Icon name="profile" />
              <span className="topbar-label">Profile</span>
            </NavLink>
          )}
          <Button
            variant="ghost"
            busy={leaving}
            onClick={() => {
              setLeaving(true);
              void logout();
            }}
          >
            <Icon name="logout" />
            <span className="topbar-label">Log out</span>
          </Button>
        </header>
        <ViewAsBanner />
        <PlanBanner />
        <main id="main" className="content" tabIndex={-1}>
          {allowed ? <Outlet /> : <NoAccessPage />}
        </main>
      </div>
    </div>
  );
}
