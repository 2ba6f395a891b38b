import { describe, expect, it } from "vitest";
import { Permission, ROLE_PERMISSIONS, ROLES } from "../../auth/permissions.gen";
import { describeConsequences, isTeamRole, permissionLabel, roleConsequences, TEAM_ROLES } from "./roleChange";

describe("the consequences of a role change", () => {
  it("are what Manager adds to Sales, and nothing lost", () => {
    const { gained, lost } = roleConsequences("Sales", "Manager");
    expect(lost).toEqual([]);
    expect(gained).toEqual([
      Permission.leadsReadAll,
      Permission.leadsDelete,
      Permission.contactsReadAll,
      Permission.contactsDelete,
      Permission.contactsManage,
      Permission.analyticsReadAll,
      Permission.pipelinesManage,
      Permission.formsManage,
      Permission.formSubmissionsRead,
      Permission.teamRead,
      Permission.billingRead,
      Permission.conversionsRead,
      Permission.workAssign,
      Permission.importsRun,
      Permission.templatesManage,
      Permission.mediaManage,
      Permission.automationManage,
      Permission.aiSettingsRead,
    ]);
  });

  it("take away what an Admin alone may do when one becomes a Manager", () => {
    const { gained, lost } = roleConsequences("Admin", "Manager");
    expect(gained).toEqual([]);
    expect(lost).toEqual(
      expect.arrayContaining([
        Permission.usersManage,
        Permission.billingManage,
        Permission.adsSettings,
        Permission.conversionsReplay,
        Permission.emailSettings,
        Permission.automationWebhookSecret,
        Permission.smsSettingsManage,
      ]),
    );
    expect(lost).not.toContain(Permission.teamRead);
  });

  it("go both ways between Sales and Staff", () => {
    const { gained, lost } = roleConsequences("Sales", "Staff");
    expect(gained).toEqual([Permission.leadsReadAll, Permission.contactsReadAll, Permission.analyticsReadAll, Permission.formSubmissionsRead]);
    expect(lost).toEqual([
      Permission.leadsWrite,
      Permission.notesWrite,
      Permission.contactsWrite,
      Permission.followupsWrite,
      Permission.bulkActions,
      Permission.templatesRead,
      Permission.mediaRead,
      Permission.messagesSend,
      Permission.automationEnrol,
      Permission.manualActions,
    ]);
  });

  it("are none for the same role", () => {
    expect(roleConsequences("Staff", "Staff")).toEqual({ gained: [], lost: [] });
  });

  it("mirror each other", () => {
    for (const from of TEAM_ROLES) {
      for (const to of TEAM_ROLES) {
        const there = roleConsequences(from, to);
        const back = roleConsequences(to, from);
        expect(back).toEqual({ gained: there.lost, lost: there.gained });
        const after = new Set([...ROLE_PERMISSIONS[from].filter((p) => !there.lost.includes(p)), ...there.gained]);
        expect(after).toEqual(new Set(ROLE_PERMISSIONS[to]));
      }
    }
  });

  it("are said in words", () => {
    const { gained, lost } = describeConsequences("Manager", "Admin");
    expect(lost).toEqual([]);
    expect(gained).toContain("Invite people, change roles, deactivate and delete users");
    expect(gained).toContain("Change the plan and pay");
  });
});

describe("the roles and permissions named", () => {
  it("name every permission of every role", () => {
    for (const role of ROLES) for (const permission of ROLE_PERMISSIONS[role]) expect(permissionLabel(permission)).toBeTruthy();
    expect(permissionLabel(Permission.usersManage)).toBe("Invite people, change roles, deactivate and delete users");
  });

  it("make a permission not named yet readable", () => {
    expect(permissionLabel("reports:export_all" as Permission)).toBe("Reports: export all");
    expect(permissionLabel("things" as Permission)).toBe("Things");
  });

  it("offer the team roles only", () => {
    expect(TEAM_ROLES).toEqual(["Admin", "Manager", "Sales", "Staff"]);
    expect(isTeamRole("Manager")).toBe(true);
    expect(isTeamRole("Affiliate")).toBe(false);
    expect(isTeamRole("DeveloperAdmin")).toBe(false);
  });
});
