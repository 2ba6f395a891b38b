import type { RouteObject } from "react-router";
import { EditFormPage, NewFormPage } from "./FormBuilderPage";
import { FormsListPage } from "./FormsListPage";
import { SubmissionsPage } from "./SubmissionsPage";

export const captureRoutes: RouteObject[] = [
  { path: "/forms", element: <FormsListPage /> },
  { path: "/forms/new", element: <NewFormPage /> },
  { path: "/forms/:formId", element: <EditFormPage /> },
  { path: "/forms/:formId/submissions", element: <SubmissionsPage /> },
];
