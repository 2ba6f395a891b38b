import { Permission, type FeatureNav } from "../../auth/permissions";

// A Settings tab for Admins: the audit log, with Convertly support's access on the same page.
export const auditNav: FeatureNav = {
  settings: [{ label: "Audit log", to: "/settings/audit-log", permission: Permission.auditRead }],
};
