import { describe, expect, it } from "vitest";
import { Grants } from "../../auth/permissions";
import { ROLE_PERMISSIONS } from "../../auth/permissions.gen";
import { mayOpenPath, settingsPagesFor } from "../../navigation";

const grantsOf = (role: keyof typeof ROLE_PERMISSIONS) => new Grants(ROLE_PERMISSIONS[role]);
const PAGES = ["/settings/imports", "/settings/imports/", "/settings/imports/new", "/settings/imports/01JEXAMPLE"];

describe("Settings > Imports", () => {
  it("is a Settings tab for Admins and Managers (imports:run)", () => {
    for (const role of ["Admin", "Manager"] as const) {
      expect(settingsPagesFor(grantsOf(role)).map((page) => page.label)).toContain("Imports");
      for (const path of PAGES) expect(mayOpenPath(grantsOf(role), path), `${role} ${path}`).toBe(true);
    }
  });

  it("is closed to the other roles, wizard included", () => {
    for (const role of ["Sales", "Staff", "Affiliate", "Developer"] as const) {
      expect(settingsPagesFor(grantsOf(role)).map((page) => page.label)).not.toContain("Imports");
      for (const path of PAGES) expect(mayOpenPath(grantsOf(role), path), `${role} ${path}`).toBe(false);
    }
  });

  it("gates nothing deeper than an import's page", () => {
    expect(mayOpenPath(grantsOf("Admin"), "/settings/imports/abc/extra")).toBe(false);
  });
});
