// Settings > SMS (the account's Twilio account, Admins) and whether texts can be sent (whoever sends).
// A one-off text goes through the messaging API's sendMessage with `channel: "sms"`.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type { SmsSettings, SmsSettingsUpdate, SmsStatus, SmsTest, SmsTestResult } from "./smsTypes";

export function smsApi(client: ApiClient) {
  return {
    smsSettings: () => client.get<SmsSettings>("/settings/sms"),
    /** Twilio checks the account first: 422 `twilio_refused` / `twilio_number_refused`, 503 `twilio_unavailable`. */
    saveSmsSettings: (body: SmsSettingsUpdate) => client.request<SmsSettings>("PUT", "/settings/sms", { body }),
    disconnectSms: () => client.delete<SmsSettings>("/settings/sms"),
    /** 502 `sms_send_failed` says why Twilio did not take it (`details.permanent`). */
    sendTestSms: (body: SmsTest) => client.post<SmsTestResult>("/settings/sms/test", body),
    smsStatus: () => client.get<SmsStatus>("/settings/sms/status"),
  };
}

export type SmsApi = ReturnType<typeof smsApi>;
export const useSmsApi = apiHook(smsApi);

export const smsKeys = {
  settings: ["settings", "sms"] as const,
  status: ["settings", "sms", "status"] as const,
};
