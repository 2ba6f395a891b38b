import { describe, expect, it } from "vitest";
import { Grants } from "../../auth/permissions";
import { mayOpenPath, navFor } from "../../navigation";

// What GET /me answers for the conversions' permissions (convertly/permissions.py).
const CRM = ["profile:read", "leads:read", "pipelines:read", "users:read"];
const ADMIN = new Grants([...CRM, "ads:settings", "conversions:read", "conversions:replay"]);
const MANAGER = new Grants([...CRM, "conversions:read"]);
const SALES = new Grants(CRM);

const labels = (grants: Grants) => navFor(grants).map((entry) => entry.label);

describe("the Conversions log", () => {
  it("shows to admins and managers, not to sales", () => {
    expect(labels(ADMIN)).toContain("Conversions");
    expect(labels(MANAGER)).toContain("Conversions");
    expect(labels(SALES)).not.toContain("Conversions");
    expect(mayOpenPath(MANAGER, "/conversions?status=sent")).toBe(true);
    expect(mayOpenPath(SALES, "/conversions")).toBe(false);
  });
});
