// The contact page's tabs, in order; the URL names the open one (`?tab=general`).

export const TABS = [
  { key: "contact", label: "Contact" },
  { key: "general", label: "General" },
  { key: "additional", label: "Additional info" },
  { key: "leads", label: "Leads" },
  { key: "activity", label: "Activity" },
] as const;

export type TabKey = (typeof TABS)[number]["key"];
