import { describe, expect, it } from "vitest";
import { Grants } from "../../../auth/permissions";
import { mayOpenPath } from "../../../navigation";

// What GET /me answers per role (convertly/permissions.py), as far as contacts go.
const READ = ["profile:read", "contacts:read"];
const MANAGER = new Grants([...READ, "contacts:read_all", "contacts:write", "contacts:delete"]);
const SALES = new Grants([...READ, "contacts:write"]);
const STAFF = new Grants([...READ, "contacts:read_all"]);

describe("who may find and merge duplicates", () => {
  it("lets the roles that delete contacts open the duplicates and merge pages", () => {
    for (const path of ["/contacts/duplicates", "/contacts/merge?survivor=C1&duplicate=C2", "/companies/merge?survivor=CO1"]) {
      expect(mayOpenPath(MANAGER, path)).toBe(true);
      expect(mayOpenPath(SALES, path)).toBe(false);
      expect(mayOpenPath(STAFF, path)).toBe(false);
    }
  });

  it("keeps every role that reads contacts on the Contacts page, smart lists included", () => {
    for (const grants of [MANAGER, SALES, STAFF]) expect(mayOpenPath(grants, "/contacts?list=L1")).toBe(true);
  });
});
