import { Navigate, NavLink, Outlet } from "react-router";
import { useAuth } from "../auth/AuthProvider";
import { PageHeader } from "../components/ui";
import { NoAccessPage } from "../features/accounts/NoAccessPage";
import { UnsavedChangesScope } from "../lib/useUnsavedChanges";
import { settingsPagesFor } from "../navigation";
import "./settings.css";

/**
 * The Settings area: one tab per sub-page the role may open (SETTINGS_PAGES), the page below. Its forms
 * report unsaved changes to one scope, which asks before a tab or any other link leaves them.
 */
export function SettingsLayout() {
  const { grants } = useAuth();
  const pages = settingsPagesFor(grants);
  return (
    <>
      <PageHeader title="Settings" subtitle="How your account works with the outside world" />
      {pages.length > 0 && (
        <nav className="settings-tabs" aria-label="Settings" data-title-tabs>
          <ul>
            {pages.map((page) => (
              <li key={page.to}>
                <NavLink to={page.to}>{page.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <UnsavedChangesScope>
        <Outlet />
      </UnsavedChangesScope>
    </>
  );
}

/** /settings itself: the first sub-page the role may open. */
export function SettingsHome() {
  const { grants } = useAuth();
  const first = settingsPagesFor(grants)[0];
  return first ? <Navigate to={first.to} replace /> : <NoAccessPage />;
}
