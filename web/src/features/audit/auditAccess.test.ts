import { describe, expect, it } from "vitest";
import { Grants } from "../../auth/permissions";
import { ROLE_PERMISSIONS } from "../../auth/permissions.gen";
import { mayOpenPath, settingsPagesFor } from "../../navigation";

const grantsOf = (role: keyof typeof ROLE_PERMISSIONS) => new Grants(ROLE_PERMISSIONS[role]);

describe("the audit log's Settings tab", () => {
  it("is an Admin's only", () => {
    expect(settingsPagesFor(grantsOf("Admin")).map((page) => page.label)).toContain("Audit log");
    expect(mayOpenPath(grantsOf("Admin"), "/settings/audit-log")).toBe(true);
    for (const role of ["Manager", "Sales", "Staff", "Affiliate", "DeveloperAdmin"] as const) {
      expect(settingsPagesFor(grantsOf(role)).map((page) => page.label)).not.toContain("Audit log");
      expect(mayOpenPath(grantsOf(role), "/settings/audit-log")).toBe(false);
    }
  });
});
