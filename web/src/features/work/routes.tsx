import type { RouteObject } from "react-router";
import { FollowUpQueuePage } from "./followups/FollowUpQueuePage";
import { TasksPage } from "./tasks/TasksPage";

export const workRoutes: RouteObject[] = [
  { path: "/followups", element: <FollowUpQueuePage /> },
  { path: "/tasks", element: <TasksPage /> },
  { path: "/tasks/:taskId", element: <TasksPage /> },
];
