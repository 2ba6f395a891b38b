// The profile page's details form: the user's fields as inputs, checked before saving, and PATCH /me's
// body with only what changed. Emptied fields are removed: phone and signature as "", time zone and
// avatar colour as null (the API's ProfileUpdate refuses "" for those two: see timeZone/avatar below).

import { isHexColor } from "../avatar";
import type { ProfileUpdate, User } from "../types";

export const PHONE_MAX = 40;
export const SIGNATURE_MAX = 2000;
export const NAME_MAX = 100;

export interface ProfileForm {
  name: string;
  phone: string;
  timezone: string;
  signature: string;
  /** "" is the default avatar. */
  avatar_color: string;
}

export type ProfileErrors = Partial<Record<keyof ProfileForm, string>>;

export const PROFILE_INPUTS = ["name", "phone", "timezone", "signature", "avatar_color"] as const;

export function formFromUser(user: User): ProfileForm {
  return {
    name: user.name,
    phone: user.phone ?? "",
    timezone: user.timezone ?? "",
    signature: user.signature ?? "",
    avatar_color: (user.avatar_color ?? "").toLowerCase(),
  };
}

export function profileErrors(form: ProfileForm): ProfileErrors {
  const errors: ProfileErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = "Enter your name";
  else if (name.length > NAME_MAX) errors.name = `Use at most ${NAME_MAX} characters`;
  if (form.phone.trim().length > PHONE_MAX) errors.phone = `Use at most ${PHONE_MAX} characters`;
  if (form.signature.length > SIGNATURE_MAX) errors.signature = `Use at most ${SIGNATURE_MAX} characters`;
  if (form.avatar_color && !isHexColor(form.avatar_color)) errors.avatar_color = "Choose a colour such as #2563eb";
  return errors;
}

/** PATCH /me's body: the fields that differ from the saved user; empty when nothing changed. */
export function profileChanges(user: User, form: ProfileForm): ProfileUpdate {
  const saved = formFromUser(user);
  const changes: ProfileUpdate = {};
  const name = form.name.trim();
  if (name !== saved.name.trim()) changes.name = name;
  const phone = form.phone.trim();
  if (phone !== saved.phone) changes.phone = phone;
  if (form.signature !== saved.signature) changes.signature = form.signature;
  if (form.timezone !== saved.timezone) changes.timezone = form.timezone || null;
  const color = form.avatar_color.toLowerCase();
  if (color !== saved.avatar_color) changes.avatar_color = color || null;
  return changes;
}

export function hasChanges(changes: ProfileUpdate): boolean {
  return Object.keys(changes).length > 0;
}
