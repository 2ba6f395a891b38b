import { describe, expect, it } from "vitest";
import { Grants } from "../../../auth/permissions";
import { mayOpenPath, navFor, permissionsForPath, settingsPagesFor } from "../../../navigation";

// What GET /me answers per role for the work permissions (convertly/permissions.py).
const READ = ["profile:read", "leads:read", "pipelines:read", "users:read", "notifications:read", "followups:read", "tasks:read"];
const WORK = ["followups:write", "tasks:write"];
const ADMIN = new Grants([...READ, ...WORK, "leads:read_all", "work:assign", "settings:email", "ads:settings"]);
const MANAGER = new Grants([...READ, ...WORK, "leads:read_all", "work:assign"]);
const SALES = new Grants([...READ, ...WORK]);
const STAFF = new Grants([...READ, "leads:read_all", "tasks:write"]);
const AFFILIATE = new Grants(["profile:read", "affiliate:portal"]);

const labels = (grants: Grants) => navFor(grants).map((entry) => entry.label);

describe("follow-ups, tasks and their settings by role", () => {
  it("shows Follow-ups and Tasks to every CRM role", () => {
    for (const grants of [ADMIN, MANAGER, SALES, STAFF]) {
      expect(labels(grants)).toEqual(expect.arrayContaining(["Follow-ups", "Tasks", "Settings"]));
      expect(mayOpenPath(grants, "/followups?scope=team")).toBe(true);
      expect(mayOpenPath(grants, "/tasks/t1")).toBe(true);
    }
    expect(labels(AFFILIATE)).toEqual(["Partner dashboard", "Links", "Referrals", "Commissions", "Payouts", "Payout settings", "Marketing assets"]);
    expect(mayOpenPath(AFFILIATE, "/tasks")).toBe(false);
  });

  it("lists Email for Admins and Notifications for everyone in Settings", () => {
    expect(settingsPagesFor(ADMIN).map((page) => page.label)).toEqual(["Ad platforms", "Email", "Notifications"]);
    for (const grants of [MANAGER, SALES, STAFF]) {
      expect(settingsPagesFor(grants).map((page) => page.label)).toEqual(["Notifications"]);
    }
    expect(mayOpenPath(MANAGER, "/settings/email")).toBe(false);
    expect(mayOpenPath(SALES, "/settings/notifications")).toBe(true);
    expect(permissionsForPath("/settings/email")).toEqual(["settings:email"]);
  });
});
