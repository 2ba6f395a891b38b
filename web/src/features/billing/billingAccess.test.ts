import { describe, expect, it } from "vitest";
import { Grants } from "../../auth/permissions";
import { mayOpenPath, navFor } from "../../navigation";

// What GET /me lists for the roles that see billing (convertly/permissions.py): Admin manages, Manager reads.
const ADMIN = ["profile:read", "leads:read", "pipelines:read", "billing:read", "billing:manage"];
const MANAGER = ["profile:read", "leads:read", "pipelines:read", "billing:read"];
const SALES = ["profile:read", "leads:read", "pipelines:read", "leads:write"];

describe("billing in the navigation", () => {
  it("shows Billing to Admins and Managers and opens the page for them", () => {
    for (const permissions of [ADMIN, MANAGER]) {
      const grants = new Grants(permissions);
      expect(navFor(grants).map((entry) => entry.label)).toContain("Billing");
      expect(mayOpenPath(grants, "/billing")).toBe(true);
      expect(mayOpenPath(grants, "/billing?checkout=success")).toBe(true);
    }
  });

  it("keeps Billing from roles without billing:read", () => {
    const grants = new Grants(SALES);
    expect(navFor(grants).map((entry) => entry.label)).not.toContain("Billing");
    expect(mayOpenPath(grants, "/billing")).toBe(false);
  });
});
