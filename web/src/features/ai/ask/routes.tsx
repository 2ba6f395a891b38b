import type { RouteObject } from "react-router";
import { AskPage } from "./AskPage";

/** Ask AI: a new thread, and an open one (the page and its permission are in nav.ts). */
export const askRoutes: RouteObject[] = [
  { path: "/ask", element: <AskPage /> },
  { path: "/ask/:threadId", element: <AskPage /> },
];
