import { describe, expect, it } from "vitest";
import { Grants, Permission } from "../../auth/permissions";
import { ROLE_PERMISSIONS, type Role } from "../../auth/permissions.gen";
import type { User } from "../accounts/types";
import { availableActions, canSelect, ownerChoices, seesEverything, type ActionContext } from "./access";

const grantsOf = (role: Role) => new Grants(ROLE_PERMISSIONS[role]);
const ACTIVE: ActionContext = { view: "active", hasCustomFields: true, hasPipeline: true };

const user = (user_id: string, name: string, role: string, status = "active"): User => ({
  user_id,
  name,
  role,
  status,
  email: `${user_id}@example.test`,
  created_at: "2026-01-01T00:00:00Z",
});

describe("the actions the bar offers", () => {
  it("gives Admins and Managers every action on leads and contacts", () => {
    for (const role of ["Admin", "Manager"] as const) {
      expect(availableActions("leads", grantsOf(role), ACTIVE)).toEqual([
        "assign_owner",
        "add_tags",
        "remove_tags",
        "move_stage",
        "set_field",
        "enrol_workflow",
        "export",
        "delete",
      ]);
      expect(availableActions("contacts", grantsOf(role), ACTIVE)).toEqual([
        "assign_owner",
        "add_tags",
        "remove_tags",
        "change_role",
        "set_field",
        "enrol_workflow",
        "export",
        "delete",
      ]);
    }
  });

  it("keeps delete and restore from Sales, who may not delete", () => {
    const sales = availableActions("leads", grantsOf("Sales"), ACTIVE);
    expect(sales).toContain("assign_owner");
    expect(sales).not.toContain("delete");
    expect(availableActions("leads", grantsOf("Sales"), { ...ACTIVE, view: "deleted" })).toEqual([]);
  });

  it("offers adding to a workflow to roles that enrol, on the active lists only", () => {
    expect(availableActions("contacts", grantsOf("Sales"), ACTIVE)).toContain("enrol_workflow");
    expect(availableActions("leads", grantsOf("Admin"), { ...ACTIVE, view: "deleted" })).not.toContain("enrol_workflow");
    const noEnrol = new Grants(ROLE_PERMISSIONS.Manager.filter((permission) => permission !== Permission.automationEnrol));
    expect(availableActions("leads", noEnrol, ACTIVE)).not.toContain("enrol_workflow");
    expect(availableActions("leads", noEnrol, ACTIVE)).toContain("assign_owner");
  });

  it("offers nothing to roles without bulk:run", () => {
    for (const role of ["Staff", "Affiliate", "Developer"] as const) {
      expect(availableActions("leads", grantsOf(role), ACTIVE)).toEqual([]);
      expect(canSelect("contacts", grantsOf(role))).toBe(false);
    }
  });

  it("offers restore only, on the deleted views", () => {
    expect(availableActions("contacts", grantsOf("Manager"), { ...ACTIVE, view: "deleted" })).toEqual(["restore"]);
    expect(availableActions("leads", grantsOf("Admin"), ACTIVE)).not.toContain("restore");
    expect(canSelect("leads", grantsOf("Admin"), "deleted")).toBe(true);
    expect(canSelect("leads", grantsOf("Sales"), "deleted")).toBe(false);
  });

  it("offers a field only when one is defined, and a move only with a pipeline", () => {
    const bare = availableActions("leads", grantsOf("Admin"), { view: "active", hasCustomFields: false, hasPipeline: false });
    expect(bare).not.toContain("set_field");
    expect(bare).not.toContain("move_stage");
  });
});

describe("who records may be assigned to", () => {
  const me = user("u-me", "Me", "Sales");
  const team = [
    user("u-2", "Zoe", "Manager"),
    user("u-3", "Al", "Sales"),
    user("u-4", "Gone", "Sales", "deactivated"),
    user("u-5", "Invited", "Sales", "invited"),
    user("u-6", "Sam", "Staff"),
  ];

  it("is the active team members who own records, by name, for roles that see everything", () => {
    expect(seesEverything(grantsOf("Manager"))).toBe(true);
    expect(ownerChoices(team, me, true).map((choice) => choice.name)).toEqual(["Al", "Zoe"]);
  });

  it("is oneself only for a role that sees its own records", () => {
    expect(seesEverything(grantsOf("Sales"))).toBe(false);
    expect(ownerChoices(team, me, false)).toEqual([me]);
  });
});
