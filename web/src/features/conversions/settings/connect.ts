// Connecting the ad accounts with a button: the API calls, and what the page makes of their answers.
//
// "Connect Google Ads" / "Connect Meta" asks the API for the platform's consent URL and sends the browser
// there; the platform sends it back to /settings/ad-platforms/callback/<platform>?code&state, and that
// page posts code and state to the API, which keeps the token. The owner then picks the account and
// conversion action (or the dataset) from what the connection reaches, and saves them.

import type { ApiClient } from "../../../api/client";
import type { Schemas } from "../../../api/contract";
import { apiHook } from "../../../context";
import type { AdPlatform, AdsSettings, AdsSettingsUpdate, ConnectionTestResult, GoogleAdsSettings } from "../types";

export type OAuthStart = Schemas["OAuthStart"];
export type OAuthCallback = Schemas["OAuthCallback"];
export type GoogleAdsCustomer = Schemas["GoogleAdsCustomer"];
export type GoogleAdsConversionAction = Schemas["GoogleAdsConversionAction"];
export type MetaDataset = Schemas["MetaDataset"];

export const AD_PLATFORMS_PATH = "/settings/ad-platforms";

export function connectionApi(client: ApiClient) {
  const base = (platform: AdPlatform) => `/settings/ads/${platform}`;
  return {
    connect: (platform: AdPlatform) => client.post<OAuthStart>(`${base(platform)}/connect`, {}),
    finish: (platform: AdPlatform, body: OAuthCallback) => client.post<AdsSettings>(`${base(platform)}/callback`, body),
    disconnect: (platform: AdPlatform) => client.post<AdsSettings>(`${base(platform)}/disconnect`, {}),
    googleCustomers: () => client.get<Schemas["GoogleAdsCustomerList"]>("/settings/ads/google_ads/customers"),
    googleConversionActions: (customerId: string, loginCustomerId: string | null) =>
      client.get<Schemas["GoogleAdsConversionActionList"]>("/settings/ads/google_ads/conversion-actions", {
        customer_id: customerId,
        login_customer_id: loginCustomerId,
      }),
    metaDatasets: () => client.get<Schemas["MetaDatasetList"]>("/settings/ads/meta/datasets"),
  };
}

export const useConnectionApi = apiHook(connectionApi);

export const connectionKeys = {
  googleCustomers: ["settings", "ads", "google_ads", "customers"] as const,
  googleActions: (customerId: string, loginCustomerId: string | null) =>
    ["settings", "ads", "google_ads", "conversion-actions", customerId, loginCustomerId] as const,
  metaDatasets: ["settings", "ads", "meta", "datasets"] as const,
};

export function isAdPlatform(value: string | undefined): value is AdPlatform {
  return value === "google_ads" || value === "meta";
}

export const PLATFORM_TITLES: Record<AdPlatform, string> = { google_ads: "Google Ads", meta: "Meta" };

/** What the platform's redirect brought back: a code to finish with, or the reason there is none. */
export type CallbackResult = { kind: "code"; body: OAuthCallback } | { kind: "refused"; message: string };

export function callbackResult(search: URLSearchParams, title: string): CallbackResult {
  const error = search.get("error");
  if (error) {
    const denied = error === "access_denied";
    const detail = search.get("error_description");
    return {
      kind: "refused",
      message: denied
        ? `${title} access was not allowed, so nothing was connected. Connect again and press Allow to continue.`
        : `${title} did not connect (${detail ?? error}).`,
    };
  }
  const code = search.get("code");
  const state = search.get("state");
  if (!code || !state) {
    return { kind: "refused", message: `This page was opened without ${title}'s answer: start from Settings > Ad platforms.` };
  }
  return { kind: "code", body: { code, state } };
}

/** 1234567890 as Google shows it: 123-456-7890. */
export function formatCustomerId(id: string): string {
  return /^\d{10}$/.test(id) ? `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6)}` : id;
}

export interface ChoiceGroup<T> {
  label: string;
  options: { value: string; label: string; item: T }[];
}

/** An account's value in the select: the customer and the manager it is reached through. */
export function customerValue(customer: Pick<GoogleAdsCustomer, "customer_id" | "login_customer_id">): string {
  return `${customer.customer_id}/${customer.login_customer_id ?? ""}`;
}

/**
 * The accounts to pick from: the ones reached directly first, then each manager's clients under the
 * manager's name. A manager itself takes no conversions, so it only names its group.
 */
export function customerGroups(customers: readonly GoogleAdsCustomer[]): ChoiceGroup<GoogleAdsCustomer>[] {
  const option = (customer: GoogleAdsCustomer) => ({
    value: customerValue(customer),
    label: `${customer.name} (${formatCustomerId(customer.customer_id)})`,
    item: customer,
  });
  const direct = customers.filter((c) => !c.manager && !c.login_customer_id);
  const groups: ChoiceGroup<GoogleAdsCustomer>[] = direct.length ? [{ label: "Your accounts", options: direct.map(option) }] : [];
  for (const manager of customers.filter((c) => c.manager)) {
    const clients = customers.filter((c) => c.login_customer_id === manager.customer_id);
    if (clients.length) groups.push({ label: `Through ${manager.name} (manager)`, options: clients.map(option) });
  }
  return groups;
}

/** The datasets to pick from, grouped by the ad account they were found in. */
export function datasetGroups(datasets: readonly MetaDataset[]): ChoiceGroup<MetaDataset>[] {
  const groups = new Map<string, ChoiceGroup<MetaDataset>>();
  for (const dataset of datasets) {
    const label = dataset.ad_account_name ?? dataset.ad_account_id;
    const group = groups.get(label) ?? { label, options: [] };
    group.options.push({ value: dataset.dataset_id, label: `${dataset.name} (${dataset.dataset_id})`, item: dataset });
    groups.set(label, group);
  }
  return [...groups.values()];
}

export function actionLabel(action: GoogleAdsConversionAction): string {
  return action.status === "ENABLED" ? action.name : `${action.name} (${action.status.toLowerCase()})`;
}

export function actionGroups(actions: readonly GoogleAdsConversionAction[]): ChoiceGroup<GoogleAdsConversionAction>[] {
  if (actions.length === 0) return [];
  const options = actions.map((item) => ({ value: item.conversion_action_id, label: actionLabel(item), item }));
  return [{ label: "Click conversions (import)", options }];
}

export function actionPlaceholder(accountChosen: boolean, loading: boolean): string {
  if (!accountChosen) return "Choose the account first";
  return loading ? "Loading…" : "Choose the conversion action";
}

/** The saved account as the select's value ("" when none is saved). */
export function savedCustomerValue(google: GoogleAdsSettings): string {
  return google.customer_id ? customerValue({ customer_id: google.customer_id, login_customer_id: google.login_customer_id ?? null }) : "";
}

export function chosenOption<T>(groups: readonly ChoiceGroup<T>[], value: string): T | undefined {
  return groups.flatMap((group) => group.options).find((option) => option.value === value)?.item;
}

/** The settings update a pick makes: ids and the names the lists showed ("" clears a manager). */
export function googleChoice(customer: GoogleAdsCustomer, action: GoogleAdsConversionAction): AdsSettingsUpdate {
  return {
    google_ads: {
      customer_id: customer.customer_id,
      customer_name: customer.name,
      login_customer_id: customer.login_customer_id ?? "",
      conversion_action_id: action.conversion_action_id,
      conversion_action_name: action.name,
    },
  };
}

/** The account or action chosen is not the saved pick (a new account with no action yet counts). */
export function googlePickChanged(google: GoogleAdsSettings, account: string, actionId: string): boolean {
  return account !== savedCustomerValue(google) || actionId !== (google.conversion_action_id ?? "");
}

/** The pick is what is saved already (nothing to save). */
export function sameChoice(google: GoogleAdsSettings, customer: GoogleAdsCustomer | undefined, actionId: string): boolean {
  return (
    customer !== undefined &&
    customer.customer_id === google.customer_id &&
    (customer.login_customer_id ?? null) === (google.login_customer_id ?? null) &&
    actionId === google.conversion_action_id
  );
}

/** How a connection test's result is shown: a working connection is good news, a missing setting is not a failure. */
export function testResultHeading(title: string, result: ConnectionTestResult): { tone: "success" | "info" | "warning" | "error"; heading: string } {
  switch (result.state ?? (result.ok ? "connected" : "refused")) {
    case "connected":
      return { tone: "success", heading: `${title}: connected` };
    case "not_ready":
      return { tone: "info", heading: `${title}: not ready yet` };
    case "unreachable":
      return { tone: "warning", heading: `${title}: could not be reached` };
    default:
      return { tone: "error", heading: `${title}: connection failed` };
  }
}

/** The date a connection was made, as the page words it. */
export function connectedSince(at: string | null | undefined, format: (value: string) => string): string {
  return at ? ` on ${format(at)}` : "";
}

const MISSING_WORDS: Record<AdPlatform, Record<string, string>> = {
  google_ads: {
    refresh_token: "a connection (Connect Google Ads)",
    customer_id: "the account",
    conversion_action_id: "the conversion action",
  },
  meta: { access_token: "a connection (Connect Meta)", dataset_id: "the dataset" },
};

/** What a platform still lacks, in the page's words; the manual inputs' labels (`labels`) for the rest. */
export function missingWords(platform: AdPlatform, missing: readonly string[], labels: (names: string[]) => string): string {
  const words = MISSING_WORDS[platform];
  const known = missing.filter((name) => name in words).map((name) => words[name]);
  const rest = missing.filter((name) => !(name in words));
  return [...known, ...(rest.length ? [labels(rest)] : [])].join(", ");
}
