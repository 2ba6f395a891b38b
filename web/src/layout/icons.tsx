import type { NavIcon } from "../auth/permissions";

const PATHS: Record<NavIcon | "logout" | "menu", string> = {
  home: "M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
  leads: "M16 11a4 4 0 1 0-8 0M4 20a8 8 0 0 1 16 0M12 7a3 3 0 1 0 0-.01",
  partner: "M7 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm10 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20a5 5 0 0 1 10 0m0 0a5 5 0 0 1 10 0",
  console: "M4 5h16v11H4zM8 20h8M12 16v4M7 9l2 2-2 2m4 0h4",
  logout: "M15 4h4a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-4M10 17l-5-5 5-5M5 12h11",
  menu: "M4 6h16M4 12h16M4 18h16",
};

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function Logo() {
  return (
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#2563eb" />
      <path d="M21.5 10.5a8 8 0 1 0 0 11" fill="none" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" />
      <circle cx="22" cy="16" r="2.2" fill="#34d399" />
    </svg>
  );
}
