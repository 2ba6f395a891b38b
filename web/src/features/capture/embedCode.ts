// The codes a customer pastes into their site: the embed snippet's two tags (web/public/embed/
// convertly.js: on every page without data-form it keeps the visit's ad click and campaign; with
// data-form it also renders the form, data-enhance takes over an existing one), its consent hook, the
// hosted page's link, and a plain HTML form that posts without JavaScript.

import { isCaptchaProvider } from "./formModel";
import type { CaptchaProvider, FormFieldDefinition } from "./types";

export const SNIPPET_PATH = "/embed/convertly.js";
export const HONEYPOT_FIELD = "_hp";

const CAPTCHA_SCRIPTS: Record<CaptchaProvider, { src: string; widget: string }> = {
  turnstile: { src: "https://challenges.cloudflare.com/turnstile/v0/api.js", widget: "cf-turnstile" },
  recaptcha: { src: "https://www.google.com/recaptcha/api.js", widget: "g-recaptcha" },
};

export interface EmbedTarget {
  /** Where the web app (and so the snippet) is served from, e.g. https://app.convertly.io. */
  webOrigin: string;
  /** The API's base URL (config.json's apiUrl). */
  apiUrl: string;
  formId: string;
}

/** What the plain HTML form needs of a form: its fields, button and captcha (a saved form names its
 * provider as text; one the code does not know gets no widget). */
export interface EmbeddableForm {
  fields: readonly FormFieldDefinition[];
  submit_label: string;
  captcha: { provider: string; site_key: string } | null;
}

const trimSlash = (url: string) => url.replace(/\/+$/, "");

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function attrs(values: Record<string, string | number | boolean | null | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== null && value !== undefined && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`))
    .join("");
}

export function snippetUrl(webOrigin: string): string {
  return `${trimSlash(webOrigin)}${SNIPPET_PATH}`;
}

export function submitUrl(apiUrl: string, formId: string): string {
  return `${trimSlash(apiUrl)}/f/${encodeURIComponent(formId)}`;
}

/** The hosted page: the API's GET /f/{id} (the form's `hosted_path` is relative to the API's base URL). */
export function hostedUrl(apiUrl: string, hostedPath: string): string {
  return `${trimSlash(apiUrl)}${hostedPath.startsWith("/") ? hostedPath : `/${hostedPath}`}`;
}

/** The tag for every page of the site: it keeps each visit's ad click and campaign, and shows nothing. */
export function siteTag(target: Omit<EmbedTarget, "formId">, consent?: "denied"): string {
  const values = { src: snippetUrl(target.webOrigin), "data-api": trimSlash(target.apiUrl), "data-consent": consent, async: true };
  return `<script${attrs(values)}></script>`;
}

/** The tag that renders the form where it is placed (or takes over `enhance`'s form). */
export function formTag(target: EmbedTarget, enhance?: string): string {
  const values = {
    src: snippetUrl(target.webOrigin),
    "data-form": target.formId,
    "data-api": trimSlash(target.apiUrl),
    "data-enhance": enhance,
    async: true,
  };
  return `<script${attrs(values)}></script>`;
}

/**
 * A site that asks for cookie consent: the snippet keeps nothing until the site's banner grants it
 * (`convertly("consent", "granted")`), and forgets what it kept when it is denied. The first line
 * queues those calls until the snippet has loaded.
 */
export function consentCode(target: Omit<EmbedTarget, "formId">): string {
  return [
    "<script>",
    "  window.convertly = window.convertly || function () { (window.convertly.q = window.convertly.q || []).push(arguments); };",
    "</script>",
    siteTag(target, "denied"),
    "<!-- When the visitor answers your cookie banner: -->",
    '<!-- convertly("consent", "granted");   or   convertly("consent", "denied"); -->',
  ].join("\n");
}

export function formElementId(formId: string): string {
  return `convertly-form-${formId.toLowerCase()}`;
}

function control(field: FormFieldDefinition, id: string): string {
  const common = { id, name: field.name, required: field.required };
  if (field.type === "select") {
    const options = ['<option value="">Choose…</option>', ...(field.options ?? []).map((option) => `<option${attrs({ value: option })}>${escapeHtml(option)}</option>`)];
    return `<select${attrs(common)}>\n      ${options.join("\n      ")}\n    </select>`;
  }
  const limits = { maxlength: field.max_length ?? (field.type === "textarea" ? 5000 : 500), placeholder: field.placeholder };
  if (field.type === "textarea") return `<textarea${attrs({ ...common, rows: 4, ...limits })}></textarea>`;
  const kind = field.type === "email" ? "email" : field.type === "phone" ? "tel" : "text";
  const autocomplete = field.type === "email" ? "email" : field.type === "phone" ? "tel" : undefined;
  return `<input${attrs({ ...common, type: kind, autocomplete, ...limits })}>`;
}

function fieldHtml(field: FormFieldDefinition, formId: string): string {
  if (field.type === "hidden") return `  <input${attrs({ type: "hidden", name: field.name, value: field.default ?? "" })}>`;
  const id = `cvly-${formId.toLowerCase()}-${field.name}`;
  const label = escapeHtml(field.label) + (field.required ? " *" : "");
  if (field.type === "checkbox" || field.type === "consent") {
    const box = attrs({ type: "checkbox", id, name: field.name, value: "on", required: field.required });
    return `  <p class="cvly-field">\n    <label><input${box}> ${label}</label>\n  </p>`;
  }
  return `  <p class="cvly-field">\n    <label${attrs({ for: id })}>${label}</label>\n    ${control(field, id)}\n  </p>`;
}

/**
 * A plain HTML form posting to the API (the API answers a classic post with a redirect to the
 * thank-you page or the form's redirect URL), followed by the snippet in `data-enhance` mode, which
 * adds the visit's attribution and shows errors in place when JavaScript runs.
 */
export function htmlFormCode(form: EmbeddableForm, target: EmbedTarget): string {
  const elementId = formElementId(target.formId);
  const lines = [
    `<form${attrs({ id: elementId, action: submitUrl(target.apiUrl, target.formId), method: "post", "accept-charset": "utf-8" })}>`,
    ...form.fields.map((field) => fieldHtml(field, target.formId)),
    `  <div style="position:absolute;left:-9999px" aria-hidden="true"><label>Leave this field empty <input type="text" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></label></div>`,
  ];
  const captcha =
    form.captcha && isCaptchaProvider(form.captcha.provider)
      ? { ...CAPTCHA_SCRIPTS[form.captcha.provider], siteKey: form.captcha.site_key }
      : null;
  if (captcha) lines.push(`  <div${attrs({ class: captcha.widget, "data-sitekey": captcha.siteKey })}></div>`);
  lines.push(`  <button type="submit">${escapeHtml(form.submit_label)}</button>`, "</form>");
  if (captcha) lines.push(`<script${attrs({ src: captcha.src, async: true, defer: true })}></script>`);
  lines.push(formTag(target, `#${elementId}`));
  return lines.join("\n");
}
