import { describe, expect, it } from "vitest";
import { fieldHasErrors, fieldInput, placeErrors } from "./formErrors";

const KEYS = ["f1", "f7", "f3"];

describe("placing the API's messages", () => {
  it("puts a settings path under its input", () => {
    const placed = placeErrors(
      {
        name: "This field cannot be empty",
        "assignment.user_id": "no such user in this account",
        "captcha.secret": "the captcha needs its secret key",
        "captcha.provider": "Choose one of: turnstile, recaptcha",
        stage_id: "no such stage",
      },
      KEYS,
    );
    expect(placed.byInput).toEqual({
      name: "This field cannot be empty",
      owner: "no such user in this account",
      captcha_secret: "the captcha needs its secret key",
      captcha_provider: "Choose one of: turnstile, recaptcha",
      stage_id: "no such stage",
    });
    expect(placed.other).toEqual([]);
  });

  it("ties a field's path to the key of the field at that position", () => {
    const placed = placeErrors({ "fields.1.label": "This field cannot be empty", "fields.2.options.0": "too short" }, KEYS);
    expect(placed.byInput).toEqual({
      [fieldInput("f7", "label")]: "This field cannot be empty",
      [fieldInput("f3", "options")]: "too short",
    });
  });

  it("puts a rule about a whole field under the input its message is about", () => {
    const placed = placeErrors(
      {
        "fields.0": "only an email field maps to email",
        "fields.1": "a select field needs options, and only a select field has them",
        "fields.2": "the name 'gclid' is reserved",
      },
      KEYS,
    );
    expect(placed.byInput).toEqual({
      [fieldInput("f1", "maps_to")]: "only an email field maps to email",
      [fieldInput("f7", "options")]: "a select field needs options, and only a select field has them",
      [fieldInput("f3", "name")]: "the name 'gclid' is reserved",
    });
    expect(placeErrors({ "fields.0": "something else" }, KEYS).byInput).toEqual({ [fieldInput("f1")]: "something else" });
  });

  it("puts a rule about the form as a whole with its fields", () => {
    const placed = placeErrors({ body: "a form needs a field for the lead's name, email or phone" }, KEYS);
    expect(placed.byInput).toEqual({ fields: "a form needs a field for the lead's name, email or phone" });
  });

  it("puts a list entry's message under the list's input", () => {
    expect(placeErrors({ "allowed_domains.2": "not a host name" }, KEYS).byInput).toEqual({ allowed_domains: "not a host name" });
  });

  it("keeps what no input shows for the summary", () => {
    const placed = placeErrors({ min_fill_seconds: "too large", "fields.5.label": "too long" }, KEYS);
    expect(placed.byInput).toEqual({});
    expect(placed.other).toEqual(["Min fill seconds: too large", "Field 6: too long"]);
  });

  it("tells whether a field has any message", () => {
    const { byInput } = placeErrors({ "fields.1.name": "bad" }, KEYS);
    expect(fieldHasErrors(byInput, "f7")).toBe(true);
    expect(fieldHasErrors(byInput, "f1")).toBe(false);
  });
});
