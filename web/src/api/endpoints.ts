// One function per API operation the web app uses.

import type { ApiClient } from "./client";
import type {
  CaptureForm,
  FormSettingsInput,
  FormUpdate,
  SubmissionPage,
  BillingOverview,
  BulkCompleteResult,
  CardSetup,
  EmailSettings,
  EmailSettingsUpdate,
  EmailTestResult,
  FollowUp,
  FollowUpCreate,
  FollowUpPage,
  FollowUpQueueQuery,
  FollowUpSnooze,
  FollowUpUpdate,
  NotificationPreferences,
  Task,
  TaskCreate,
  TaskPage,
  TaskQuery,
  TaskUpdate,
  CheckoutResult,
  AdPlatform,
  AdsSettings,
  AdsSettingsUpdate,
  ConnectionTestResult,
  ConversionFilters,
  LedgerPage,
  ReplayRequest,
  ReplayResult,
  LeadCreate,
  LeadDetail,
  Lead,
  LeadPage,
  LeadUpdate,
  Note,
  Pipeline,
  PipelineCreate,
  PipelineUpdate,
  Board,
  BoardQuery,
  CardPage,
  NotificationPage,
  AppNotification,
  StageCreate,
  StageDeletion,
  StageUpdate,
  Stage,
  Timeline,
  UnreadCount,
  Profile,
  SignUpRequest,
  SignUpResponse,
  Tokens,
  User,
  SeenLead,
  StageMove,
} from "./types";
import type { LeadFilters } from "../lib/filters";

const lead = (leadId: string) => `/leads/${encodeURIComponent(leadId)}`;
const formPath = (formId: string) => `/forms/${encodeURIComponent(formId)}`;
const pipelinePath = (pipelineId: string) => `/pipelines/${encodeURIComponent(pipelineId)}`;
const stagePath = (pipelineId: string, stageId: string) =>
  `${pipelinePath(pipelineId)}/stages/${encodeURIComponent(stageId)}`;
const followUp = (leadId: string, followUpId: string) => `${lead(leadId)}/followups/${encodeURIComponent(followUpId)}`;
const task = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;

export function endpoints(client: ApiClient) {
  return {
    signUp: (body: SignUpRequest) => client.post<SignUpResponse>("/auth/signup", body, { auth: false }),
    login: (email: string, password: string) =>
      client.post<Tokens>("/auth/login", { email, password }, { auth: false }),
    forgotPassword: (email: string) =>
      client.post<{ message: string }>("/auth/password/forgot", { email }, { auth: false }),
    confirmPassword: (email: string, code: string, password: string) =>
      client.post<{ message: string }>("/auth/password/confirm", { email, code, password }, { auth: false }),
    me: () => client.get<Profile>("/me"),

    users: () => client.get<{ items: User[] }>("/users").then((page) => page.items),
    pipelines: () => client.get<{ items: Pipeline[] }>("/pipelines").then((page) => page.items),

    listLeads: (filters: LeadFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<LeadPage>("/leads", { ...filters, cursor, limit }, signal),
    getLead: (leadId: string) => client.get<LeadDetail>(lead(leadId)),
    createLead: (body: LeadCreate) => client.post<Lead>("/leads", body),
    updateLead: (leadId: string, body: LeadUpdate) => client.patch<Lead>(lead(leadId), body),
    deleteLead: (leadId: string) => client.delete<Lead>(lead(leadId)),
    restoreLead: (leadId: string) => client.post<Lead>(`${lead(leadId)}/restore`),
    addNote: (leadId: string, body: string) => client.post<Note>(`${lead(leadId)}/notes`, { body }),
    updateNote: (leadId: string, noteId: string, body: string, version: number) =>
      client.patch<Note>(`${lead(leadId)}/notes/${encodeURIComponent(noteId)}`, { body, version }),

    adsSettings: () => client.get<AdsSettings>("/settings/ads"),
    saveAdsSettings: (body: AdsSettingsUpdate) => client.request<AdsSettings>("PUT", "/settings/ads", { body }),
    testAdsConnection: (platform: AdPlatform) =>
      client.post<ConnectionTestResult>("/settings/ads/test", { platform }),
    conversions: (filters: ConversionFilters, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<LedgerPage>("/conversions", { ...filters, cursor, limit }, signal),
    leadConversions: (leadId: string) => client.get<LedgerPage>(`${lead(leadId)}/conversions`),
    replayConversions: (body: ReplayRequest) => client.post<ReplayResult>("/conversions/replay", body),

    billing: () => client.get<BillingOverview>("/billing"),
    billingCheckout: (plan: string) => client.post<CheckoutResult>("/billing/checkout", { plan }),
    billingCardSetup: () => client.post<CardSetup>("/billing/card-setup"),
    billingSubscribe: (plan: string, paymentMethod: string) =>
      client.post<BillingOverview>("/billing/subscription", { plan, payment_method: paymentMethod }),
    billingPortal: () => client.post<{ url: string }>("/billing/portal"),
    billingCancel: (cancelAtPeriodEnd: boolean) =>
      client.post<BillingOverview>("/billing/cancel", { cancel_at_period_end: cancelAtPeriodEnd }),
    billingDowngrade: (plan: string) => client.post<BillingOverview>("/billing/downgrade", { plan }),

    leadFollowUps: (leadId: string, tz?: string) => client.get<FollowUpPage>(`${lead(leadId)}/followups`, { tz }),
    createFollowUp: (leadId: string, body: FollowUpCreate) => client.post<FollowUp>(`${lead(leadId)}/followups`, body),
    updateFollowUp: (leadId: string, followUpId: string, body: FollowUpUpdate) =>
      client.patch<FollowUp>(followUp(leadId, followUpId), body),
    deleteFollowUp: (leadId: string, followUpId: string) => client.delete<FollowUp>(followUp(leadId, followUpId)),
    completeFollowUp: (leadId: string, followUpId: string) =>
      client.post<FollowUp>(`${followUp(leadId, followUpId)}/complete`),
    reopenFollowUp: (leadId: string, followUpId: string) => client.post<FollowUp>(`${followUp(leadId, followUpId)}/reopen`),
    snoozeFollowUp: (leadId: string, followUpId: string, body: FollowUpSnooze) =>
      client.post<FollowUp>(`${followUp(leadId, followUpId)}/snooze`, body),
    followUpQueue: (query: FollowUpQueueQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<FollowUpPage>("/followups", { ...query, cursor, limit }, signal),

    tasks: (query: TaskQuery, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<TaskPage>("/tasks", { ...query, cursor, limit }, signal),
    getTask: (taskId: string) => client.get<Task>(task(taskId)),
    createTask: (body: TaskCreate) => client.post<Task>("/tasks", body),
    updateTask: (taskId: string, body: TaskUpdate) => client.patch<Task>(task(taskId), body),
    deleteTask: (taskId: string) => client.delete<Task>(task(taskId)),
    bulkCompleteTasks: (taskIds: string[]) =>
      client.post<BulkCompleteResult>("/tasks/bulk-complete", { task_ids: taskIds }),

    emailSettings: () => client.get<EmailSettings>("/settings/email"),
    saveEmailSettings: (body: EmailSettingsUpdate) =>
      client.request<EmailSettings>("PUT", "/settings/email", { body }),
    removeEmailSettings: () => client.delete<EmailSettings>("/settings/email"),
    sendTestEmail: (to: string | null) => client.post<EmailTestResult>("/settings/email/test", to ? { to } : {}),

    notificationPreferences: () => client.get<NotificationPreferences>("/me/notification-preferences"),
    saveNotificationPreferences: (channels: NotificationPreferences["channels"]) =>
      client.request<NotificationPreferences>("PUT", "/me/notification-preferences", { body: { channels } }),

    pipeline: (pipelineId: string) => client.get<Pipeline>(pipelinePath(pipelineId)),
    createPipeline: (body: PipelineCreate) => client.post<Pipeline>("/pipelines", body),
    updatePipeline: (pipelineId: string, body: PipelineUpdate) => client.patch<Pipeline>(pipelinePath(pipelineId), body),
    deletePipeline: (pipelineId: string) => client.delete<null>(pipelinePath(pipelineId)),
    addStage: (pipelineId: string, body: StageCreate) => client.post<Stage>(`${pipelinePath(pipelineId)}/stages`, body),
    updateStage: (pipelineId: string, stageId: string, body: StageUpdate) =>
      client.patch<Stage>(stagePath(pipelineId, stageId), body),
    deleteStage: (pipelineId: string, stageId: string, moveTo?: string | null) =>
      client.request<StageDeletion>("DELETE", stagePath(pipelineId, stageId), { query: { move_to: moveTo } }),
    reorderStages: (pipelineId: string, stageIds: string[]) =>
      client.request<Pipeline>("PUT", `${pipelinePath(pipelineId)}/stage-order`, { body: { stage_ids: stageIds } }),
    board: (pipelineId: string, query: BoardQuery, signal?: AbortSignal) =>
      client.get<Board>(`${pipelinePath(pipelineId)}/board`, { ...query }, signal),
    columnPage: (pipelineId: string, stageId: string, cursor: string, query: BoardQuery) =>
      client.get<CardPage>(`${stagePath(pipelineId, stageId)}/leads`, { limit: query.limit, owner_id: query.owner_id, cursor }),
    /** One transaction on the server: `seen` (the lead as shown) is checked by the write itself. */
    moveLead: (leadId: string, stageId: string, version: number, seen: SeenLead) =>
      client.post<StageMove>(`${lead(leadId)}/stage`, { stage_id: stageId, version, seen }),
    leadTimeline: (leadId: string) => client.get<Timeline>(`${lead(leadId)}/timeline`),

    notifications: (cursor: string | null, limit: number) =>
      client.get<NotificationPage>("/notifications", { cursor, limit }),
    unreadCount: () => client.get<UnreadCount>("/notifications/unread-count"),
    markNotificationRead: (notificationId: string) =>
      client.post<AppNotification>(`/notifications/${encodeURIComponent(notificationId)}/read`),
    markAllNotificationsRead: () => client.post<UnreadCount>("/notifications/read-all"),

    forms: () => client.get<{ items: CaptureForm[] }>("/forms").then((page) => page.items),
    getForm: (formId: string) => client.get<CaptureForm>(formPath(formId)),
    createForm: (body: FormSettingsInput) => client.post<CaptureForm>("/forms", body),
    updateForm: (formId: string, body: FormUpdate) => client.patch<CaptureForm>(formPath(formId), body),
    deleteForm: (formId: string) => client.delete<CaptureForm>(formPath(formId)),
    publishForm: (formId: string) => client.post<CaptureForm>(`${formPath(formId)}/publish`),
    unpublishForm: (formId: string) => client.post<CaptureForm>(`${formPath(formId)}/unpublish`),
    duplicateForm: (formId: string) => client.post<CaptureForm>(`${formPath(formId)}/duplicate`),
    formSubmissions: (formId: string, spam: boolean | null, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<SubmissionPage>(`${formPath(formId)}/submissions`, { spam, cursor, limit }, signal),
  };
}

export type Api = ReturnType<typeof endpoints>;
