import { createContext, useContext } from "react";
import type { ApiClient } from "./api/client";
import type { AppConfig } from "./config";

export interface AppServices {
  config: AppConfig;
  client: ApiClient;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices outside ServicesContext");
  return services;
}

/**
 * A feature's API hook: its operations (`operations(client)`) bound to the app's client, made once per
 * client so that the object a component gets stays the same from render to render.
 */
export function apiHook<Operations extends object>(operations: (client: ApiClient) => Operations): () => Operations {
  const made = new WeakMap<ApiClient, Operations>();
  return function useFeatureApi() {
    const { client } = useServices();
    let api = made.get(client);
    if (!api) {
      api = operations(client);
      made.set(client, api);
    }
    return api;
  };
}
