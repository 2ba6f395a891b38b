// The form builder's state: a draft of a form's settings and fields, the edits made to it (one
// reducer), and the API bodies built from it (the whole form to create, the changed keys to save).

import type { AdConsentSignal } from "../leads/types";
import type { AssignmentMode, CaptchaProvider, CaptureForm, DuplicatePolicy, FormFieldDefinition, FormFieldType, FormSettingsInput } from "./types";

export const FIELD_TYPES: readonly FormFieldType[] = [
  "text",
  "email",
  "phone",
  "textarea",
  "select",
  "checkbox",
  "hidden",
  "consent",
];

export const FIELD_TYPE_LABELS: Record<FormFieldType, string> = {
  text: "Text",
  email: "Email",
  phone: "Phone",
  textarea: "Paragraph",
  select: "Dropdown",
  checkbox: "Checkbox",
  hidden: "Hidden value",
  consent: "Ad consent checkbox",
};

const NEW_FIELD_LABELS: Record<FormFieldType, string> = {
  text: "Short answer",
  email: "Email",
  phone: "Phone",
  textarea: "Message",
  select: "Choose one",
  checkbox: "Yes, please",
  hidden: "Campaign",
  consent: "You may use my data to measure and personalise ads",
};

export const LEAD_TARGETS = ["first_name", "last_name", "full_name", "email", "phone", "company"] as const;
export type LeadTarget = (typeof LEAD_TARGETS)[number];
/** Where a field's answer goes: a lead field, a custom field, or nowhere (a consent box records consent). */
export type FieldTarget = LeadTarget | "custom" | "";

export const TARGET_LABELS: Record<LeadTarget | "custom", string> = {
  first_name: "First name",
  last_name: "Last name",
  full_name: "Full name",
  email: "Email",
  phone: "Phone",
  company: "Company",
  custom: "Custom field",
};

export const CONSENT_SIGNALS: readonly AdConsentSignal[] = ["ad_user_data", "ad_personalization"];
export const CONSENT_SIGNAL_LABELS: Record<AdConsentSignal, string> = {
  ad_user_data: "Ad user data (ad_user_data)",
  ad_personalization: "Ad personalisation (ad_personalization)",
};

export const CAPTCHA_LABELS: Record<CaptchaProvider, string> = {
  turnstile: "Cloudflare Turnstile",
  recaptcha: "Google reCAPTCHA",
};

/** A saved form names its captcha's provider as text; these are the ones the builder offers. */
export function isCaptchaProvider(provider: string): provider is CaptchaProvider {
  return Object.hasOwn(CAPTCHA_LABELS, provider);
}

const CUSTOM_PREFIX = "custom:";
const NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const CUSTOM_KEY_PATTERN = /^[a-z0-9_]{1,64}$/;
// Names a field may not take: the post carries attribution keys and these beside the fields.
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  "gclid",
  "gbraid",
  "wbraid",
  "fbclid",
  "fbc",
  "fbp",
  "msclkid",
  "ttclid",
  "li_fat_id",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_term",
  "utm_content",
  "utm_id",
  "landing_page",
  "referrer",
  "first_seen_at",
  "page_url",
  "fields",
  "attribution",
  "last_touch",
  "honeypot",
  "started_at",
  "captcha_token",
]);

/** The lead fields a field of this type may fill (besides a custom field, which every type but consent may). */
export function targetsFor(type: FormFieldType): readonly LeadTarget[] {
  switch (type) {
    case "email":
      return ["email"];
    case "phone":
      return ["phone"];
    case "text":
    case "textarea":
    case "select":
      return ["first_name", "last_name", "full_name", "company"];
    case "hidden":
      return LEAD_TARGETS;
    case "checkbox":
    case "consent":
      return [];
  }
}

export interface DraftField {
  /** Stable while editing (reorder, remove), never sent. */
  key: string;
  name: string;
  /** The name follows the label until someone edits the name itself (new fields only). */
  autoName: boolean;
  type: FormFieldType;
  label: string;
  placeholder: string;
  required: boolean;
  /** A select's options, one per line, as typed. */
  optionsText: string;
  target: FieldTarget;
  /** The custom field's key; empty means the field's name. */
  customKey: string;
  defaultValue: string;
  consentSignals: AdConsentSignal[];
  maxLength: number | null;
}

export type AfterSubmit = "message" | "redirect";

export interface FormDraft {
  name: string;
  submitLabel: string;
  /** Empty: the default pipeline (and its first stage), as the API chooses. */
  pipelineId: string;
  stageId: string;
  assignment: AssignmentMode;
  ownerId: string;
  afterSubmit: AfterSubmit;
  thankYouMessage: string;
  redirectUrl: string;
  allowedDomains: string[];
  captchaProvider: CaptchaProvider | "";
  captchaSiteKey: string;
  /** A new secret to send; empty keeps the stored one. */
  captchaSecret: string;
  /** The stored secret's mask, or null when none is stored. */
  captchaMask: string | null;
  /** Replace was pressed: the secret input shows although one is stored. */
  captchaReplacing: boolean;
  duplicates: DuplicatePolicy;
  /** The value each new lead gets, as typed; empty: none (0). */
  leadValue: string;
  /** The new leads' currency; empty: the account's. */
  currency: string;
  fields: DraftField[];
  /** The next field key to hand out. */
  nextKey: number;
}

export const DEFAULT_THANK_YOU = "Thank you! We will be in touch soon.";

function field(key: string, values: Partial<DraftField> & Pick<DraftField, "name" | "type" | "label">): DraftField {
  return {
    key,
    autoName: false,
    placeholder: "",
    required: false,
    optionsText: "",
    target: defaultTarget(values.type, []),
    customKey: "",
    defaultValue: "",
    consentSignals: [],
    maxLength: null,
    ...values,
  };
}

/** A new form as the API would make it: name, email and phone fields, the default pipeline's first stage. */
export function emptyDraft(): FormDraft {
  return {
    name: "",
    submitLabel: "Send",
    pipelineId: "",
    stageId: "",
    assignment: "unassigned",
    ownerId: "",
    afterSubmit: "message",
    thankYouMessage: DEFAULT_THANK_YOU,
    redirectUrl: "",
    allowedDomains: [],
    captchaProvider: "",
    captchaSiteKey: "",
    captchaSecret: "",
    captchaMask: null,
    captchaReplacing: false,
    duplicates: "attach",
    leadValue: "",
    currency: "",
    fields: [
      field("f1", { name: "name", type: "text", label: "Name", required: true, target: "full_name" }),
      field("f2", { name: "email", type: "email", label: "Email", required: true, target: "email" }),
      field("f3", { name: "phone", type: "phone", label: "Phone", target: "phone" }),
    ],
    nextKey: 4,
  };
}

function targetOf(definition: FormFieldDefinition): { target: FieldTarget; customKey: string } {
  const mapsTo = definition.maps_to;
  if (!mapsTo || definition.type === "consent") return { target: "", customKey: "" };
  if (mapsTo.startsWith(CUSTOM_PREFIX)) return { target: "custom", customKey: mapsTo.slice(CUSTOM_PREFIX.length) };
  return { target: (LEAD_TARGETS as readonly string[]).includes(mapsTo) ? (mapsTo as LeadTarget) : "custom", customKey: "" };
}

function leadMoney(form: CaptureForm): Pick<FormDraft, "leadValue" | "currency"> {
  const value = form.default_value;
  return { leadValue: value === null || value === undefined ? "" : String(value), currency: form.currency ?? "" };
}

/** The draft of a saved form; `keys` keeps the field keys of the draft it replaces (focus stays put). */
export function draftFromForm(form: CaptureForm, keys: readonly string[] = []): FormDraft {
  const fields = form.fields.map((definition, index) => ({
    key: keys[index] ?? `f${index + 1}`,
    name: definition.name,
    autoName: false,
    type: definition.type,
    label: definition.label,
    placeholder: definition.placeholder ?? "",
    required: definition.required ?? false,
    optionsText: (definition.options ?? []).join("\n"),
    ...targetOf(definition),
    defaultValue: definition.default ?? "",
    consentSignals: [...(definition.consent_signals ?? [])],
    maxLength: definition.max_length ?? null,
  }));
  const used = [...keys, ...fields.map((item) => item.key)].map((key) => Number(key.slice(1))).filter(Number.isFinite);
  return {
    name: form.name,
    submitLabel: form.submit_label,
    pipelineId: form.pipeline_id,
    stageId: form.stage_id,
    assignment: form.assignment.mode ?? "unassigned",
    ownerId: form.assignment.user_id ?? "",
    afterSubmit: form.redirect_url ? "redirect" : "message",
    thankYouMessage: form.thank_you_message,
    redirectUrl: form.redirect_url ?? "",
    allowedDomains: [...form.allowed_domains],
    captchaProvider: form.captcha && isCaptchaProvider(form.captcha.provider) ? form.captcha.provider : "",
    captchaSiteKey: form.captcha?.site_key ?? "",
    captchaSecret: "",
    captchaMask: form.captcha?.secret ?? null,
    captchaReplacing: false,
    duplicates: form.duplicates === "create" ? "create" : "attach",
    ...leadMoney(form),
    fields,
    nextKey: Math.max(0, ...used) + 1,
  };
}

/** A field name from a label: lowercase letters, digits and _, starting with a letter, not reserved, unique. */
export function fieldNameFor(label: string, taken: readonly string[], fallback = "field"): string {
  let base = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!base) base = fallback;
  if (!/^[a-z]/.test(base)) base = `f_${base}`;
  base = base.slice(0, 36).replace(/_+$/, "");
  if (RESERVED_NAMES.has(base)) base = `${base}_field`;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

export function isValidFieldName(name: string): boolean {
  return NAME_PATTERN.test(name) && !RESERVED_NAMES.has(name);
}

/** A lead field another field does not fill yet, else a custom field. */
function defaultTarget(type: FormFieldType, others: readonly DraftField[]): FieldTarget {
  if (type === "consent") return "";
  const taken = new Set(others.map((other) => other.target));
  if (type === "email" || type === "phone") return taken.has(type) ? "custom" : type;
  return "custom";
}

export type DraftSettings = Omit<FormDraft, "fields" | "nextKey">;

export type FieldPatch = Partial<
  Pick<
    DraftField,
    "label" | "name" | "placeholder" | "required" | "optionsText" | "target" | "customKey" | "defaultValue" | "consentSignals"
  >
>;

export type DraftAction =
  | { type: "settings"; patch: Partial<DraftSettings> }
  | { type: "addField"; fieldType: FormFieldType }
  | { type: "updateField"; key: string; patch: FieldPatch }
  | { type: "changeFieldType"; key: string; fieldType: FormFieldType }
  | { type: "moveField"; key: string; by: -1 | 1 }
  | { type: "removeField"; key: string }
  | { type: "addDomain"; domain: string }
  | { type: "removeDomain"; domain: string }
  | { type: "replace"; draft: FormDraft };

/** A domain as the API keeps it: lowercase host (and port), no scheme or path. */
export function cleanDomain(input: string): string {
  let text = input.trim().toLowerCase();
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  text = text.split(/[/?#]/)[0] ?? "";
  return text.replace(/\.$/, "");
}

function updateField(draft: FormDraft, key: string, update: (item: DraftField) => DraftField): FormDraft {
  return { ...draft, fields: draft.fields.map((item) => (item.key === key ? update(item) : item)) };
}

function otherNames(draft: FormDraft, key: string): string[] {
  return draft.fields.filter((item) => item.key !== key).map((item) => item.name);
}

function addField(draft: FormDraft, type: FormFieldType): FormDraft {
  const key = `f${draft.nextKey}`;
  const label = NEW_FIELD_LABELS[type];
  const added = field(key, {
    name: fieldNameFor(label, draft.fields.map((item) => item.name), type),
    autoName: true,
    type,
    label,
    target: defaultTarget(type, draft.fields),
    optionsText: type === "select" ? "Option 1\nOption 2" : "",
    consentSignals: type === "consent" ? [...CONSENT_SIGNALS] : [],
  });
  return { ...draft, fields: [...draft.fields, added], nextKey: draft.nextKey + 1 };
}

function patchField(draft: FormDraft, key: string, patch: FieldPatch): FormDraft {
  return updateField(draft, key, (item) => {
    const next = { ...item, ...patch };
    if (patch.name !== undefined) next.autoName = false;
    else if (patch.label !== undefined && item.autoName) next.name = fieldNameFor(patch.label, otherNames(draft, key), item.type);
    return next;
  });
}

function changeType(draft: FormDraft, key: string, type: FormFieldType): FormDraft {
  return updateField(draft, key, (item) => {
    if (type === item.type) return item;
    const others = draft.fields.filter((other) => other.key !== key);
    const keepsTarget =
      item.target === "custom" ? type !== "consent" : (targetsFor(type) as readonly string[]).includes(item.target);
    return {
      ...item,
      type,
      target: keepsTarget ? item.target : defaultTarget(type, others),
      optionsText: type === "select" ? item.optionsText || "Option 1\nOption 2" : "",
      consentSignals: type === "consent" ? [...CONSENT_SIGNALS] : [],
      required: type === "hidden" ? false : item.required,
    };
  });
}

function moveField(draft: FormDraft, key: string, by: -1 | 1): FormDraft {
  const index = draft.fields.findIndex((item) => item.key === key);
  const target = index + by;
  if (index < 0 || target < 0 || target >= draft.fields.length) return draft;
  const fields = [...draft.fields];
  [fields[index], fields[target]] = [fields[target]!, fields[index]!];
  return { ...draft, fields };
}

function addDomain(draft: FormDraft, input: string): FormDraft {
  const domain = cleanDomain(input);
  if (!domain || draft.allowedDomains.includes(domain)) return draft;
  return { ...draft, allowedDomains: [...draft.allowedDomains, domain] };
}

export function draftReducer(draft: FormDraft, action: DraftAction): FormDraft {
  switch (action.type) {
    case "settings":
      return { ...draft, ...action.patch };
    case "replace":
      return action.draft;
    case "addField":
      return addField(draft, action.fieldType);
    case "updateField":
      return patchField(draft, action.key, action.patch);
    case "changeFieldType":
      return changeType(draft, action.key, action.fieldType);
    case "moveField":
      return moveField(draft, action.key, action.by);
    case "removeField":
      return { ...draft, fields: draft.fields.filter((item) => item.key !== action.key) };
    case "addDomain":
      return addDomain(draft, action.domain);
    case "removeDomain":
      return { ...draft, allowedDomains: draft.allowedDomains.filter((domain) => domain !== action.domain) };
  }
}

/** A select's options from its text: one per line, blank lines left out. */
export function optionsOf(item: Pick<DraftField, "optionsText">): string[] {
  return item.optionsText
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

export function mapsToOf(item: DraftField): string | null {
  if (item.type === "consent" || item.target === "") return null;
  if (item.target === "custom") return `${CUSTOM_PREFIX}${item.customKey.trim() || item.name}`;
  return item.target;
}

export function fieldDefinition(item: DraftField): FormFieldDefinition {
  return {
    name: item.name.trim(),
    type: item.type,
    label: item.label,
    placeholder: item.placeholder.trim() || null,
    required: item.type === "hidden" ? false : item.required,
    options: item.type === "select" ? optionsOf(item) : [],
    maps_to: mapsToOf(item),
    default: item.type === "hidden" ? item.defaultValue : null,
    consent_signals: item.type === "consent" ? [...item.consentSignals] : [],
    max_length: item.maxLength,
  };
}

/** The settings the builder edits; the API keeps its defaults for the others. */
export type BuilderSettings = Required<
  Pick<
    FormSettingsInput,
    | "name"
    | "fields"
    | "submit_label"
    | "pipeline_id"
    | "stage_id"
    | "assignment"
    | "thank_you_message"
    | "redirect_url"
    | "allowed_domains"
    | "captcha"
    | "duplicates"
    | "default_value"
    | "currency"
  >
>;

/** The whole form as the API takes it (POST /forms, and what a save compares). */
export function settingsBody(draft: FormDraft): BuilderSettings {
  return {
    name: draft.name.trim(),
    fields: draft.fields.map(fieldDefinition),
    submit_label: draft.submitLabel.trim(),
    pipeline_id: draft.pipelineId || null,
    stage_id: draft.stageId || null,
    assignment: { mode: draft.assignment, user_id: draft.assignment === "user" ? draft.ownerId || null : null },
    thank_you_message: draft.thankYouMessage.trim(),
    redirect_url: draft.afterSubmit === "redirect" ? draft.redirectUrl.trim() || null : null,
    allowed_domains: [...draft.allowedDomains],
    captcha: draft.captchaProvider
      ? {
          provider: draft.captchaProvider,
          site_key: draft.captchaSiteKey.trim(),
          ...(draft.captchaSecret.trim() ? { secret: draft.captchaSecret.trim() } : {}),
        }
      : null,
    duplicates: draft.duplicates,
    default_value: draft.leadValue.trim() || null,
    currency: draft.currency.trim().toUpperCase() || null,
  };
}

/**
 * What a save sends: the settings that differ from the saved form's. A pipeline and its stage go
 * together (the API puts a form moved to another pipeline in its first stage unless told the stage).
 */
export function changedSettings(saved: FormDraft, draft: FormDraft): Partial<BuilderSettings> {
  const before = settingsBody(saved);
  const after = settingsBody(draft);
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  if ("pipeline_id" in changes || "stage_id" in changes) {
    changes.pipeline_id = after.pipeline_id;
    changes.stage_id = after.stage_id;
  }
  return changes as Partial<BuilderSettings>;
}

export function isDirty(saved: FormDraft, draft: FormDraft): boolean {
  return Object.keys(changedSettings(saved, draft)).length > 0;
}

/** What the API would refuse with a less helpful message, caught before sending (input id -> message). */
export function localErrors(draft: FormDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.afterSubmit === "redirect" && !draft.redirectUrl.trim()) {
    errors.redirect_url = "Enter the address of the page to send visitors to";
  }
  if (draft.assignment === "user" && !draft.ownerId) errors.owner = "Choose who owns the new leads";
  if (draft.captchaProvider && !draft.captchaSiteKey.trim()) errors.captcha_site_key = "Enter the site key";
  const value = draft.leadValue.trim();
  if (value && !/^\d+(\.\d{1,2})?$/.test(value)) errors.default_value = "Enter an amount like 250 or 99.50";
  if (draft.currency.trim() && !/^[A-Za-z]{3}$/.test(draft.currency.trim())) {
    errors.currency = "Enter a three-letter currency code like USD";
  }
  return errors;
}
