import { Permission, type FeatureNav } from "../../auth/permissions";

export const contactsNav: FeatureNav = {
  settings: [{ label: "Contacts", to: "/settings/contacts", permission: Permission.contactsRead }],
  nav: [
    { label: "Contacts", to: "/contacts", permission: Permission.contactsRead, icon: "partner", matchPrefix: true },
    { label: "Companies", to: "/companies", permission: Permission.contactsRead, icon: "companies", matchPrefix: true },
  ],
  pages: [
    { pattern: /^\/contacts\/new\/?$/, permissions: [Permission.contactsWrite] },
    { pattern: /^\/contacts\/deleted\/?$/, permissions: [Permission.contactsRead, Permission.contactsDelete] },
    // Merging deletes the duplicate: the same roles that delete contacts find and merge duplicates.
    { pattern: /^\/contacts\/(duplicates|merge)\/?$/, permissions: [Permission.contactsRead, Permission.contactsDelete] },
    { pattern: /^\/contacts\/[^/]+\/edit\/?$/, permissions: [Permission.contactsWrite] },
    { pattern: /^\/contacts(\/[^/]+)?\/?$/, permissions: [Permission.contactsRead] },
    { pattern: /^\/companies\/new\/?$/, permissions: [Permission.contactsWrite] },
    { pattern: /^\/companies\/deleted\/?$/, permissions: [Permission.contactsRead, Permission.contactsDelete] },
    { pattern: /^\/companies\/merge\/?$/, permissions: [Permission.contactsRead, Permission.contactsDelete] },
    { pattern: /^\/companies\/[^/]+\/edit\/?$/, permissions: [Permission.contactsWrite] },
    { pattern: /^\/companies(\/[^/]+)?\/?$/, permissions: [Permission.contactsRead] },
  ],
};
