import { describe, expect, it } from "vitest";
import { canViewAs, supportAccessLine } from "./viewAsModel";

const ADMIN = { canManage: true, me: "me", viewing: false };

describe("View as on a member's row", () => {
  it("is offered to an Admin for an active teammate", () => {
    expect(canViewAs({ user_id: "u-2", status: "active" }, ADMIN)).toBe(true);
  });

  it("is not offered for oneself, nor for an invited or deactivated member", () => {
    expect(canViewAs({ user_id: "me", status: "active" }, ADMIN)).toBe(false);
    expect(canViewAs({ user_id: "u-2", status: "invited" }, ADMIN)).toBe(false);
    expect(canViewAs({ user_id: "u-2", status: "deactivated" }, ADMIN)).toBe(false);
  });

  it("is not offered without users:manage, nor while already viewing as someone", () => {
    expect(canViewAs({ user_id: "u-2", status: "active" }, { ...ADMIN, canManage: false })).toBe(false);
    expect(canViewAs({ user_id: "u-2", status: "active" }, { ...ADMIN, viewing: true })).toBe(false);
  });
});

describe("the support access line", () => {
  const now = Date.parse("2027-01-15T10:00:00Z");
  const format = (iso: string) => `<${iso}>`;

  it("says until when support access is granted", () => {
    expect(supportAccessLine("2027-01-15T12:00:00Z", now, format)).toEqual({
      granted: true,
      text: "Convertly support access: granted until <2027-01-15T12:00:00Z>",
    });
  });

  it("says not granted without a time, or once it has passed", () => {
    const notGranted = { granted: false, text: "Convertly support access: not granted" };
    expect(supportAccessLine(null, now, format)).toEqual(notGranted);
    expect(supportAccessLine(undefined, now, format)).toEqual(notGranted);
    expect(supportAccessLine("2027-01-15T10:00:00Z", now, format)).toEqual(notGranted);
    expect(supportAccessLine("later", now, format)).toEqual(notGranted);
  });
});
