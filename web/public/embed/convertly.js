/*! Convertly: <script src=".../embed/convertly.js" data-api="URL" async> on every page keeps the
 * visit's ad click and campaign; with data-form="ID" it also renders that form (data-target: where,
 * data-enhance: an existing form to take over). Consent: window.convertlyConsent = false, or
 * data-consent="denied" until convertly("consent", "granted"); convertly("consent", "denied") forgets. */
(() => {
  "use strict";
  const KEYS = ["gclid", "gbraid", "wbraid", "fbclid", "msclkid", "ttclid", "li_fat_id", "utm_source",
    "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id"];
  const STORE = "convertly_touches", OLD_STORE = "convertly_attribution";
  const KEEP_MS = 90 * 864e5;
  // The latest click the ad platforms' own tags keep: GCL.<seconds>.<id> (Google's conversion
  // linker), fb.1.<ms>.<fbclid> (Meta's pixel).
  const AD_COOKIES = [["_gcl_aw", "gclid"], ["_gcl_gb", "gbraid"], ["_gcl_ag", "wbraid"], ["_fbc", "fbclid"]];
  const CAPTCHA = {
    turnstile: ["https://challenges.cloudflare.com/turnstile/v0/api.js", "cf-turnstile"],
    recaptcha: ["https://www.google.com/recaptcha/api.js", "g-recaptcha"],
  };
  const TOKENS = '[name="cf-turnstile-response"],[name="g-recaptcha-response"]';
  let counter = 0, unstored = null;

  const cookie = (name) => {
    const match = document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]*)`));
    try { return match ? decodeURIComponent(match[1]) : ""; } catch (e) { return ""; }
  };

  const allowed = () => {
    const said = window.convertlyConsent;
    if (said === false || said === "denied") return false;
    return said === true || said === "granted" ||
      !document.querySelector('script[src*="convertly"][data-consent="denied"]');
  };

  // The registrable domain, as the API judges it: the last two labels, three under co.uk and the like.
  const site = (url) => {
    let host = "";
    try { host = new URL(url).hostname; } catch (e) { return ""; }
    const labels = host.split("."), n = labels.length;
    if (n < 3 || /^[\d.]+$|:/.test(host)) return host;
    return labels.slice(labels[n - 1].length === 2 && labels[n - 2].length <= 3 ? -3 : -2).join(".");
  };

  const campaign = (url) => {
    const found = {};
    try {
      const query = new URL(url).searchParams;
      KEYS.forEach((key) => { if (query.get(key)) found[key] = query.get(key).slice(0, 200); });
    } catch (e) { /* no URL */ }
    return found;
  };

  const any = (params) => Object.keys(params).length > 0;

  // This page's visit; when it has no click ids or UTMs and no touch is kept, a same-site referrer's
  // (the visitor landed on a page without the snippet).
  const visit = (now, alone) => {
    const here = { params: campaign(location.href), landing_page: location.href.slice(0, 2048),
      referrer: document.referrer.slice(0, 2048), seen: now };
    const params = campaign(here.referrer);
    if (!alone || any(here.params) || !any(params) || site(here.referrer) !== site(location.href)) return here;
    return { params, landing_page: here.referrer, referrer: "", seen: now };
  };

  const parse = (text) => {
    try {
      const record = JSON.parse(text);
      if (record && record.params) { // the one touch an earlier version kept
        const touch = { params: record.params, landing_page: record.landing_page || "",
          referrer: record.referrer || "", seen: record.first_seen };
        return { first: touch, last: touch, at: record.first_seen };
      }
      return record && record.first ? record : null;
    } catch (e) { return null; }
  };

  const setCookie = (value, seconds) => {
    const base = `${STORE}=${value};path=/;max-age=${seconds};samesite=lax` +
      (location.protocol === "https:" ? ";secure" : "");
    const domain = site(location.href);
    // Shared with the site's other subdomains where the browser allows it, else this host's own.
    if (/[a-z]\.[a-z]/.test(domain)) document.cookie = `${base};domain=${domain}`;
    if (!seconds || cookie(STORE) !== decodeURIComponent(value)) document.cookie = base;
  };

  const forget = () => {
    try { localStorage.removeItem(STORE); localStorage.removeItem(OLD_STORE); } catch (e) { /* none kept */ }
    setCookie("", 0);
  };

  const save = (record, now) => {
    try {
      localStorage.setItem(STORE, JSON.stringify(record));
      localStorage.removeItem(OLD_STORE);
    } catch (e) { /* the cookie keeps it */ }
    const short = (touch) => Object.assign({}, touch, { landing_page: touch.landing_page.slice(0, 500),
      referrer: touch.referrer.slice(0, 300) });
    const value = encodeURIComponent(JSON.stringify({ first: short(record.first), last: short(record.last),
      at: record.at }));
    if (value.length < 3800) setCookie(value, Math.ceil((record.last.seen + KEEP_MS - now) / 1000));
  };

  // The first touch stays until it expires (then the last takes its place); a visit with click ids or
  // UTMs is the new last touch. Kept in localStorage and a first-party cookie, 90 days from each touch;
  // without consent nothing is kept, and the touch is this page's.
  const track = () => {
    const now = Date.now(), alive = (touch) => (touch && touch.params && touch.seen + KEEP_MS > now ? touch : null);
    if (!allowed()) {
      forget();
      const touch = unstored ? unstored.first : visit(now, true);
      return (unstored = { first: touch, last: touch });
    }
    let local = null;
    try {
      local = parse(localStorage.getItem(STORE)) || parse(localStorage.getItem(OLD_STORE));
    } catch (e) { /* storage blocked: the cookie may have it */ }
    const shared = parse(cookie(STORE)), kept = shared && (!local || shared.at > local.at) ? shared : local;
    const last = kept && alive(kept.last), first = kept && (alive(kept.first) || last);
    let record = first && { first, last: last || first, at: kept.at };
    const here = visit(now, !record);
    if (!record) record = { first: here, last: here, at: now };
    else if (any(here.params) && (here.landing_page !== record.last.landing_page ||
      JSON.stringify(here.params) !== JSON.stringify(record.last.params))) record = { first, last: here, at: now };
    save(record, now);
    return record;
  };

  // Both touches as the API takes them, with the page the form is sent from and, where consent allows,
  // the click the ad platforms' cookies hold for a touch with no click id or UTM of its own (for the
  // first touch only if the click came before it) and Meta's browser id.
  const attribution = () => {
    const record = track();
    const touches = [record.first, record.last].map((touch) => {
      const result = Object.assign({}, touch.params, { landing_page: touch.landing_page,
        first_seen_at: String(touch.seen), page_url: location.href.slice(0, 2048) });
      if (touch.referrer) result.referrer = touch.referrer;
      return result;
    });
    if (!allowed()) return touches;
    AD_COOKIES.forEach(([name, key]) => {
      const match = cookie(name).match(/^(?:GCL|fb\.\d+)\.(\d+)\.(.+)$/);
      if (!match) return;
      const at = match[1].length > 11 ? +match[1] : match[1] * 1e3;
      touches.forEach((touch, index) => {
        if (!KEYS.some((id) => touch[id]) && (index || at <= record.first.seen)) touch[key] = match[2];
        if (name === "_fbc" && touch.fbclid === match[2]) touch.fbc = cookie(name);
      });
    });
    const fbp = cookie("_fbp");
    if (fbp) touches.forEach((touch) => { touch.fbp = fbp; });
    return touches;
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
      const token = form.querySelector(TOKENS), touches = attribution();
      send({ fields: values(form), attribution: touches[0], last_touch: touches[1],
        honeypot: form.querySelector('[name="_hp"]').value, started_at: state.started,
        captcha_token: token ? token.value : null }, 0);
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

  // convertly("consent", "granted" | "denied"), also queued before the script loads (convertly.q).
  const command = (name, value) => {
    if (name !== "consent") return;
    window.convertlyConsent = value === "granted" || value === true ? "granted" : "denied";
    track();
  };

  const start = () => {
    track();
    const scripts = Array.from(document.querySelectorAll("script[data-form][data-api]"))
      .filter((script) => !script.dataset.convertly);
    if (!scripts.length) return; // tracking only: nothing to show
    if (!document.getElementById("cvly-style")) {
      document.head.append(el("style", { id: "cvly-style" }, ".cvly-field{margin:0 0 12px}" +
        ".cvly-field>label{display:block}.cvly-field input:not([type=checkbox]),.cvly-field select," +
        ".cvly-field textarea{box-sizing:border-box;width:100%;padding:8px}.cvly-error{color:#b42318;margin:4px 0}" +
        ".cvly-hp{position:absolute;left:-9999px}"));
    }
    scripts.forEach((script) => {
      script.dataset.convertly = "ready";
      setup(script);
    });
  };

  const queued = (window.convertly && window.convertly.q) || [];
  window.convertly = command;
  queued.forEach((args) => command(args[0], args[1]));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
