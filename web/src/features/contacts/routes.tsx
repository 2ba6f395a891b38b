import type { RouteObject } from "react-router";
import { CompanyDetailPage } from "./CompanyDetailPage";
import { EditCompanyPage, NewCompanyPage } from "./CompanyFormPage";
import { CompanyListPage } from "./CompanyListPage";
import { ContactDetailPage } from "./ContactDetailPage";
import { EditContactPage, NewContactPage } from "./ContactFormPage";
import { ContactListPage } from "./ContactListPage";
import { DeletedCompaniesPage } from "./DeletedCompaniesPage";
import { DeletedContactsPage } from "./DeletedContactsPage";
import { CompanyMergePage } from "./merge/CompanyMergePage";
import { ContactMergePage } from "./merge/ContactMergePage";
import { DuplicatesPage } from "./merge/DuplicatesPage";
import { ContactSettingsPage } from "./settings/ContactSettingsPage";

export const contactsRoutes: RouteObject[] = [
  { path: "/contacts", element: <ContactListPage /> },
  { path: "/contacts/new", element: <NewContactPage /> },
  { path: "/contacts/deleted", element: <DeletedContactsPage /> },
  { path: "/contacts/duplicates", element: <DuplicatesPage /> },
  { path: "/contacts/merge", element: <ContactMergePage /> },
  { path: "/contacts/:contactId", element: <ContactDetailPage /> },
  { path: "/contacts/:contactId/edit", element: <EditContactPage /> },
  { path: "/companies", element: <CompanyListPage /> },
  { path: "/companies/new", element: <NewCompanyPage /> },
  { path: "/companies/deleted", element: <DeletedCompaniesPage /> },
  { path: "/companies/merge", element: <CompanyMergePage /> },
  { path: "/companies/:companyId", element: <CompanyDetailPage /> },
  { path: "/companies/:companyId/edit", element: <EditCompanyPage /> },
];

/** Children of /settings (the tab is in nav.ts). */
export const contactsSettingsRoutes: RouteObject[] = [{ path: "contacts", element: <ContactSettingsPage /> }];
