// The notifications API's shapes: the bell (GET /notifications, read marks), notification
// preferences (/me/notification-preferences) and the tenant's email settings (/settings/email).

import type { Schemas } from "../../api/contract";

export type PreferencesUpdate = Schemas["PreferencesUpdate"];
export type NotificationChannel = PreferencesUpdate["channels"][string];
/** The whole server; `password` left out keeps the stored one, "" removes it. */
export type EmailSettingsUpdate = Schemas["EmailSettingsUpdate"];
export type TlsMode = NonNullable<EmailSettingsUpdate["tls_mode"]>;
export type EmailTestRequest = Schemas["EmailTest"];

export type AppNotification = Schemas["Notification"];
export type NotificationKind = AppNotification["kind"];
/** GET /notifications: a page, and how many are unread. */
export type NotificationPage = Schemas["NotificationPage"];
export type UnreadCount = Schemas["UnreadCount"];
/** Every notification kind with its channel. */
export type NotificationPreferences = Schemas["Preferences"];
/** GET /settings/email; `configured` false: mail goes through the platform's default. `password` is
 * a mask ("********") when one is stored. */
export type EmailSettings = Schemas["EmailSettings"];
export type EmailTestResult = Schemas["EmailTestResult"];
