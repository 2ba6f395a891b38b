import { describe, expect, it } from "vitest";
import { Grants, landingPath, Permission, type SettingsPage } from "./auth/permissions";
import { ROLE_PERMISSIONS as GENERATED_ROLE_PERMISSIONS, ROLES } from "./auth/permissions.gen";
import { mayOpenPath, NAV, navFor, permissionsForPath, SETTINGS_PAGES, settingsPagesFor } from "./navigation";

// What GET /me answers per role (convertly/permissions.py).
const TENANT_READ = ["profile:read", "leads:read", "analytics:read", "contacts:read", "pipelines:read", "users:read"];
const CONTACTS_MANAGE = ["contacts:read_all", "contacts:write", "contacts:delete"];
const ROLE_PERMISSIONS: Record<string, string[]> = {
  Admin: [...TENANT_READ, "leads:read_all", "analytics:read_all", "leads:write", "leads:delete", "notes:write", ...CONTACTS_MANAGE, "users:manage"],
  Manager: [...TENANT_READ, "leads:read_all", "analytics:read_all", "leads:write", "leads:delete", "notes:write", ...CONTACTS_MANAGE],
  Sales: [...TENANT_READ, "leads:write", "notes:write", "contacts:write"],
  Staff: [...TENANT_READ, "leads:read_all", "analytics:read_all", "contacts:read_all"],
  Affiliate: ["profile:read", "affiliate:portal"],
  Developer: ["profile:read", "platform:read"],
  DeveloperAdmin: ["profile:read", "platform:read", "platform:manage"],
  DeveloperStaff: ["profile:read", "platform:read"],
};
const grantsOf = (role: string) => new Grants(ROLE_PERMISSIONS[role]!);
const labels = (role: string) => navFor(grantsOf(role)).map((entry) => entry.label);

describe("navigation by role", () => {
  it("shows the CRM areas to tenant roles only", () => {
    for (const role of ["Admin", "Manager", "Sales", "Staff"]) expect(labels(role)).toEqual(["Dashboard", "Pipeline", "Leads", "Contacts", "Companies", "Reports", "Settings"]);
  });

  it("shows affiliates their portal only", () => {
    expect(labels("Affiliate")).toEqual(["Partner dashboard", "Links", "Referrals", "Commissions", "Payouts", "Payout settings", "Marketing assets"]);
  });

  it("shows platform roles the console only", () => {
    for (const role of ["Developer", "DeveloperAdmin", "DeveloperStaff"]) expect(labels(role)).toEqual(["Platform console"]);
  });

  it("lists no area without a page (every entry opens for the roles that see it)", () => {
    for (const entry of NAV) {
      for (const permission of [entry.permission].flat()) expect(permissionsForPath(entry.to)).toContain(permission);
    }
  });
});

describe("page access", () => {
  it("lets each role open its own portal", () => {
    expect(mayOpenPath(grantsOf("Sales"), "/dashboard")).toBe(true);
    expect(mayOpenPath(grantsOf("Affiliate"), "/affiliate/dashboard")).toBe(true);
    expect(mayOpenPath(grantsOf("DeveloperStaff"), "/platform")).toBe(true);
  });

  it("keeps roles out of other portals", () => {
    expect(mayOpenPath(grantsOf("Affiliate"), "/leads")).toBe(false);
    expect(mayOpenPath(grantsOf("Affiliate"), "/dashboard")).toBe(false);
    expect(mayOpenPath(grantsOf("Developer"), "/leads/abc")).toBe(false);
    expect(mayOpenPath(grantsOf("Admin"), "/platform")).toBe(false);
    expect(mayOpenPath(grantsOf("Admin"), "/affiliate/dashboard")).toBe(false);
  });

  it("gates lead pages by what the role may do with leads", () => {
    expect(mayOpenPath(grantsOf("Staff"), "/leads/abc")).toBe(true);
    expect(mayOpenPath(grantsOf("Staff"), "/leads/new")).toBe(false);
    expect(mayOpenPath(grantsOf("Staff"), "/leads/abc/edit")).toBe(false);
    expect(mayOpenPath(grantsOf("Sales"), "/leads/abc/edit")).toBe(true);
    expect(mayOpenPath(grantsOf("Sales"), "/leads/deleted")).toBe(false);
    expect(mayOpenPath(grantsOf("Manager"), "/leads/deleted")).toBe(true);
  });

  it("gates contact and company pages by what the role may do with contacts", () => {
    for (const area of ["contacts", "companies"]) {
      expect(mayOpenPath(grantsOf("Staff"), `/${area}/abc`)).toBe(true);
      expect(mayOpenPath(grantsOf("Staff"), `/${area}/new`)).toBe(false);
      expect(mayOpenPath(grantsOf("Staff"), `/${area}/abc/edit`)).toBe(false);
      expect(mayOpenPath(grantsOf("Sales"), `/${area}/new`)).toBe(true);
      expect(mayOpenPath(grantsOf("Sales"), `/${area}/deleted`)).toBe(false);
      expect(mayOpenPath(grantsOf("Manager"), `/${area}/deleted`)).toBe(true);
      expect(mayOpenPath(grantsOf("Affiliate"), `/${area}`)).toBe(false);
    }
  });

  it("ignores the query string", () => {
    expect(permissionsForPath("/leads?stage_id=x")).toEqual([Permission.leadsRead]);
  });

  it("knows nothing of paths that are no page", () => {
    expect(permissionsForPath("/nowhere")).toBeNull();
  });
});

describe("landing after login", () => {
  it("goes to the page asked for when the role may open it", () => {
    const grants = grantsOf("Sales");
    expect(landingPath("/dashboard", "/leads/abc", (path) => mayOpenPath(grants, path))).toBe("/leads/abc");
  });

  it("goes to the role's portal otherwise", () => {
    const grants = grantsOf("Affiliate");
    expect(landingPath("/affiliate/dashboard", "/leads", (path) => mayOpenPath(grants, path))).toBe("/affiliate/dashboard");
    expect(landingPath("/dashboard", null, () => true)).toBe("/dashboard");
  });

  it("never leaves the app", () => {
    expect(landingPath("/dashboard", "//evil.example/leads", () => true)).toBe("/dashboard");
    expect(landingPath("/dashboard", "https://evil.example", () => true)).toBe("/dashboard");
  });
});

// What GET /me answers with and without the Ad platforms tab's permission (convertly/permissions.py).
const CRM = ["profile:read", "leads:read", "pipelines:read", "users:read"];
const ADMIN = new Grants([...CRM, "ads:settings", "conversions:read", "conversions:replay"]);
const MANAGER = new Grants([...CRM, "conversions:read"]);
const AFFILIATE = new Grants(["profile:read", "affiliate:portal"]);

describe("the Settings area", () => {
  it("lists Ad platforms as a sub-page for admins", () => {
    expect(settingsPagesFor(ADMIN).map((page) => page.label)).toEqual(["Ad platforms"]);
    expect(settingsPagesFor(MANAGER)).toEqual([]);
  });

  it("shows Settings in the navigation to a role that may open any sub-page", () => {
    expect(navFor(ADMIN).map((entry) => entry.label)).toContain("Settings");
    expect(navFor(MANAGER).map((entry) => entry.label)).not.toContain("Settings");
    const pages: SettingsPage[] = [
      ...SETTINGS_PAGES,
      { label: "Team", to: "/settings/team", permission: Permission.usersRead },
    ];
    const settings = NAV.find((entry) => entry.label === "Settings")!;
    const withTeam = { ...settings, permission: pages.map((page) => page.permission) };
    expect(navFor(MANAGER, [withTeam]).map((entry) => entry.label)).toEqual(["Settings"]);
    expect(settingsPagesFor(MANAGER, pages).map((page) => page.label)).toEqual(["Team"]);
  });

  it("opens /settings for any sub-page's role and each sub-page for its own", () => {
    expect(mayOpenPath(ADMIN, "/settings")).toBe(true);
    expect(mayOpenPath(ADMIN, "/settings/ad-platforms")).toBe(true);
    expect(mayOpenPath(MANAGER, "/settings")).toBe(false);
    expect(mayOpenPath(MANAGER, "/settings/ad-platforms")).toBe(false);
    expect(mayOpenPath(AFFILIATE, "/settings")).toBe(false);
  });
});

describe("the generated permission table", () => {
  it("shows each role only navigation entries whose page it may open", () => {
    for (const role of ROLES) {
      const grants = new Grants(GENERATED_ROLE_PERMISSIONS[role]);
      for (const entry of navFor(grants)) expect(mayOpenPath(grants, entry.to), `${role} ${entry.to}`).toBe(true);
    }
  });
});

describe("the contact settings pages (custom fields, custom values, tags)", () => {
  const pages = ["/settings/custom-fields", "/settings/custom-values", "/settings/tags"];

  it("are Settings tabs for every role that reads contacts, and opened by them only", () => {
    for (const role of ["Admin", "Manager", "Sales", "Staff"]) {
      const labels = settingsPagesFor(grantsOf(role)).map((page) => page.label);
      expect(labels).toEqual(expect.arrayContaining(["Custom fields", "Custom values", "Tags"]));
      for (const path of pages) expect(mayOpenPath(grantsOf(role), path)).toBe(true);
    }
    for (const path of pages) expect(mayOpenPath(grantsOf("Affiliate"), path)).toBe(false);
  });
});
