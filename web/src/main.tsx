import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { ApiClient, BrowserSessionStore } from "./api/client";
import { ApiError, errorMessage } from "./api/errors";
import { AuthProvider, ME_KEY } from "./auth/AuthProvider";
import { Grants, Permission } from "./auth/permissions";
import { ToastRegion } from "./components/ToastRegion";
import { toast, type ToastAction } from "./components/toasts";
import { loadConfig, type AppConfig } from "./config";
import { ServicesContext } from "./context";
import type { Profile } from "./features/accounts/types";
import { upgradeAction } from "./features/billing/planLimit";
import { routes } from "./routes";
import "./styles.css";

/** Errors a page shows in place (field messages, conflicts, a missing lead) raise no toast. */
function toastFor(error: unknown, meta: Record<string, unknown> | undefined, action?: ToastAction): void {
  if (error instanceof ApiError && error.isSessionError) return; // the login page takes over
  if (error instanceof ApiError && error.code === "invalid_refresh") return;
  if (meta?.inlineErrors && error instanceof ApiError && (error.status === 422 || error.status === 404 || error.isConflict)) return;
  toast.error(errorMessage(error), action);
}

function start(config: AppConfig): void {
  const store = new BrowserSessionStore();
  const sessionEnded = new EventTarget();
  const client = new ApiClient({
    baseUrl: config.apiUrl,
    store,
    onSessionEnded: () => {
      toast.info("Your session has ended: log in again");
      sessionEnded.dispatchEvent(new Event("ended"));
    },
  });
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => toastFor(error, query.meta, upgrade(error)) }),
    mutationCache: new MutationCache({
      onError: (error, _v, _c, mutation) => toastFor(error, mutation.meta, upgrade(error)),
    }),
    defaultOptions: {
      // The API client already retries reads that hit a network error or a 5xx gateway answer.
      queries: { retry: false, staleTime: 15_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  const router = createBrowserRouter(routes);
  // Over a plan limit (402), a user who may change the plan gets an "Upgrade" action on the toast.
  function upgrade(error: unknown): ToastAction | undefined {
    const permissions = queryClient.getQueryData<Profile>(ME_KEY)?.permissions ?? [];
    return upgradeAction(error, new Grants(permissions).can(Permission.billingManage), (path) => void router.navigate(path));
  }
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <ServicesContext.Provider value={{ config, client }}>
        <QueryClientProvider client={queryClient}>
          <AuthProvider store={store} sessionEnded={sessionEnded}>
            <RouterProvider router={router} />
            <ToastRegion />
          </AuthProvider>
        </QueryClientProvider>
      </ServicesContext.Provider>
    </StrictMode>,
  );
}

function fail(error: unknown): void {
  const root = document.getElementById("root")!;
  root.innerHTML = "";
  const box = document.createElement("main");
  box.className = "center-page narrow";
  box.setAttribute("role", "alert");
  const title = document.createElement("h1");
  title.textContent = "Convertly could not start";
  const text = document.createElement("p");
  text.textContent = `Its configuration (/config.json) could not be read: ${errorMessage(error)}`;
  box.append(title, text);
  root.append(box);
}

loadConfig().then(start, fail);
