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
}

export interface Pipeline {
  pipeline_id: string;
  name: string;
  is_default: boolean;
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
