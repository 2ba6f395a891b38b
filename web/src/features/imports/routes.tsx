import type { RouteObject } from "react-router";
import { ImportsPage } from "./ImportsPage";
import { ImportWizardPage, NewImportPage } from "./ImportWizardPage";

/** Children of /settings (the tab and the wizard's permission are in nav.ts). */
export const importsSettingsRoutes: RouteObject[] = [
  { path: "imports", element: <ImportsPage /> },
  { path: "imports/new", element: <NewImportPage /> },
  { path: "imports/:importId", element: <ImportWizardPage /> },
];
