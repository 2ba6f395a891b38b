import { describe, expect, it } from "vitest";
import { Grants, mayOpenPath, NAV, navFor, Permission, SETTINGS_PAGES, settingsPagesFor, type SettingsPage } from "../../auth/permissions";

// What GET /me answers for the conversions' permissions (convertly/permissions.py).
const CRM = ["profile:read", "leads:read", "pipelines:read", "users:read"];
const ADMIN = new Grants([...CRM, "ads:settings", "conversions:read", "conversions:replay"]);
const MANAGER = new Grants([...CRM, "conversions:read"]);
const SALES = new Grants(CRM);
const AFFILIATE = new Grants(["profile:read", "affiliate:portal"]);

const labels = (grants: Grants) => navFor(grants).map((entry) => entry.label);

describe("the Settings area", () => {
  it("lists Ad platforms as a sub-page for admins", () => {
    expect(settingsPagesFor(ADMIN).map((page) => page.label)).toEqual(["Ad platforms"]);
    expect(settingsPagesFor(MANAGER)).toEqual([]);
  });

  it("shows Settings in the navigation to a role that may open any sub-page", () => {
    expect(labels(ADMIN)).toContain("Settings");
    expect(labels(MANAGER)).not.toContain("Settings");
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

describe("the Conversions log", () => {
  it("shows to admins and managers, not to sales", () => {
    expect(labels(ADMIN)).toContain("Conversions");
    expect(labels(MANAGER)).toContain("Conversions");
    expect(labels(SALES)).not.toContain("Conversions");
    expect(mayOpenPath(MANAGER, "/conversions?status=sent")).toBe(true);
    expect(mayOpenPath(SALES, "/conversions")).toBe(false);
  });
});
