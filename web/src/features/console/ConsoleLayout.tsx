import { Link, Outlet, useLocation } from "react-router";
import "./console.css";

/** The tenants tab covers a tenant's page too. */
export function consoleTab(pathname: string): "tenants" | "users" | "audit" {
  if (/^\/platform\/users\/?$/.test(pathname)) return "users";
  if (/^\/platform\/audit\/?$/.test(pathname)) return "audit";
  return "tenants";
}

const TABS = [
  { key: "tenants", to: "/platform", label: "Tenants" },
  { key: "users", to: "/platform/users", label: "Platform users" },
  { key: "audit", to: "/platform/audit", label: "Platform audit log" },
] as const;

/** The console's pages under one sidebar entry, with tabs between them. */
export function ConsoleLayout() {
  const current = consoleTab(useLocation().pathname);
  return (
    <>
      <nav className="console-tabs" aria-label="Platform console">
        <ul>
          {TABS.map((tab) => (
            <li key={tab.key}>
              <Link to={tab.to} className={current === tab.key ? "active" : ""} aria-current={current === tab.key ? "page" : undefined}>
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
