import { describe, expect, it } from "vitest";
import { confirmationProblem, invitationFrom, newPasswordErrors, passwordProblem } from "./newPassword";

describe("a new password", () => {
  it("follows the pool's rules", () => {
    expect(passwordProblem("Fresh-Password-9")).toBeNull();
    expect(passwordProblem("Aa1!Aa1!Aa")).toBeNull();
  });

  it("says everything it lacks", () => {
    expect(passwordProblem("short")).toBe("Use at least 10 characters, with an upper case letter, a number and a symbol");
    expect(passwordProblem("Short1!")).toBe("Use at least 10 characters");
    expect(passwordProblem("alllowercase")).toBe("Add an upper case letter, a number and a symbol");
    expect(passwordProblem("NoDigitsHere!")).toBe("Add a number");
    expect(passwordProblem("")).toBe("Use at least 10 characters, with a lower case letter, an upper case letter, a number and a symbol");
  });

  it("counts any character other than a letter or a digit as a symbol", () => {
    expect(passwordProblem("Spaces in 1 word")).toBeNull();
    expect(passwordProblem("Plain1words")).toBe("Add a symbol");
  });

  it("must be typed twice the same", () => {
    expect(confirmationProblem("Fresh-Password-9", "Fresh-Password-9")).toBeNull();
    expect(confirmationProblem("Fresh-Password-9", "Fresh-Password-8")).toBe("The passwords do not match");
    expect(confirmationProblem("Fresh-Password-9", "")).toBe("Type the new password again");
  });

  it("names each input's problem", () => {
    expect(newPasswordErrors("Fresh-Password-9", "Fresh-Password-9")).toEqual({});
    expect(newPasswordErrors("weak", "weak")).toEqual({ password: expect.stringContaining("10 characters") });
    expect(newPasswordErrors("Fresh-Password-9", "other")).toEqual({ confirmation: "The passwords do not match" });
  });
});

describe("the invitation link", () => {
  it("prefills the email and says the person was invited", () => {
    expect(invitationFrom(new URLSearchParams("invited=1&email=ana%2Bcrm%40acme.test"))).toEqual({ invited: true, email: "ana+crm@acme.test" });
  });

  it("is an ordinary login without it", () => {
    expect(invitationFrom(new URLSearchParams("email=ana@acme.test"))).toEqual({ invited: false, email: "ana@acme.test" });
    expect(invitationFrom(new URLSearchParams(""))).toEqual({ invited: false, email: "" });
  });
});
