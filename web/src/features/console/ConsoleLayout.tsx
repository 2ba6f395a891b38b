import { Link, Outlet, useLocation } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import "./console.css";

export type ConsoleTab =
  | "tenants"
  | "users"
  | "audit"
  | "affiliates"
  | "applications"
  | "program"
  | "ledger"
  | "payouts"
  | "assets";

const AFFILIATE_TABS: [RegExp, ConsoleTab][] = [
  [/^\/platform\/affiliates(\/|$)/, "affiliates"],
  [/^\/platform\/affiliate-applications\/?$/, "applications"],
  [/^\/platform\/affiliate-program\/?$/, "program"],
  [/^\/platform\/affiliate-ledger\/?$/, "ledger"],
  [/^\/platform\/affiliate-payouts(\/|$)/, "payouts"],
  [/^\/platform\/affiliate-assets\/?$/, "assets"],
];

/** The tenants tab covers a tenant's page too; the affiliates and payouts tabs their detail pages. */
export function consoleTab(pathname: string): ConsoleTab {
  if (/^\/platform\/users\/?$/.test(pathname)) return "users";
  if (/^\/platform\/audit\/?$/.test(pathname)) return "audit";
  return AFFILIATE_TABS.find(([pattern]) => pattern.test(pathname))?.[1] ?? "tenants";
}

const TABS: readonly { key: ConsoleTab; to: string; label: string; permission: Permission }[] = [
  { key: "tenants", to: "/platform", label: "Tenants", permission: Permission.platformRead },
  { key: "users", to: "/platform/users", label: "Platform users", permission: Permission.platformRead },
  { key: "audit", to: "/platform/audit", label: "Platform audit log", permission: Permission.platformRead },
  { key: "affiliates", to: "/platform/affiliates", label: "Affiliates", permission: Permission.affiliatesRead },
  { key: "applications", to: "/platform/affiliate-applications", label: "Applications", permission: Permission.affiliatesRead },
  { key: "program", to: "/platform/affiliate-program", label: "Program terms", permission: Permission.affiliatesRead },
  { key: "ledger", to: "/platform/affiliate-ledger", label: "Commission ledger", permission: Permission.affiliatesRead },
  { key: "payouts", to: "/platform/affiliate-payouts", label: "Payouts", permission: Permission.affiliatesRead },
  { key: "assets", to: "/platform/affiliate-assets", label: "Partner assets", permission: Permission.affiliatesRead },
];

/** The console's pages under one sidebar entry, with tabs between them (those the role may open). */
export function ConsoleLayout() {
  const current = consoleTab(useLocation().pathname);
  const { grants } = useAuth();
  return (
    <>
      <nav className="console-tabs" aria-label="Platform console">
        <ul>
          {TABS.filter((tab) => grants.can(tab.permission)).map((tab) => (
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
