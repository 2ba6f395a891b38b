import { describe, expect, it } from "vitest";
import { ApiError, errorMessage, fieldMessages, networkError, toApiError } from "./errors";

describe("toApiError", () => {
  it("reads the API's error shape", () => {
    const error = toApiError(422, {
      error: { code: "validation_error", message: "Some fields are not valid", fields: { email: "must be a valid email address" } },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe("validation_error");
    expect(error.message).toBe("Some fields are not valid");
    expect(error.fields).toEqual({ email: "must be a valid email address" });
  });

  it("falls back to a readable message when the body is not the API's", () => {
    expect(toApiError(502, "<html>Bad gateway</html>").message).toBe("Something went wrong on our side; try again");
    expect(toApiError(404, null).code).toBe("http_404");
    expect(toApiError(403, { error: { code: "forbidden_role" } }).message).toBe("You do not have access to this");
  });

  it("knows a conflict from the codes a stale save gets", () => {
    for (const code of ["stale_version", "version_conflict", "write_conflict"]) {
      expect(toApiError(409, { error: { code, message: "x" } }).isConflict).toBe(true);
    }
    expect(toApiError(409, { error: { code: "email_taken", message: "x" } }).isConflict).toBe(false);
    expect(toApiError(409, { error: { code: "lead_deleted", message: "x" } }).isConflict).toBe(false);
  });

  it("knows a session error from a wrong password", () => {
    expect(toApiError(401, { error: { code: "token_expired", message: "x" } }).isSessionError).toBe(true);
    expect(toApiError(401, { error: { code: "invalid_credentials", message: "x" } }).isSessionError).toBe(false);
  });
});

describe("fieldMessages", () => {
  const error = new ApiError(422, "validation_error", "Some fields are not valid", {
    email: "must be a valid email address",
    "attribution.gclid": "too long",
    body: "a lead needs a name, an email or a phone number",
    value: "Enter 0 or more",
  });

  it("puts each message next to its input and the rest on top", () => {
    const { byField, other } = fieldMessages(error, ["email", "value", "attribution"]);
    expect(byField).toEqual({
      email: "must be a valid email address",
      value: "Enter 0 or more",
      attribution: "too long",
    });
    expect(other).toEqual(["a lead needs a name, an email or a phone number"]);
  });

  it("names a field the form has no input for", () => {
    expect(fieldMessages(error, ["email"]).other).toContain("Attribution gclid: too long");
  });

  it("has nothing for errors that are not the API's", () => {
    expect(fieldMessages(new Error("boom"), ["email"])).toEqual({ byField: {}, other: [] });
  });
});

describe("errorMessage", () => {
  it("shows the API's message, or a plain one", () => {
    expect(errorMessage(new ApiError(409, "stale_version", "Someone else changed this lead: reload it"))).toBe(
      "Someone else changed this lead: reload it",
    );
    expect(errorMessage(networkError())).toMatch(/Cannot reach Convertly/);
    expect(errorMessage("nope")).toBe("Something went wrong; try again");
  });
});
