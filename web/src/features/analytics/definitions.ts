// What each figure of the reports means, in plain words: the header tooltips and the
// stat labels show them, as docs/analytics.md and the API's field descriptions define each figure.

const HISTOGRAM = "It is read from a histogram, so it is within 25% of the exact figure.";

export const DEFINITIONS = {
  // Revenue by source
  leads: "New leads created in the range, each counted under the source, campaign and ad of its first touch.",
  open_leads: "Of those new leads, the ones still open (neither won nor lost), counted by their first touch.",
  open_value: "The value of those open leads: pipeline still to win, counted by the lead's first touch.",
  won:
    "Wins credited to this row: each win's credit is split over the touches of the lead's contact before the win, as the attribution model says, so a row can get part of a win.",
  win_rate:
    "Credited wins divided by new leads. Credit can come from other rows' leads, so an ad that closes what others started can pass 100%.",
  revenue:
    "Revenue won in the range and credited to this row: each win is split over the touches of the lead's contact before the win, as the attribution model says.",
  average_deal: "Credited revenue divided by credited wins.",
  median_days_to_win: `Half of the credited wins took fewer days than this from the lead's creation to the win. ${HISTOGRAM}`,

  // Funnel
  cohort: "Leads created in the range: the funnel follows these leads through the stages.",
  cohort_won: "Leads of the cohort that are won now.",
  cohort_won_share: "Leads of the cohort that are won now, as a share of the cohort.",
  reached: "Leads of the cohort that were in this stage at some point.",
  share: "Leads that reached this stage, as a share of the cohort.",
  to_next: "Of the leads that reached this stage, the share that also reached the next stage shown.",
  to_won: "Of the leads that reached this stage, the share that is won now.",

  // Stage velocity
  exits: "Leads that left this stage during the range.",
  median_time: `Half of the leads that left this stage spent less time in it than this. ${HISTOGRAM}`,
  p90_time: `Nine in ten leads that left this stage spent less time in it than this. ${HISTOGRAM}`,
  previous_median_time: "The median time in this stage during the period of the same length just before the range.",
  median_change: "How much the median time in this stage changed since the previous period: a rise means leads wait longer.",
  stalled: "Open leads that have been in this stage longer than its p90 time, longest first; ten are listed per stage.",
  days_in_stage: "Days since the lead entered this stage.",
  value: "The lead's value.",
  owner: "The user who owns the lead.",

  // Revenue over time
  period_revenue: "Revenue of the wins in this day, week (from Monday) or month, in your time zone.",
  period_wins: "Leads won in this day, week or month.",
  previous_revenue: "Revenue won at the same point of the period of the same length just before the range.",
  total_revenue:
    "All revenue won in the range. Every model gives the same total; with a source picked, it is that source's credit under the model.",
  previous_total: "All revenue won in the period of the same length just before the range.",
  revenue_change: "How much more or less revenue was won in the range than in the period of the same length just before it.",
  forecast_leads: "Open leads expected to close in this month (by their expected close date).",
  forecast_value: "The full value of those open leads.",
  forecast_weighted: "Each open lead's value times the win probability of its stage, added up.",

  // Agents
  leads_owned: "Leads created in the range that this user owns.",
  leads_touched: "Leads this user moved to another stage, added a note to or completed a follow-up on, counted once a day.",
  agent_won: "Leads this user owns that were won in the range.",
  agent_revenue: "The value of the leads this user owns that were won in the range.",
  agent_win_rate: "Wins divided by leads owned.",
  response_time: `The median time from a lead's creation to its first stage move, note or completed follow-up by a user, for the leads created in the range. ${HISTOGRAM}`,
  awaiting_response: "Open leads created in the range that this user owns and nobody has acted on yet.",
  followups_overdue: "Open follow-ups assigned to this user that were due before today.",
  tasks_overdue: "Open tasks assigned to this user that were due before today.",

  // Conversions health
  won_revenue: "Revenue of the leads won in the range.",
  wins: "Leads won in the range.",
  reached_share: "The share of won revenue that this ad platform was told about.",
  outcome_wins: "Wins with this outcome on this platform.",
  outcome_revenue: "Revenue of those wins.",
  outcome_share: "That revenue as a share of all revenue won in the range.",
} as const;

export type Metric = keyof typeof DEFINITIONS;

export function definitionOf(metric: Metric): string {
  return DEFINITIONS[metric];
}
