import { describe, expect, it } from "vitest";
import { Grants } from "../../auth/permissions";
import { mayOpenPath, navFor } from "../../navigation";

// What GET /me lists for the forms permissions per role (convertly/permissions.py).
const BASE = ["profile:read", "leads:read", "pipelines:read", "users:read", "forms:read"];
const BUILDER = new Grants([...BASE, "forms:manage", "forms:submissions"]); // Admin, Manager
const STAFF = new Grants([...BASE, "forms:submissions"]);
const SALES = new Grants([...BASE, "leads:write"]);
const AFFILIATE = new Grants(["profile:read", "affiliate:portal"]);

describe("forms in the navigation", () => {
  it("shows Forms to every role that reads forms", () => {
    for (const grants of [BUILDER, STAFF, SALES]) expect(navFor(grants).map((entry) => entry.label)).toContain("Forms");
    expect(navFor(AFFILIATE).map((entry) => entry.label)).not.toContain("Forms");
  });

  it("opens the builder for new forms only to builders", () => {
    expect(mayOpenPath(BUILDER, "/forms/new")).toBe(true);
    expect(mayOpenPath(SALES, "/forms/new")).toBe(false);
    expect(mayOpenPath(SALES, "/forms/01ABC")).toBe(true);
    expect(mayOpenPath(SALES, "/forms")).toBe(true);
  });

  it("opens a form's submissions to those who may read visitors' data", () => {
    expect(mayOpenPath(BUILDER, "/forms/01ABC/submissions?spam=true")).toBe(true);
    expect(mayOpenPath(STAFF, "/forms/01ABC/submissions")).toBe(true);
    expect(mayOpenPath(SALES, "/forms/01ABC/submissions")).toBe(false);
    expect(mayOpenPath(AFFILIATE, "/forms")).toBe(false);
  });
});
