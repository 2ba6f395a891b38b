import { describe, expect, it } from "vitest";
import { consentCode, escapeHtml, formElementId, formTag, hostedUrl, htmlFormCode, siteTag } from "./embedCode";
import type { FormFieldDefinition } from "./types";

const TARGET = { webOrigin: "https://app.convertly.test/", apiUrl: "https://api.convertly.test/prod/", formId: "01ABC" };

const field = (values: Partial<FormFieldDefinition> & Pick<FormFieldDefinition, "name" | "type" | "label">): FormFieldDefinition => ({
  placeholder: null,
  required: false,
  options: [],
  maps_to: null,
  default: null,
  consent_signals: [],
  max_length: null,
  ...values,
});

describe("the tags", () => {
  it("puts the snippet on every page without a form, to keep the visit's click", () => {
    expect(siteTag(TARGET)).toBe('<script src="https://app.convertly.test/embed/convertly.js" data-api="https://api.convertly.test/prod" async></script>');
  });

  it("loads the snippet from the web app and names the form and the API where the form goes", () => {
    expect(formTag(TARGET)).toBe(
      '<script src="https://app.convertly.test/embed/convertly.js" data-form="01ABC" data-api="https://api.convertly.test/prod" async></script>',
    );
  });

  it("takes over an existing form in enhance mode", () => {
    expect(formTag(TARGET, "#my-form")).toContain('data-enhance="#my-form"');
  });

  it("waits for the site's consent: a queue for the banner's calls, then the site tag holding back", () => {
    const lines = consentCode(TARGET).split("\n");
    expect(lines[1]).toContain("window.convertly = window.convertly || function ()");
    expect(lines).toContain(siteTag(TARGET, "denied"));
    expect(siteTag(TARGET, "denied")).toContain(' data-consent="denied" async>');
    expect(consentCode(TARGET)).toContain('convertly("consent", "granted")');
  });
});

describe("the hosted page", () => {
  it("is the form's hosted path on the API", () => {
    expect(hostedUrl(TARGET.apiUrl, "/f/01ABC")).toBe("https://api.convertly.test/prod/f/01ABC");
    expect(hostedUrl("http://127.0.0.1:3000", "f/01ABC")).toBe("http://127.0.0.1:3000/f/01ABC");
  });
});

describe("the plain HTML form", () => {
  const form = {
    fields: [
      field({ name: "name", type: "text", label: 'Name <"you">', required: true, placeholder: "Jane & co" }),
      field({ name: "email", type: "email", label: "Email", required: true }),
      field({ name: "roof", type: "select", label: "Roof", options: ["Tile", "Metal"] }),
      field({ name: "note", type: "textarea", label: "Note", max_length: 800 }),
      field({ name: "ads_ok", type: "consent", label: "Ads are fine" }),
      field({ name: "campaign", type: "hidden", label: "Campaign", default: "spring" }),
    ],
    submit_label: "Book now",
    captcha: null,
  };

  it("posts to the form's public URL and works without JavaScript", () => {
    const code = htmlFormCode(form, TARGET);
    expect(code).toContain(`<form id="${formElementId("01ABC")}" action="https://api.convertly.test/prod/f/01ABC" method="post"`);
    expect(code).toContain('<input id="cvly-01abc-email" name="email" required type="email" autocomplete="email" maxlength="500">');
    expect(code).toContain('<option value="Tile">Tile</option>');
    expect(code).toContain('<textarea id="cvly-01abc-note" name="note" rows="4" maxlength="800"></textarea>');
    expect(code).toContain('<input type="checkbox" id="cvly-01abc-ads_ok" name="ads_ok" value="on"> Ads are fine</label>');
    expect(code).toContain('<input type="hidden" name="campaign" value="spring">');
    expect(code).toContain('name="_hp"');
    expect(code).toContain("<button type=\"submit\">Book now</button>");
  });

  it("escapes what the form's owner wrote", () => {
    const code = htmlFormCode(form, TARGET);
    expect(code).toContain("Name &lt;&quot;you&quot;&gt; *</label>");
    expect(code).toContain('placeholder="Jane &amp; co"');
  });

  it("ends with the snippet taking the form over, and loads the captcha when there is one", () => {
    const code = htmlFormCode({ ...form, captcha: { provider: "turnstile", site_key: "0xSITE" } }, TARGET);
    expect(code.split("\n").at(-1)).toBe(formTag(TARGET, `#${formElementId("01ABC")}`));
    expect(code).toContain('<div class="cf-turnstile" data-sitekey="0xSITE"></div>');
    expect(code).toContain('src="https://challenges.cloudflare.com/turnstile/v0/api.js"');
  });

  it("reads fields that leave out what the API defaults, and skips a captcha it does not know", () => {
    const code = htmlFormCode(
      { fields: [{ name: "roof", type: "select", label: "Roof" }], submit_label: "Send", captcha: { provider: "hcaptcha", site_key: "k" } },
      TARGET,
    );
    expect(code).toContain('<select id="cvly-01abc-roof" name="roof">\n      <option value="">Choose…</option>\n    </select>');
    expect(code).not.toContain("data-sitekey");
  });

  it("escapes every HTML-special character", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
