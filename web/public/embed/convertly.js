/*! Convertly form embed: <script src=".../embed/convertly.js" data-form="ID" data-api="URL" async> */
(() => {
  "use strict";
  const CLICK_KEYS = ["gclid", "gbraid", "wbraid", "fbclid", "msclkid", "ttclid", "li_fat_id", "utm_source",
    "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id"];
  const STORE = "convertly_attribution";
  const KEEP_MS = 90 * 864e5;
  const CAPTCHA = {
    turnstile: ["https://challenges.cloudflare.com/turnstile/v0/api.js", "cf-turnstile"],
    recaptcha: ["https://www.google.com/recaptcha/api.js", "g-recaptcha"],
  };
  const TOKENS = '[name="cf-turnstile-response"],[name="g-recaptcha-response"]';
  let counter = 0;

  const stored = () => {
    try {
      const touch = JSON.parse(localStorage.getItem(STORE));
      return touch && touch.expires > Date.now() ? touch : null;
    } catch (e) { return null; }
  };

  // Click ids or UTMs in the URL start a new touch; else the stored one stays across page views.
  const capture = () => {
    const params = new URLSearchParams(location.search), found = {};
    CLICK_KEYS.forEach((key) => { if (params.get(key)) found[key] = params.get(key); });
    let touch = stored();
    if (Object.keys(found).length || !touch) {
      const now = Date.now();
      touch = { params: found, first_seen: now, expires: now + KEEP_MS,
        landing_page: location.href, referrer: document.referrer };
      try { localStorage.setItem(STORE, JSON.stringify(touch)); } catch (e) { /* this page only */ }
    }
    return touch;
  };

  const cookie = (name) => {
    const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
    return match ? decodeURIComponent(match[1]) : "";
  };

  const attribution = () => {
    const touch = stored() || capture();
    const result = Object.assign({}, touch.params, { landing_page: touch.landing_page,
      first_seen_at: String(touch.first_seen) });
    if (touch.referrer) result.referrer = touch.referrer;
    const fbc = cookie("_fbc"), fbp = cookie("_fbp");
    if (fbc) result.fbc = fbc;
    else if (result.fbclid) result.fbc = `fb.1.${touch.first_seen}.${result.fbclid}`;
    if (fbp) result.fbp = fbp;
    return result;
  };

  const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b + 256).toString(16).slice(1))
    .join("");

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    Object.entries(attrs).forEach(([name, value]) => {
      if (value === true) node.setAttribute(name, "");
      else if (value !== false && value != null) node.setAttribute(name, value);
    });
    node.textContent = text;
    return node;
  };

  const control = (field, id) => {
    const attrs = { id, name: field.name, required: field.required };
    if (field.type === "select") {
      const select = el("select", attrs);
      ["", ...field.options].forEach((option) => select.append(el("option", { value: option }, option || "Choose…")));
      return select;
    }
    Object.assign(attrs, { maxlength: field.max_length, placeholder: field.placeholder });
    if (field.type === "textarea") return el("textarea", Object.assign(attrs, { rows: 4 }));
    const kind = { email: "email", phone: "tel" }[field.type];
    return el("input", Object.assign(attrs, { type: kind || "text", autocomplete: kind }));
  };

  const render = (definition, form) => {
    const prefix = `cvly-${++counter}-`;
    definition.fields.forEach((field) => {
      const id = prefix + field.name, label = field.label + (field.required ? " *" : "");
      if (field.type === "hidden") {
        form.append(el("input", { type: "hidden", name: field.name, value: field.default || "" }));
      } else if (field.type === "checkbox" || field.type === "consent") {
        const box = el("label");
        box.append(el("input", { type: "checkbox", id, name: field.name, value: "on", required: field.required }),
          ` ${label}`);
        form.appendChild(el("div", { class: "cvly-field" })).append(box);
      } else {
        form.appendChild(el("div", { class: "cvly-field" })).append(el("label", { for: id }, label), control(field, id));
      }
    });
    if (definition.captcha) {
      const [src, widget] = CAPTCHA[definition.captcha.provider];
      form.append(el("div", { class: `cvly-field ${widget}`, "data-sitekey": definition.captcha.site_key }));
      if (!document.querySelector(`script[src="${src}"]`)) document.head.append(el("script", { src, async: true }));
    }
    form.append(el("button", { type: "submit" }, definition.submit_label));
  };

  const values = (form) => {
    const result = {};
    Array.from(form.elements).forEach((input) => {
      if (!input.name || input.name[0] === "_" || input.matches(TOKENS) || input.type === "submit") return;
      if (input.type === "checkbox") result[input.name] = input.checked;
      else if (input.type !== "radio" || input.checked) result[input.name] = input.value;
    });
    return result;
  };

  // A 422's messages go next to their fields, tied to them for screen readers.
  const showErrors = (form, fields, status) => {
    let first = null, rest = [];
    Object.entries(fields).forEach(([name, text]) => {
      const input = form.querySelector(name === "captcha" ? ".cf-turnstile,.g-recaptcha" : `[name="${name}"]`);
      if (!input) return rest.push(text);
      const id = `cvly-e-${++counter}`;
      (input.closest(".cvly-field") || input.parentNode).append(el("p", { class: "cvly-error", id }, text));
      input.setAttribute("aria-invalid", true);
      input.setAttribute("aria-describedby", id);
      first = first || input;
    });
    status.textContent = rest.join(" ") || "Please correct the marked fields.";
    if (first) first.focus();
  };

  const connect = (form, api, formId) => {
    const state = { started: Date.now(), key: null, busy: false };
    const status = form.appendChild(el("div", { class: "cvly-status", role: "status" }));
    const button = () => form.querySelector('[type="submit"]') || {};
    if (!form.querySelector('[name="_hp"]')) {
      const trap = el("label", { class: "cvly-hp", "aria-hidden": "true" }, "Leave this field empty");
      trap.append(el("input", { type: "text", name: "_hp", tabindex: "-1", autocomplete: "off" }));
      form.append(trap);
    }
    form.noValidate = true;

    const answered = (code, body, retryAfter) => {
      state.busy = button().disabled = false;
      const error = body.error || {};
      if (code >= 200 && code < 300) {
        state.key = null;
        if (body.redirect_url) location.href = body.redirect_url;
        else form.replaceWith(el("p", { class: "cvly-thanks", role: "status" }, body.message));
      } else if (code === 422) {
        showErrors(form, error.fields || {}, status);
      } else {
        status.textContent = code === 429 ? `Too many tries: wait ${retryAfter || 60} seconds.`
          : error.message || "Something went wrong. Please try again.";
        if (code === 409) state.key = null;
      }
    };

    // One key for every attempt of a submission: a double click or a retry gets the first answer.
    const send = (body, attempt) => {
      fetch(`${api}/f/${encodeURIComponent(formId)}`, {
        method: "POST", body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "Idempotency-Key": state.key },
      }).then((response) => response.json().catch(() => ({}))
        .then((json) => answered(response.status, json, response.headers.get("Retry-After"))))
        .catch(() => {
          if (attempt < 2) return setTimeout(() => send(body, attempt + 1), 1000 * (attempt + 1));
          answered(0, { error: { message: "Could not send the form. Please try again." } });
        });
    };

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (state.busy) return;
      state.busy = button().disabled = true;
      form.querySelectorAll(".cvly-error").forEach((node) => node.remove());
      form.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
      status.textContent = "Sending…";
      state.key = state.key || newKey();
      const token = form.querySelector(TOKENS);
      send({ fields: values(form), attribution: attribution(), honeypot: form.querySelector('[name="_hp"]').value,
        started_at: state.started, captcha_token: token ? token.value : null }, 0);
    });
  };

  const setup = (script) => {
    const api = (script.dataset.api || "").replace(/\/+$/, ""), formId = script.dataset.form;
    const existing = script.dataset.enhance && document.querySelector(script.dataset.enhance);
    if (existing) return connect(existing, api, formId);
    fetch(`${api}/f/${encodeURIComponent(formId)}/definition`)
      .then((response) => { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then((definition) => {
        // Without the script it is a plain HTML post; the API answers with a redirect.
        const form = el("form", { class: "cvly-form", action: `${api}/f/${formId}`, method: "post" });
        render(definition, form);
        const place = script.dataset.target && document.querySelector(script.dataset.target);
        if (place) place.append(form);
        else script.after(form);
        connect(form, api, formId);
      })
      .catch(() => { /* closed or unreachable: leave the page as it is */ });
  };

  const start = () => {
    capture();
    if (!document.getElementById("cvly-style")) {
      document.head.append(el("style", { id: "cvly-style" }, ".cvly-field{margin:0 0 12px}" +
        ".cvly-field>label{display:block}.cvly-field input:not([type=checkbox]),.cvly-field select," +
        ".cvly-field textarea{box-sizing:border-box;width:100%;padding:8px}.cvly-error{color:#b42318;margin:4px 0}" +
        ".cvly-hp{position:absolute;left:-9999px}"));
    }
    document.querySelectorAll("script[data-form][data-api]").forEach((script) => {
      if (script.dataset.convertly) return;
      script.dataset.convertly = "ready";
      setup(script);
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
