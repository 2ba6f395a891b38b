// The notifications API's shapes: the bell (GET /notifications, read marks), notification
// preferences (/me/notification-preferences) and the tenant's email settings (/settings/email).

import type { Schemas } from "../../api/contract";

export type PreferencesUpdate = Schemas["PreferencesUpdate"];
export type NotificationChannel = PreferencesUpdate["channels"][string];
/** The whole server; `password` left out keeps the stored one, "" removes it. */
export type EmailSettingsUpdate = Schemas["EmailSettingsUpdate"];
export type TlsMode = NonNullable<EmailSettingsUpdate["tls_mode"]>;
export type EmailTestRequest = Schemas["EmailTest"];

export type NotificationKind = // not yet in openapi.json
  | "lead_assigned"
  | "lead_moved"
  | "lead_won"
  | "followup_due"
  | "followup_overdue"
  | "task_due"
  | "task_overdue";

export interface AppNotification { // not yet in openapi.json
  notification_id: string;
  kind: NotificationKind | string;
  title: string;
  body: string;
  lead_id: string | null;
  actor_id: string | null;
  created_at: string;
  read: boolean;
  read_at: string | null;
  followup_id?: string | null;
  task_id?: string | null;
}

export interface NotificationPage { // not yet in openapi.json
  items: AppNotification[];
  next_cursor: string | null;
  unread_count: number;
}

export interface UnreadCount { // not yet in openapi.json
  unread_count: number;
}

/** Every notification kind with its channel. */
export interface NotificationPreferences { // not yet in openapi.json
  channels: Record<string, NotificationChannel>;
}

export interface EmailSettings { // not yet in openapi.json
  /** false: mail goes through the platform's default. */
  configured: boolean;
  platform_transport: "ses" | "smtp";
  host: string | null;
  port: number | null;
  tls_mode: TlsMode | null;
  username: string | null;
  /** A mask ("********") when a password is stored, else null. */
  password: string | null;
  password_set: boolean;
  from_address: string | null;
  from_name: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

export interface EmailTestResult { // not yet in openapi.json
  sent: boolean;
  to: string;
  transport: "tenant_smtp" | "platform_ses" | "platform_smtp";
}
