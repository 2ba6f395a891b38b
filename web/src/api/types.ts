// Shapes of the Convertly API (functions/docs/openapi.json and the domain models behind it).

export type Role =
  | "Admin"
  | "Manager"
  | "Sales"
  | "Staff"
  | "Affiliate"
  | "Developer"
  | "DeveloperAdmin"
  | "DeveloperStaff";

export interface Tokens {
  id_token: string;
  access_token: string;
  refresh_token: string | null;
  expires_in: number;
}

export interface User {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  status: string;
  created_at: string;
}

export interface Tenant {
  tenant_id: string;
  name: string;
  currency: string;
  timezone: string;
}

export interface Profile {
  user: User;
  tenant: Tenant | null;
  permissions: string[];
  portal: string;
  /** The tenant's plan, status, features and billing banner (null for the platform and for tenants from before billing). */
  billing?: BillingSummary | null;
}

export type Attribution = Partial<
  Record<
    | "gclid"
    | "gbraid"
    | "wbraid"
    | "fbclid"
    | "fbc"
    | "fbp"
    | "msclkid"
    | "ttclid"
    | "li_fat_id"
    | "utm_source"
    | "utm_medium"
    | "utm_campaign"
    | "utm_term"
    | "utm_content"
    | "utm_id"
    | "landing_page"
    | "referrer"
    | "user_agent"
    | "ip"
    | "captured_at",
    string
  >
>;

export interface Lead {
  lead_id: string;
  first_name: string;
  last_name: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  value: number;
  currency: string;
  owner_id: string | null;
  source: string;
  tags: string[];
  custom_fields: Record<string, string | number | boolean | null>;
  attribution: Attribution;
  pipeline_id: string;
  stage_id: string;
  stage_entered_at: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
  /** The most recent form submission's attribution (`attribution` is the first touch). */
  last_touch?: TouchAttribution;
  /** Form submissions that created or reached the lead. */
  touch_count?: number;
  /** Captured by a public form while the plan's monthly lead limit was reached. */
  over_limit?: boolean;
}

export interface Note {
  note_id: string;
  lead_id: string;
  body: string;
  author_id: string;
  author_name: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface StageHistoryEntry {
  history_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  changed_by: string;
  changed_at: string;
  seconds_in_previous: number | null;
}

export interface LeadDetail extends Lead {
  notes: Note[];
  stage_history: StageHistoryEntry[];
  /** Form submissions that reached the lead, newest first. */
  touches?: Touch[];
}

export interface LeadPage {
  items: Lead[];
  next_cursor: string | null;
}

export interface Stage {
  stage_id: string;
  name: string;
  position: number;
  kind: string;
  probability: number;
  lead_count: number;
  lead_value: number;
  show_in_pie: boolean;
  show_in_funnel: boolean;
  /** "deleting" while its leads move to `move_to`; such a stage takes no leads. */
  status: StageStatus;
  move_to: string | null;
}

export interface Pipeline {
  pipeline_id: string;
  name: string;
  is_default: boolean;
  position: number;
  show_in_pie: boolean;
  show_in_funnel: boolean;
  stages: Stage[];
}

/** The lead fields a person edits; the API takes any subset (PATCH also needs `version`). */
export interface LeadFields {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  value?: string | number | null;
  currency?: string | null;
  owner_id?: string | null;
  source?: string | null;
  tags?: string[] | null;
}

export interface LeadCreate extends LeadFields {
  pipeline_id?: string | null;
  stage_id?: string | null;
  attribution?: Attribution | null;
}

export interface LeadUpdate extends LeadFields {
  version: number;
}

export interface SignUpRequest {
  company_name: string;
  name: string;
  email: string;
  password: string;
  currency?: string;
  timezone?: string;
}

export interface SignUpResponse {
  tenant: Tenant;
  tokens: Tokens;
}

export const LEAD_SOURCES = [
  "google_ads",
  "meta_ads",
  "microsoft_ads",
  "tiktok_ads",
  "linkedin_ads",
  "organic_search",
  "social",
  "referral",
  "email",
  "direct",
  "form",
  "manual",
  "import",
  "other",
] as const;

// Ad platforms and conversions (GET/PUT /settings/ads, /conversions, /leads/{id}/conversions).

export type AdPlatform = "google_ads" | "meta";

export type ConversionStatus =
  | "sent"
  | "rejected"
  | "expired"
  | "not_attributable"
  | "not_configured"
  | "not_supported"
  | "skipped"
  | "retrying"
  | "dead_lettered";

export type ConversionKind = "conversion" | "retraction" | "crm_event";

/** Secrets come back masked ("••••1234"), or null when none is saved. */
export interface GoogleAdsSettings {
  configured: boolean;
  missing: string[];
  customer_id: string | null;
  login_customer_id: string | null;
  conversion_action_id: string | null;
  client_id: string | null;
  developer_token: string | null;
  client_secret: string | null;
  refresh_token: string | null;
}

export interface MetaSettings {
  configured: boolean;
  missing: string[];
  dataset_id: string | null;
  access_token: string | null;
  test_event_code: string | null;
  page_ids: string[];
  stage_events: Record<string, string>;
}

export interface AdsSettings {
  google_ads: GoogleAdsSettings;
  meta: MetaSettings;
  timezone: string;
  default_country: string;
  updated_at: string | null;
}

/** Meta's part of an update: its plain fields and secrets, and the Lead Ads pages and stage events
 * (each of those two sent whole, replacing what was saved). */
export interface MetaSettingsUpdate {
  dataset_id?: string;
  access_token?: string;
  test_event_code?: string;
  page_ids?: string[];
  stage_events?: Record<string, string>;
}

/** A field left out stays as saved, "" removes it, a platform sent as null is removed whole. */
export interface AdsSettingsUpdate {
  google_ads?: Record<string, string> | null;
  meta?: MetaSettingsUpdate | null;
  timezone?: string;
  default_country?: string;
}

export interface ConnectionTestResult {
  platform: AdPlatform;
  ok: boolean;
  message: string;
  request_id: string | null;
}

export interface LedgerEntry {
  entry_id: string;
  lead_id: string;
  job_id: string;
  kind: ConversionKind;
  platform: AdPlatform;
  status: ConversionStatus;
  at: string;
  dedupe_id: string;
  request_id: string | null;
  message: string | null;
  payload_hash: string | null;
  identifier: string | null;
  value: number | null;
  currency: string | null;
  attempt: number;
}

export interface LedgerPage {
  items: LedgerEntry[];
  next_cursor: string | null;
}

export interface ConversionFilters {
  platform?: AdPlatform;
  status?: ConversionStatus;
}

export type ReplayRequest = { lead_id: string } | { dead_lettered: true };

export interface ReplayResult {
  requested: number;
  lead_ids: string[];
  source: "lead" | "dead_lettered";
}

// Billing (GET /billing, POST /billing/*, and the billing block of GET /me).

export type BillingStatus = "trialing" | "trial_ended" | "active" | "past_due" | "canceled" | "incomplete";

export interface BillingBanner {
  level: "info" | "warning" | "error";
  code: string;
  message: string;
}

export interface BillingSummary {
  plan: string;
  plan_name: string;
  status: BillingStatus;
  features: string[];
  banner: BillingBanner | null;
}

export interface PlanView {
  plan_id: string;
  name: string;
  /** `amount` in minor units (cents). */
  price: { amount: number; currency: string; interval: "month" };
  limits: { users: number; leads_per_month: number };
  features: string[];
}

export interface UsageMeter {
  used: number;
  limit: number;
}

export interface BillingOverview extends BillingSummary {
  plan_details: PlanView;
  trial_ends_at: string | null;
  /** The next invoice date. */
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  /** A downgrade that takes effect at the period end. */
  scheduled_plan: string | null;
  grace_ends_at: string | null;
  usage: {
    users: UsageMeter;
    leads: UsageMeter & { month: string; over_limit: number };
  };
  plans: PlanView[];
  /** stripe_checkout: POST /billing/checkout answers a Checkout URL; card_form: Stripe.js card form. */
  checkout: "stripe_checkout" | "card_form";
  portal_available: boolean;
  publishable_key: string | null;
  stripe_js_url: string;
}

export interface CheckoutResult {
  mode: "checkout" | "updated";
  url: string | null;
  billing: BillingOverview | null;
}

export interface CardSetup {
  client_secret: string;
  publishable_key: string | null;
  stripe_js_url: string;
}

// Follow-ups and tasks (/leads/{id}/followups, /followups, /tasks).

export type FollowUpType = "call" | "email" | "sms" | "meeting";
export type FollowUpStatus = "open" | "done";
/** Where an item stands against now in the viewer's day; "done" once completed. */
export type WorkBucket = "overdue" | "today" | "upcoming" | "done";

export interface FollowUp {
  followup_id: string;
  lead_id: string;
  type: FollowUpType;
  due_at: string;
  snoozed_until: string | null;
  /** When it needs attention: the snooze's end, else the due time. */
  attention_at: string;
  note: string | null;
  assignee_id: string;
  status: FollowUpStatus;
  created_at: string;
  created_by: string;
  updated_at: string;
  completed_at: string | null;
  completed_by: string | null;
  version: number;
  lead_name: string | null;
  lead_deleted: boolean;
  bucket: WorkBucket | null;
}

export interface FollowUpPage {
  items: FollowUp[];
  next_cursor: string | null;
}

export interface FollowUpCreate {
  type: FollowUpType;
  due_at: string;
  note?: string | null;
  assignee_id?: string | null;
}

export interface FollowUpUpdate {
  type?: FollowUpType;
  due_at?: string;
  note?: string | null;
  assignee_id?: string;
  version: number;
}

/** Remind again in `minutes`, or at `until`; the due time stays. */
export type FollowUpSnooze = { minutes: number } | { until: string };

export interface FollowUpQueueQuery {
  scope: "mine" | "team";
  assignee_id?: string;
  status?: FollowUpStatus;
  tz?: string;
}

export type TaskStatus = "open" | "in_progress" | "done";
export type TaskPriority = "low" | "normal" | "high" | "urgent";
export type TaskSort = "due_at" | "-due_at" | "priority" | "-priority";

export interface Task {
  task_id: string;
  title: string;
  description: string | null;
  due_at: string;
  priority: TaskPriority;
  status: TaskStatus;
  assignee_id: string;
  lead_id: string | null;
  lead_name: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  completed_at: string | null;
  completed_by: string | null;
  version: number;
  overdue: boolean;
  bucket: WorkBucket | null;
}

export interface TaskPage {
  items: Task[];
  next_cursor: string | null;
}

export interface TaskCreate {
  title: string;
  description?: string | null;
  due_at: string;
  priority?: TaskPriority;
  status?: "open" | "in_progress";
  assignee_id?: string | null;
  lead_id?: string | null;
}

/** Any of the fields; `lead_id: null` unlinks the lead. */
export interface TaskUpdate {
  title?: string;
  description?: string | null;
  due_at?: string;
  priority?: TaskPriority;
  status?: TaskStatus;
  assignee_id?: string;
  lead_id?: string | null;
  version: number;
}

/** GET /tasks's query: without `status`, open and in-progress tasks. */
export interface TaskQuery {
  assignee_id?: string;
  status?: TaskStatus;
  priority?: TaskPriority;
  lead_id?: string;
  due_from?: string;
  due_to?: string;
  overdue?: boolean;
  sort?: TaskSort;
  tz?: string;
}

export interface BulkCompleteResult {
  completed: string[];
  already_done: string[];
  not_found: string[];
  forbidden: string[];
}

// Email settings (GET/PUT/DELETE /settings/email, POST /settings/email/test).

export type TlsMode = "starttls" | "ssl" | "none";

export interface EmailSettings {
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

/** The whole server; `password` left out keeps the stored one, "" removes it. */
export interface EmailSettingsUpdate {
  host: string;
  port: number;
  tls_mode: TlsMode;
  username: string | null;
  password?: string;
  from_address: string;
  from_name: string | null;
}

export interface EmailTestResult {
  sent: boolean;
  to: string;
  transport: "tenant_smtp" | "platform_ses" | "platform_smtp";
}

// Notification preferences (GET/PUT /me/notification-preferences).

export type NotificationChannel = "in_app" | "email" | "both" | "none";

/** Every notification kind with its channel. */
export interface NotificationPreferences {
  channels: Record<string, NotificationChannel>;
}

// Pipelines, stages and the Kanban board (/pipelines, /pipelines/{id}/board, POST /leads/{id}/stage).

export type StageKind = "open" | "won" | "lost";
export type StageStatus = "active" | "deleting";

export interface StageDraft {
  name: string;
  kind?: StageKind;
  probability?: number | null;
  show_in_pie?: boolean;
  show_in_funnel?: boolean;
}

export interface StageCreate extends StageDraft {
  /** Inserts the stage there (0 is first); left out, it goes last. */
  position?: number | null;
}

export type StageUpdate = Partial<Pick<Stage, "name" | "kind" | "probability" | "show_in_pie" | "show_in_funnel">>;

export interface PipelineCreate {
  name: string;
  stages?: StageDraft[];
  show_in_pie?: boolean;
  show_in_funnel?: boolean;
}

export interface PipelineUpdate {
  name?: string;
  is_default?: true;
  show_in_pie?: boolean;
  show_in_funnel?: boolean;
}

/** DELETE .../stages/{id}: 200 "deleted", or 202 "deleting" while the rest of its leads move. */
export interface StageDeletion {
  stage_id: string;
  status: "deleted" | "deleting";
  move_to: string | null;
  moved: number;
  remaining: number;
}

export interface BoardCard {
  lead_id: string;
  name: string;
  company: string | null;
  value: number;
  currency: string;
  owner_id: string | null;
  source: string;
  pipeline_id: string;
  stage_id: string;
  stage_entered_at: string;
  /** Age in the stage when the board was read. */
  seconds_in_stage: number;
  created_at: string;
  version: number;
}

/** The lead as a mover saw it: sent with a move, each field is checked by the move's write. */
export interface SeenLead {
  stage_id: string;
  stage_entered_at: string;
  owner_id: string | null;
  value: number;
  currency: string;
  source: string;
}

/** A committed move (`from_stage_id` equal to `stage_id`: the lead was already there). */
export interface StageMove {
  lead_id: string;
  pipeline_id: string;
  from_stage_id: string;
  stage_id: string;
  stage_entered_at: string;
  seconds_in_previous: number;
  updated_at: string;
  version: number;
}

export interface CardPage {
  items: BoardCard[];
  next_cursor: string | null;
}

export interface BoardColumn {
  stage_id: string;
  name: string;
  position: number;
  kind: string;
  probability: number;
  status: StageStatus;
  /** From the counters: the whole stage, or the owner's leads in it. */
  lead_count: number;
  lead_value: number;
  items: BoardCard[];
  next_cursor: string | null;
}

export interface Board {
  pipeline_id: string;
  name: string;
  /** Whose leads the board shows; null for everyone's (Sales always get their own). */
  owner_id: string | null;
  q: string | null;
  columns: BoardColumn[];
}

export interface BoardQuery {
  limit?: number;
  owner_id?: string | null;
  q?: string | null;
}

// A lead's timeline (GET /leads/{id}/timeline), oldest first.

export type TimelineKind = "form_submitted" | "created" | "stage_changed" | "note" | "notification";

/** One thing that happened to the lead; the fields that do not apply to its kind are null. */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  actor_id: string | null;
  actor_name: string | null;
  from_stage_id: string | null;
  from_stage_name: string | null;
  to_stage_id: string | null;
  to_stage_name: string | null;
  seconds_in_previous: number | null;
  note_id: string | null;
  body: string | null;
  notification_id: string | null;
  recipient_id: string | null;
  notification_kind: string | null;
  title: string | null;
  form_id: string | null;
  submission_id: string | null;
  attribution: TouchAttribution | null;
}

export interface Timeline {
  lead_id: string;
  items: TimelineEntry[];
}

// In-app notifications: the bell (GET /notifications, /notifications/unread-count, read marks).

export type NotificationKind =
  | "lead_assigned"
  | "lead_moved"
  | "lead_won"
  | "followup_due"
  | "followup_overdue"
  | "task_due"
  | "task_overdue";

export interface AppNotification {
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

export interface NotificationPage {
  items: AppNotification[];
  next_cursor: string | null;
  unread_count: number;
}

export interface UnreadCount {
  unread_count: number;
}

// Lead capture forms (POST/GET /forms, GET/PATCH/DELETE /forms/{id}, publish, unpublish, duplicate,
// GET /forms/{id}/submissions) and the attribution a form submission records.

export type FormFieldType = "text" | "email" | "phone" | "textarea" | "select" | "checkbox" | "hidden" | "consent";

export type AdConsentSignal = "ad_user_data" | "ad_personalization";

export type ConsentValue = "granted" | "denied" | "unspecified";

export type AdConsent = Record<AdConsentSignal, ConsentValue>;

/** A lead's attribution as a form submission records it: the visit plus who, when, consent and form. */
export type TouchAttribution = Attribution &
  Partial<Record<"first_seen_at" | "submitted_at" | "form_id", string>> & { consent?: AdConsent | null };

export interface Touch {
  submission_id: string;
  form_id: string;
  touched_at: string;
  attribution: TouchAttribution;
}

/** One input of a form; `maps_to` is a lead field or `custom:<key>`, null for a consent box. */
export interface FormFieldDefinition {
  name: string;
  type: FormFieldType;
  label: string;
  placeholder: string | null;
  required: boolean;
  options: string[];
  maps_to: string | null;
  default: string | null;
  consent_signals: AdConsentSignal[];
  max_length: number | null;
}

export type AssignmentMode = "unassigned" | "user" | "round_robin";

export interface FormAssignment {
  mode: AssignmentMode;
  user_id: string | null;
}

export type CaptchaProvider = "turnstile" | "recaptcha";

export type DuplicatePolicy = "attach" | "create";

export interface CaptureForm {
  form_id: string;
  name: string;
  status: "draft" | "published";
  fields: FormFieldDefinition[];
  submit_label: string;
  pipeline_id: string;
  stage_id: string;
  assignment: FormAssignment;
  thank_you_message: string;
  redirect_url: string | null;
  allowed_domains: string[];
  /** The secret comes back as the mask ("********") when one is stored, never as itself. */
  captcha: { provider: CaptchaProvider; site_key: string; secret: string | null } | null;
  duplicates: DuplicatePolicy;
  min_fill_seconds: number;
  rate_limits: { per_ip: number; per_ip_window_seconds: number; per_form_per_minute: number };
  consent_default: ConsentValue;
  tags: string[];
  /** Relative to the API's base URL. */
  hosted_path: string;
  definition_path: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  version: number;
}

/** What the builder sends: a new form takes any subset (only `name` is required). */
export interface FormSettingsInput {
  name?: string;
  fields?: FormFieldDefinition[];
  submit_label?: string;
  pipeline_id?: string | null;
  stage_id?: string | null;
  assignment?: FormAssignment;
  thank_you_message?: string;
  redirect_url?: string | null;
  allowed_domains?: string[];
  /** Leave `secret` out (or send the mask) to keep the stored one; `captcha: null` removes it. */
  captcha?: { provider: CaptchaProvider; site_key: string; secret?: string } | null;
  duplicates?: DuplicatePolicy;
}

export interface FormUpdate extends FormSettingsInput {
  version: number;
}

export type SubmissionOutcome = "created" | "attached" | "spam";

export interface FormSubmission {
  submission_id: string;
  form_id: string;
  submitted_at: string;
  outcome: SubmissionOutcome;
  spam: boolean;
  spam_reason: string | null;
  lead_id: string | null;
  lead_name: string | null;
  values: Record<string, string | number | boolean | null>;
  attribution: TouchAttribution;
  /** Kept although the plan's monthly lead limit was reached (not every API version reports it). */
  over_limit?: boolean;
}

export interface SubmissionPage {
  items: FormSubmission[];
  next_cursor: string | null;
}
