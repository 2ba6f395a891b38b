// Where the API lives, read once at startup from /config.json: the local stack's web server writes
// it from the stack's outputs, the CDK deployment writes it next to the built files.

export interface AppConfig {
  apiUrl: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
}

export function parseConfig(value: unknown): AppConfig {
  if (!value || typeof value !== "object") throw new Error("config.json is not a JSON object");
  const config = value as Record<string, unknown>;
  if (typeof config.apiUrl !== "string" || !config.apiUrl) throw new Error("config.json has no apiUrl");
  return {
    apiUrl: config.apiUrl.replace(/\/+$/, ""),
    region: typeof config.region === "string" ? config.region : "",
    userPoolId: typeof config.userPoolId === "string" ? config.userPoolId : "",
    userPoolClientId: typeof config.userPoolClientId === "string" ? config.userPoolClientId : "",
  };
}

export async function loadConfig(fetchFn: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchFn("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`GET /config.json answered ${response.status}`);
  return parseConfig(await response.json());
}
