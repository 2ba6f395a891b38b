import { describe, expect, it } from "vitest";
import {
  changedSettings,
  cleanDomain,
  draftFromForm,
  draftReducer,
  emptyDraft,
  fieldDefinition,
  fieldNameFor,
  isDirty,
  localErrors,
  settingsBody,
  type DraftAction,
  type FormDraft,
} from "./formModel";
import type { CaptureForm } from "./types";

const run = (draft: FormDraft, ...actions: DraftAction[]) => actions.reduce(draftReducer, draft);

// A saved form as GET /forms/{id} answers it.
const SAVED: CaptureForm = {
  form_id: "01FORM",
  name: "Roof inspection",
  status: "draft",
  fields: [
    { name: "name", type: "text", label: "Name", placeholder: null, required: true, options: [], maps_to: "full_name", default: null, consent_signals: [], max_length: null },
    { name: "email", type: "email", label: "Email", placeholder: "you@example.com", required: true, options: [], maps_to: "email", default: null, consent_signals: [], max_length: null },
    { name: "roof", type: "select", label: "Roof type", placeholder: null, required: false, options: ["Tile", "Metal"], maps_to: "custom:roof_type", default: null, consent_signals: [], max_length: null },
    { name: "ads_ok", type: "consent", label: "Ads", placeholder: null, required: false, options: [], maps_to: null, default: null, consent_signals: ["ad_user_data"], max_length: null },
  ],
  submit_label: "Book",
  pipeline_id: "P1",
  stage_id: "S2",
  assignment: { mode: "user", user_id: "U1" },
  thank_you_message: "Thanks!",
  redirect_url: null,
  allowed_domains: ["example.com"],
  captcha: { provider: "turnstile", site_key: "site-1", secret: "********" },
  duplicates: "attach",
  min_fill_seconds: 3,
  rate_limits: { per_ip: 10, per_ip_window_seconds: 600, per_form_per_minute: 120 },
  consent_default: "unspecified",
  tags: [],
  default_value: 250.5,
  currency: "EUR",
  hosted_path: "/f/01FORM",
  definition_path: "/f/01FORM/definition",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  published_at: null,
  version: 4,
};

describe("a new form", () => {
  it("starts like the API's default: name, email and phone, the default pipeline", () => {
    const body = settingsBody({ ...emptyDraft(), name: "Quote" });
    expect(body.fields.map((field) => [field.name, field.type, field.maps_to, field.required])).toEqual([
      ["name", "text", "full_name", true],
      ["email", "email", "email", true],
      ["phone", "phone", "phone", false],
    ]);
    expect(body).toMatchObject({ pipeline_id: null, stage_id: null, assignment: { mode: "unassigned", user_id: null }, captcha: null, redirect_url: null });
  });
});

describe("editing fields", () => {
  it("adds a field of a type with a unique name, a mapping that fits and a fresh key", () => {
    const draft = run(emptyDraft(), { type: "addField", fieldType: "email" }, { type: "addField", fieldType: "select" });
    const [email, select] = draft.fields.slice(-2);
    expect(email).toMatchObject({ key: "f4", type: "email", name: "email_2", target: "custom" }); // email is taken
    expect(select).toMatchObject({ key: "f5", type: "select", target: "custom", optionsText: "Option 1\nOption 2" });
    expect(draft.nextKey).toBe(6);
  });

  it("names a new field after its label until the name is edited", () => {
    let draft = run(emptyDraft(), { type: "addField", fieldType: "text" });
    const key = draft.fields[3]!.key;
    draft = run(draft, { type: "updateField", key, patch: { label: "Company name" } });
    expect(draft.fields[3]!.name).toBe("company_name");
    draft = run(draft, { type: "updateField", key, patch: { name: "org" } }, { type: "updateField", key, patch: { label: "Organisation" } });
    expect(draft.fields[3]!.name).toBe("org");
  });

  it("keeps saved fields' names when their labels change", () => {
    const draft = run(draftFromForm(SAVED), { type: "updateField", key: "f1", patch: { label: "Full name" } });
    expect(draft.fields[0]!.name).toBe("name");
  });

  it("changes a field's type and fixes what no longer fits", () => {
    let draft = run(emptyDraft(), { type: "changeFieldType", key: "f3", fieldType: "select" });
    expect(draft.fields[2]).toMatchObject({ type: "select", target: "custom", optionsText: "Option 1\nOption 2" });
    draft = run(draft, { type: "changeFieldType", key: "f3", fieldType: "consent" });
    expect(draft.fields[2]).toMatchObject({ type: "consent", target: "", optionsText: "", consentSignals: ["ad_user_data", "ad_personalization"] });
    draft = run(draft, { type: "changeFieldType", key: "f1", fieldType: "textarea" });
    expect(draft.fields[0]!.target).toBe("full_name");
  });

  it("moves fields up and down within the list, and removes them", () => {
    let draft = run(emptyDraft(), { type: "moveField", key: "f3", by: -1 });
    expect(draft.fields.map((field) => field.key)).toEqual(["f1", "f3", "f2"]);
    expect(run(draft, { type: "moveField", key: "f1", by: -1 })).toBe(draft);
    draft = run(draft, { type: "removeField", key: "f3" });
    expect(draft.fields.map((field) => field.key)).toEqual(["f1", "f2"]);
  });

  it("builds each type's definition with only what that type takes", () => {
    let draft = run(emptyDraft(), { type: "addField", fieldType: "hidden" }, { type: "addField", fieldType: "consent" });
    draft = run(draft, { type: "updateField", key: "f4", patch: { defaultValue: "spring", target: "custom", customKey: "campaign" } });
    const [hidden, consent] = draft.fields.slice(-2).map(fieldDefinition);
    expect(hidden).toMatchObject({ type: "hidden", default: "spring", maps_to: "custom:campaign", required: false, options: [] });
    expect(consent).toMatchObject({ type: "consent", maps_to: null, consent_signals: ["ad_user_data", "ad_personalization"] });
  });

  it("sends a select's options without blank lines", () => {
    const draft = run(emptyDraft(), { type: "addField", fieldType: "select" });
    const key = draft.fields[3]!.key;
    const edited = run(draft, { type: "updateField", key, patch: { optionsText: " Tile \n\nMetal\n" } });
    expect(fieldDefinition(edited.fields[3]!).options).toEqual(["Tile", "Metal"]);
  });
});

describe("field names", () => {
  it("makes a valid, unreserved, unique name from any label", () => {
    expect(fieldNameFor("Your e-mail address", [])).toBe("your_e_mail_address");
    expect(fieldNameFor("Ünïcodé", [])).toBe("unicode");
    expect(fieldNameFor("2nd phone", [])).toBe("f_2nd_phone");
    expect(fieldNameFor("gclid", [])).toBe("gclid_field");
    expect(fieldNameFor("Email", ["email", "email_2"])).toBe("email_3");
    expect(fieldNameFor("!!!", [], "text")).toBe("text");
  });
});

describe("domains", () => {
  it("keeps the host (and port) of whatever is pasted, once", () => {
    expect(cleanDomain(" https://WWW.Example.com/contact?x=1 ")).toBe("www.example.com");
    expect(cleanDomain("localhost:8080")).toBe("localhost:8080");
    let draft = run(emptyDraft(), { type: "addDomain", domain: "https://example.com/" }, { type: "addDomain", domain: "EXAMPLE.com" });
    expect(draft.allowedDomains).toEqual(["example.com"]);
    draft = run(draft, { type: "removeDomain", domain: "example.com" });
    expect(draft.allowedDomains).toEqual([]);
  });
});

describe("saving", () => {
  it("reads a saved form back to the same body", () => {
    const draft = draftFromForm(SAVED);
    expect(draft).toMatchObject({ assignment: "user", ownerId: "U1", captchaProvider: "turnstile", captchaMask: "********", afterSubmit: "message" });
    expect(draft.fields[2]).toMatchObject({ target: "custom", customKey: "roof_type", optionsText: "Tile\nMetal" });
    expect(settingsBody(draft).fields).toEqual(SAVED.fields);
    expect(isDirty(draft, draft)).toBe(false);
  });

  it("reads the API's defaults for what a saved form leaves out, and an unknown captcha as none", () => {
    const sparse: CaptureForm = {
      ...SAVED,
      fields: [{ name: "name", type: "text", label: "Name" }],
      assignment: {},
      captcha: { provider: "hcaptcha", site_key: "k", secret: null },
    };
    const draft = draftFromForm(sparse);
    expect(draft).toMatchObject({ assignment: "unassigned", captchaProvider: "" });
    expect(draft.fields[0]).toMatchObject({ required: false, optionsText: "", consentSignals: [], maxLength: null, placeholder: "" });
    expect(isDirty(draft, draft)).toBe(false);
  });

  it("sends only the settings that changed", () => {
    const saved = draftFromForm(SAVED);
    const draft = run(saved, { type: "settings", patch: { name: "Roof check", duplicates: "create" } });
    expect(changedSettings(saved, draft)).toEqual({ name: "Roof check", duplicates: "create" });
  });

  it("sends the pipeline and the stage together", () => {
    const saved = draftFromForm(SAVED);
    const draft = run(saved, { type: "settings", patch: { stageId: "S3" } });
    expect(changedSettings(saved, draft)).toEqual({ pipeline_id: "P1", stage_id: "S3" });
  });

  it("keeps the stored captcha secret unless a new one is typed", () => {
    const saved = draftFromForm(SAVED);
    expect(settingsBody(saved).captcha).toEqual({ provider: "turnstile", site_key: "site-1" });
    const replaced = run(saved, { type: "settings", patch: { captchaReplacing: true, captchaSecret: " new-secret " } });
    expect(changedSettings(saved, replaced)).toEqual({ captcha: { provider: "turnstile", site_key: "site-1", secret: "new-secret" } });
    const removed = run(saved, { type: "settings", patch: { captchaProvider: "" } });
    expect(changedSettings(saved, removed)).toEqual({ captcha: null });
  });

  it("sends a redirect URL only when visitors are redirected", () => {
    const saved = draftFromForm(SAVED);
    const redirect = run(saved, { type: "settings", patch: { afterSubmit: "redirect", redirectUrl: "https://example.com/thanks" } });
    expect(changedSettings(saved, redirect)).toEqual({ redirect_url: "https://example.com/thanks" });
    const back = run(draftFromForm({ ...SAVED, redirect_url: "https://x.test" }), { type: "settings", patch: { afterSubmit: "message" } });
    expect(settingsBody(back).redirect_url).toBeNull();
  });

  it("sends the new leads' value and currency as typed, none when left empty", () => {
    const saved = draftFromForm(SAVED);
    expect(saved).toMatchObject({ leadValue: "250.5", currency: "EUR" });
    const changed = run(saved, { type: "settings", patch: { leadValue: " 99.90 ", currency: "gbp" } });
    expect(changedSettings(saved, changed)).toEqual({ default_value: "99.90", currency: "GBP" });
    const cleared = run(saved, { type: "settings", patch: { leadValue: "", currency: "" } });
    expect(changedSettings(saved, cleared)).toEqual({ default_value: null, currency: null });
    expect(settingsBody(emptyDraft())).toMatchObject({ default_value: null, currency: null });
  });

  it("sends an owner only for a fixed owner", () => {
    const saved = draftFromForm(SAVED);
    const roundRobin = run(saved, { type: "settings", patch: { assignment: "round_robin" } });
    expect(changedSettings(saved, roundRobin)).toEqual({ assignment: { mode: "round_robin", user_id: null } });
  });

  it("catches what would be refused less helpfully before sending", () => {
    const draft = run(emptyDraft(), { type: "settings", patch: { afterSubmit: "redirect", assignment: "user", captchaProvider: "recaptcha" } });
    expect(Object.keys(localErrors(draft)).sort()).toEqual(["captcha_site_key", "owner", "redirect_url"]);
    expect(localErrors(emptyDraft())).toEqual({});
    const money = run(emptyDraft(), { type: "settings", patch: { leadValue: "12,50", currency: "dollars" } });
    expect(localErrors(money)).toEqual({
      default_value: "Enter an amount like 250 or 99.50",
      currency: "Enter a three-letter currency code like USD",
    });
    expect(localErrors(run(emptyDraft(), { type: "settings", patch: { leadValue: "1500.5", currency: "usd" } }))).toEqual({});
  });

  it("keeps the editor's field keys when a saved form replaces the draft", () => {
    const draft = draftFromForm(SAVED, ["f9", "f7", "f8", "f10"]);
    expect(draft.fields.map((field) => field.key)).toEqual(["f9", "f7", "f8", "f10"]);
    expect(draft.nextKey).toBe(11);
  });
});
