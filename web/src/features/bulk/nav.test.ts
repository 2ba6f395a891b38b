import { describe, expect, it } from "vitest";
import { Grants } from "../../auth/permissions";
import { ROLE_PERMISSIONS, type Role } from "../../auth/permissions.gen";
import { settingsPagesFor } from "../../navigation";
import { bulkNav } from "./nav";

const grantsOf = (role: Role) => new Grants(ROLE_PERMISSIONS[role]);
const PAGES = bulkNav.settings ?? [];

describe("Settings > Bulk actions", () => {
  it("is one tab at /settings/bulk-actions", () => {
    expect(PAGES).toEqual([{ label: "Bulk actions", to: "/settings/bulk-actions", permission: "bulk:run" }]);
  });

  it("shows for the roles that run bulk actions", () => {
    for (const role of ["Admin", "Manager", "Sales"] as const) {
      expect(settingsPagesFor(grantsOf(role), PAGES).map((page) => page.label), role).toEqual(["Bulk actions"]);
    }
  });

  it("is closed to the others", () => {
    for (const role of ["Staff", "Affiliate", "Developer"] as const) expect(settingsPagesFor(grantsOf(role), PAGES), role).toEqual([]);
  });
});
