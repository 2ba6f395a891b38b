import { describe, expect, it } from "vitest";
import { ApiError, networkError } from "../../api/errors";
import { NO_START_ERRORS, startErrors } from "./startErrors";

describe("the API's refusal of a start", () => {
  it("puts each column's problem under its select and each option's under its control", () => {
    const error = new ApiError(422, "validation_error", "Some columns are mapped to fields that cannot take them", {
      "mapping.3": "column 1 already goes to this field",
      "mapping.0": "x is not a field you can import into",
      "options.owner_ids": "u1 is not an active user of this account",
      "options.tags.2": "String should have at most 50 characters",
      save_template: "String should have at most 80 characters",
    });
    expect(startErrors(error)).toEqual({
      columns: { 3: "Column 1 already goes to this field", 0: "X is not a field you can import into" },
      options: {
        "options.owner_ids": "U1 is not an active user of this account",
        "options.tags": "String should have at most 50 characters",
        save_template: "String should have at most 80 characters",
      },
      summary: "Some columns are mapped to fields that cannot take them",
    });
  });

  it("says the whole mapping's problem above the form", () => {
    const error = new ApiError(422, "nothing_identifies", "Map at least one column to a name, an email or a phone", { mapping: "no name, email or phone column" });
    expect(startErrors(error)).toEqual({ columns: {}, options: {}, summary: "Map at least one column to a name, an email or a phone" });
  });

  it("adds fields with no control of their own to the summary", () => {
    const error = new ApiError(422, "validation_error", "Some fields are not valid", { "options.creates": "bad" , body: "unexpected field" });
    expect(startErrors(error).summary).toBe("Some fields are not valid Bad Unexpected field");
  });

  it("shows any other failure above the form", () => {
    expect(startErrors(new ApiError(409, "import_not_ready", "This import has started already")).summary).toBe("This import has started already");
    expect(startErrors(networkError()).summary).toMatch(/Cannot reach Convertly/);
    expect(startErrors(null)).toBe(NO_START_ERRORS);
  });
});
