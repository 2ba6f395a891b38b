import type { RouteObject } from "react-router";
import { CustomFieldsPage } from "./CustomFieldsPage";
import { CustomValuesPage } from "./CustomValuesPage";
import { TagsPage } from "./TagsPage";

/** Children of /settings (the tabs are in nav.ts). */
export const fieldsSettingsRoutes: RouteObject[] = [
  { path: "custom-fields", element: <CustomFieldsPage /> },
  { path: "custom-values", element: <CustomValuesPage /> },
  { path: "tags", element: <TagsPage /> },
];
