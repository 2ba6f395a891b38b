// The notifications operations: the bell, notification preferences and the tenant's email settings.

import type { ApiClient } from "../../api/client";
import { apiHook } from "../../context";
import type {
  AppNotification,
  EmailSettings,
  EmailSettingsUpdate,
  EmailTestRequest,
  EmailTestResult,
  NotificationPage,
  NotificationPreferences,
  PreferencesUpdate,
  UnreadCount,
} from "./types";

export function notificationsApi(client: ApiClient) {
  return {
    notifications: (cursor: string | null, limit: number) =>
      client.get<NotificationPage>("/notifications", { cursor, limit }),
    unreadCount: () => client.get<UnreadCount>("/notifications/unread-count"),
    markNotificationRead: (notificationId: string) =>
      client.post<AppNotification>(`/notifications/${encodeURIComponent(notificationId)}/read`),
    markAllNotificationsRead: () => client.post<UnreadCount>("/notifications/read-all"),

    notificationPreferences: () => client.get<NotificationPreferences>("/me/notification-preferences"),
    saveNotificationPreferences: (channels: NotificationPreferences["channels"]) =>
      client.request<NotificationPreferences>("PUT", "/me/notification-preferences", {
        body: { channels } satisfies PreferencesUpdate,
      }),

    emailSettings: () => client.get<EmailSettings>("/settings/email"),
    saveEmailSettings: (body: EmailSettingsUpdate) =>
      client.request<EmailSettings>("PUT", "/settings/email", { body }),
    removeEmailSettings: () => client.delete<EmailSettings>("/settings/email"),
    sendTestEmail: (to: string | null) =>
      client.post<EmailTestResult>("/settings/email/test", (to ? { to } : {}) satisfies EmailTestRequest),
  };
}

export type NotificationsApi = ReturnType<typeof notificationsApi>;
export const useNotificationsApi = apiHook(notificationsApi);
