// What a role change does to a person: the permissions the new role grants that the old one did not,
// and those it takes away, read from the generated permission table (convertly/permissions.py), so the
// dialog says before saving what the API will enforce after it.

import { Permission, ROLE_PERMISSIONS, type Role } from "../../auth/permissions.gen";

/** The roles of a customer's team (the API refuses the others on invitations and role changes). */
export const TEAM_ROLES = ["Admin", "Manager", "Sales", "Staff"] as const satisfies readonly Role[];
export type TeamRole = (typeof TEAM_ROLES)[number];

export function isTeamRole(value: string): value is TeamRole {
  return (TEAM_ROLES as readonly string[]).includes(value);
}

/** One line per role, for the role selects. */
export const ROLE_SUMMARIES: Readonly<Record<TeamRole, string>> = {
  Admin: "Everything, including the team, billing and the account's settings",
  Manager: "Every lead and contact, forms and pipelines; sees the team and billing without changing them",
  Sales: "Their own leads and contacts, their follow-ups and tasks",
  Staff: "Reads every lead and contact, works the tasks given to them",
};

/**
 * What each permission lets a person do, in words. A permission added to the table since shows as
 * its own name (`permissionLabel`) until it is named here.
 */
export const PERMISSION_LABELS: Readonly<Partial<Record<Permission, string>>> = {
  [Permission.profileRead]: "See their own profile",
  [Permission.profileWrite]: "Edit their own profile, password and sessions",
  [Permission.leadsRead]: "See the leads assigned to them",
  [Permission.leadsReadAll]: "See every lead, not only their own",
  [Permission.leadsWrite]: "Create and edit leads",
  [Permission.leadsDelete]: "Delete and restore leads",
  [Permission.notesWrite]: "Write notes on leads",
  [Permission.contactsRead]: "See contacts and companies",
  [Permission.contactsReadAll]: "See every contact and company",
  [Permission.contactsWrite]: "Create and edit contacts and companies",
  [Permission.contactsDelete]: "Delete and restore contacts and companies",
  [Permission.contactsManage]: "Manage contact settings, tags, custom fields and values",
  [Permission.analyticsRead]: "See the dashboard and reports of their own leads",
  [Permission.analyticsReadAll]: "See the whole team's figures and reports",
  [Permission.pipelinesRead]: "See the pipelines",
  [Permission.pipelinesManage]: "Add, edit and delete pipelines and their stages",
  [Permission.notificationsRead]: "Get notifications",
  [Permission.formsRead]: "See forms and their embed codes",
  [Permission.formsManage]: "Build, publish and delete forms",
  [Permission.formSubmissionsRead]: "Read what forms received (visitors' data)",
  [Permission.usersRead]: "See the team's names and roles",
  [Permission.teamRead]: "See Settings > Team: status, sign-ins, invitations",
  [Permission.usersManage]: "Invite people, change roles, deactivate and delete users",
  [Permission.billingRead]: "See the plan, seats and usage",
  [Permission.billingManage]: "Change the plan and pay",
  [Permission.adsSettings]: "Connect the ad platforms (credentials)",
  [Permission.conversionsRead]: "See the conversions log",
  [Permission.conversionsReplay]: "Send conversions again",
  [Permission.followupsRead]: "See follow-ups",
  [Permission.followupsWrite]: "Schedule and work follow-ups",
  [Permission.tasksRead]: "See their tasks",
  [Permission.tasksWrite]: "Create and work their tasks",
  [Permission.workAssign]: "Give follow-ups and tasks to anyone, see everyone's tasks",
  [Permission.emailSettings]: "Set up the account's email server",
  [Permission.smsSettingsManage]: "Connect the account's Twilio account for texts",
  [Permission.importsRun]: "Import spreadsheets of contacts and leads, and undo imports",
  [Permission.bulkActions]: "Change, delete or export many records at once",
  [Permission.auditRead]: "Read the audit log: who did what, and export it",
  [Permission.templatesRead]: "Use the email and SMS templates",
  [Permission.templatesManage]: "Write, copy and delete email and SMS templates",
  [Permission.mediaRead]: "Use the media library's files (preview, download, attach)",
  [Permission.mediaManage]: "Upload, rename and delete the media library's files",
  [Permission.messagesSend]: "Email and text contacts from their page",
  [Permission.automationManage]: "Build, publish and pause workflows, and see their history",
  [Permission.automationEnrol]: "Put contacts and leads in workflows",
  [Permission.manualActions]: "Work the calls and texts workflows hand them",
  [Permission.automationWebhookSecret]: "See and rotate the webhook signing secret",
  [Permission.aiUse]: "See AI scores, reasons and summaries of their leads",
  [Permission.aiSettingsRead]: "See Settings > AI: the score model's quality and the AI usage",
  [Permission.aiManage]: "Turn AI on or off and retrain the score model",
  [Permission.affiliatePortal]: "Use the partner portal",
  [Permission.platformRead]: "See the platform console",
  [Permission.platformManage]: "Manage the platform",
};

/** The permission in words: its label, else its name made readable ("platform:operate" -> "Platform: operate"). */
export function permissionLabel(permission: Permission): string {
  const label = PERMISSION_LABELS[permission];
  if (label) return label;
  const [area = "", action = ""] = permission.split(":");
  const words = (text: string) => text.replace(/_/g, " ");
  const readable = action ? `${words(area)}: ${words(action)}` : words(area);
  return readable.charAt(0).toUpperCase() + readable.slice(1);
}

export interface RoleConsequences {
  gained: Permission[];
  lost: Permission[];
}

/** The permissions `to` grants and `from` does not, and the reverse, in the table's order. */
export function roleConsequences(from: Role, to: Role): RoleConsequences {
  const before = new Set<Permission>(ROLE_PERMISSIONS[from]);
  const after = new Set<Permission>(ROLE_PERMISSIONS[to]);
  const order = Object.values(Permission);
  return {
    gained: order.filter((permission) => after.has(permission) && !before.has(permission)),
    lost: order.filter((permission) => before.has(permission) && !after.has(permission)),
  };
}

/** The consequences as the dialog lists them: the words of each permission gained and lost. */
export function describeConsequences(from: Role, to: Role): { gained: string[]; lost: string[] } {
  const { gained, lost } = roleConsequences(from, to);
  return { gained: gained.map(permissionLabel), lost: lost.map(permissionLabel) };
}
