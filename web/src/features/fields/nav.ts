import { Permission, type FeatureNav } from "../../auth/permissions";

// Settings tabs only: everyone who reads contacts sees them; the write controls need contacts:manage.
export const fieldsNav: FeatureNav = {
  settings: [
    { label: "Custom fields", to: "/settings/custom-fields", permission: Permission.contactsRead },
    { label: "Custom values", to: "/settings/custom-values", permission: Permission.contactsRead },
    { label: "Tags", to: "/settings/tags", permission: Permission.contactsRead },
  ],
};
