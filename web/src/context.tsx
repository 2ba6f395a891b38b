import { createContext, useContext } from "react";
import type { ApiClient } from "./api/client";
import type { Api } from "./api/endpoints";
import type { AppConfig } from "./config";

export interface AppServices {
  config: AppConfig;
  client: ApiClient;
  api: Api;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices outside ServicesContext");
  return services;
}

export function useApi(): Api {
  return useServices().api;
}
