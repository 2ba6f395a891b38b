import { describe, expect, it } from "vitest";
import type { User } from "../types";
import { formFromUser, hasChanges, profileChanges, profileErrors } from "./profileForm";

const user: User = {
  user_id: "u-1",
  email: "ana@acme.test",
  name: "Ana Diaz",
  role: "Sales",
  status: "active",
  created_at: "2026-11-01T09:00:00Z",
  phone: "+1 555 0100",
  timezone: "Europe/Madrid",
  signature: "Ana\nAcme",
  avatar_color: "#16A34A",
};

describe("the profile form", () => {
  it("starts from the saved user, empty where nothing is set", () => {
    expect(formFromUser(user)).toEqual({
      name: "Ana Diaz",
      phone: "+1 555 0100",
      timezone: "Europe/Madrid",
      signature: "Ana\nAcme",
      avatar_color: "#16a34a",
    });
    expect(formFromUser({ ...user, phone: null, timezone: undefined, signature: null, avatar_color: null })).toMatchObject({
      phone: "",
      timezone: "",
      signature: "",
      avatar_color: "",
    });
  });

  it("sends nothing when nothing changed", () => {
    const changes = profileChanges(user, formFromUser(user));
    expect(changes).toEqual({});
    expect(hasChanges(changes)).toBe(false);
  });

  it("sends only the changed fields, trimmed", () => {
    const form = { ...formFromUser(user), name: "  Ana María Diaz ", avatar_color: "#2563EB" };
    expect(profileChanges(user, form)).toEqual({ name: "Ana María Diaz", avatar_color: "#2563eb" });
  });

  it("removes what was emptied: phone and signature as empty text, time zone and colour as null", () => {
    const form = { ...formFromUser(user), phone: "  ", signature: "", timezone: "", avatar_color: "" };
    expect(profileChanges(user, form)).toEqual({ phone: "", signature: "", timezone: null, avatar_color: null });
  });

  it("checks the name, lengths and the colour", () => {
    const form = formFromUser(user);
    expect(profileErrors(form)).toEqual({});
    expect(profileErrors({ ...form, name: " " })).toEqual({ name: "Enter your name" });
    expect(profileErrors({ ...form, phone: "1".repeat(41), signature: "x".repeat(2001), avatar_color: "green" })).toEqual({
      phone: "Use at most 40 characters",
      signature: "Use at most 2000 characters",
      avatar_color: "Choose a colour such as #2563eb",
    });
  });
});
