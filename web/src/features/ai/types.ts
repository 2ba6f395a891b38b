// The AI API's shapes: a lead's insights (score, reasons, history, brief), the leads ranked by score,
// and Settings > AI.

import type { QueryOf, Schemas } from "../../api/contract";
import type { Lead } from "../leads/types";

/** GET /leads/{id}/insights: `score` null until the scorer has seen the lead, `summary` null until one is written. */
export type LeadInsights = Schemas["LeadInsights"];
/** The win probability (0-100) with its reasons; `model_kind` prior: a starting estimate, learned: from the workspace's own closed leads. */
export type LeadScore = Schemas["LeadScore"];
export type ScoreReason = Schemas["ScoreReason"];
/** One move of the score: when, to what, from what, and why. */
export type ScoreChange = Schemas["ScoreChange"];
/** The brief of a lead; `fresh` false: the lead changed since, and a GET writes a new one. */
export type LeadSummary = Schemas["LeadSummary"];
export type LeadBrief = Schemas["LeadBrief"];
/** Whether summaries can be asked now (a key on this installation, budget left), and why not. */
export type AiAvailability = Schemas["AiAvailability"];
export type SummaryRequest = Schemas["SummaryRequest"];

export type ScoresQuery = Omit<QueryOf<"/ai/scores">, "cursor" | "limit">;
/** One open lead with its score; `lead` is the lead as GET /leads lists it. */
export type ScoredLead = Omit<Schemas["ScoredLead"], "lead"> & { lead: Lead };
export type ScoredLeadPage = { items: ScoredLead[]; next_cursor: string | null };

/** GET /settings/ai: the switch, the installation's key and models, the month's usage, the score model's quality. */
export type AiSettings = Schemas["AiSettings"];
export type AiSettingsUpdate = Schemas["AiSettingsUpdate"];
export type AiUsage = Schemas["AiUsage"];
export type ModelQuality = Schemas["ModelQuality"];
export type TrainingAccepted = Schemas["TrainingAccepted"];
