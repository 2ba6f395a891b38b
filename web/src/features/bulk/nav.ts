import { Permission, type FeatureNav } from "../../auth/permissions";

// A Settings tab for every role that runs bulk actions: the log of them (a Sales user's own), with
// each one's details (`?bulk=<id>` on the same page).
export const bulkNav: FeatureNav = {
  settings: [{ label: "Bulk actions", to: "/settings/bulk-actions", permission: Permission.bulkActions }],
};
