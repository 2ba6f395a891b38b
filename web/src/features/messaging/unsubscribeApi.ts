// An email's unsubscribe link, as the web app's public page reads it: whose link it is, and the
// unsubscribe itself. Public routes: no token is sent (the link's own signed token is the permission).

import type { ApiClient } from "../../api/client";
import type { Schemas } from "../../api/contract";
import { apiHook } from "../../context";

/** Whose link it is (the address partly hidden), and whether the contact has unsubscribed. */
export type UnsubscribeStatus = Schemas["UnsubscribeStatus"];

const linkPath = (token: string) => `/unsubscribe/${encodeURIComponent(token)}`;

export function unsubscribeApi(client: ApiClient) {
  return {
    /** 404 `unsubscribe_link_not_found`: not a link of ours (altered, or cut short). */
    status: (token: string, signal?: AbortSignal) => client.request<UnsubscribeStatus>("GET", linkPath(token), { auth: false, signal }),
    /** Once or many times: the answer is the same. */
    unsubscribe: (token: string) => client.request<UnsubscribeStatus>("POST", linkPath(token), { auth: false, body: {} }),
  };
}

export const useUnsubscribeApi = apiHook(unsubscribeApi);
