// Which bulk actions a role may start on which records, as the API checks them
// (convertly/bulk/use_cases.py): bulk:run for any; writing the records for most; deleting them for
// delete and restore; reading them for an export; automation:enrol for adding them to a workflow. A role that sees only its own records may assign
// them only to itself. The bar offers nothing else, so nothing it shows is refused for the role.

import { Permission, type Grants } from "../../auth/permissions";
import type { User } from "../accounts/types";
import type { BulkActionType, BulkObject } from "./types";

const PERMISSIONS: Record<BulkObject, { read: Permission; write: Permission; remove: Permission }> = {
  leads: { read: Permission.leadsRead, write: Permission.leadsWrite, remove: Permission.leadsDelete },
  contacts: { read: Permission.contactsRead, write: Permission.contactsWrite, remove: Permission.contactsDelete },
};

/** What the list offers beyond the role: its view and what the records have. */
export interface ActionContext {
  /** The deleted records' view offers restore only; the others never do. */
  view: "active" | "deleted";
  /** Custom fields are defined for these records (set_field needs one). */
  hasCustomFields: boolean;
  /** The leads' pipeline is known (move_stage picks one of its stages). */
  hasPipeline: boolean;
}

function needs(object: BulkObject, action: BulkActionType): Permission {
  const permissions = PERMISSIONS[object];
  if (action === "delete" || action === "restore") return permissions.remove;
  if (action === "export") return permissions.read;
  if (action === "enrol_workflow") return Permission.automationEnrol;
  return permissions.write;
}

function fits(object: BulkObject, action: BulkActionType, context: ActionContext): boolean {
  switch (action) {
    case "move_stage":
      return object === "leads" && context.hasPipeline;
    case "change_role":
      return object === "contacts";
    case "set_field":
      return context.hasCustomFields;
    default:
      return true;
  }
}

const ACTIVE_ACTIONS: readonly BulkActionType[] = [
  "assign_owner",
  "add_tags",
  "remove_tags",
  "move_stage",
  "change_role",
  "set_field",
  "enrol_workflow",
  "export",
  "delete",
];

/** The actions the bar shows for these records, in its order. */
export function availableActions(object: BulkObject, grants: Grants, context: ActionContext): BulkActionType[] {
  if (!grants.can(Permission.bulkActions)) return [];
  const candidates: readonly BulkActionType[] = context.view === "deleted" ? ["restore"] : ACTIVE_ACTIONS;
  return candidates.filter((action) => fits(object, action, context) && grants.can(needs(object, action)));
}

/** Whether a list offers checkboxes at all: the role may take some bulk action on its records there. */
export function canSelect(object: BulkObject, grants: Grants, view: ActionContext["view"] = "active"): boolean {
  return availableActions(object, grants, { view, hasCustomFields: false, hasPipeline: false }).length > 0;
}

/** Whether the role sees every lead and contact (else it may assign records to itself only). */
export function seesEverything(grants: Grants): boolean {
  return grants.can(Permission.leadsReadAll) && grants.can(Permission.contactsReadAll);
}

/** Roles that own records (the form builder's owners too). */
const OWNER_ROLES: ReadonlySet<string> = new Set(["Admin", "Manager", "Sales"]);

/** Who records may be assigned to: the active team members who own records, by name; or only oneself. */
export function ownerChoices(users: readonly User[], me: User, seesAll: boolean): User[] {
  if (!seesAll) return [me];
  const byName = (a: User, b: User) => (a.name || a.email).localeCompare(b.name || b.email);
  return users.filter((user) => user.status === "active" && OWNER_ROLES.has(user.role)).sort(byName);
}
