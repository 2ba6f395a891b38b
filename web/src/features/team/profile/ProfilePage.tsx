import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage } from "../../../api/errors";
import { ME_KEY, useAuth, useProfile } from "../../../auth/AuthProvider";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Alert, Button, Card, PageHeader, SelectField, TextAreaField, TextField } from "../../../components/ui";
import { useFormErrors } from "../../../components/useFormErrors";
import { formatDate, formatDateTime } from "../../../lib/format";
import { useUnsavedChanges } from "../../../lib/useUnsavedChanges";
import { newPasswordErrors, PASSWORD_RULES } from "../../accounts/newPassword";
import { accountKeys } from "../../accounts/queries";
import type { Profile } from "../../accounts/types";
import { timeZoneOptions } from "../../contacts/timeZones";
import { useTeamApi } from "../api";
import { AvatarPicker } from "./AvatarPicker";
import { teamKeys } from "../queries";
import type { User } from "../types";
import {
  formFromUser,
  hasChanges,
  PHONE_MAX,
  PROFILE_INPUTS,
  profileChanges,
  profileErrors,
  SIGNATURE_MAX,
  type ProfileErrors,
  type ProfileForm,
} from "./profileForm";
import "../team.css";

/** /profile: one's own details (PATCH /me), password (POST /me/password) and sessions. */
export function ProfilePage() {
  const profile = useProfile();
  return (
    <>
      <PageHeader title="Your profile" subtitle="How your team sees you, your password and your sessions" />
      <div className="profile-grid">
        <DetailsCard profile={profile} />
        <div>
          <PasswordCard />
          <SessionsCard user={profile.user} />
        </div>
      </div>
    </>
  );
}

function DetailsCard({ profile }: { profile: Profile }) {
  const api = useTeamApi();
  const queryClient = useQueryClient();
  const user = profile.user;
  const [form, setForm] = useState<ProfileForm>(() => formFromUser(user));
  const [checked, setChecked] = useState<ProfileErrors>({});
  const errors = useFormErrors(PROFILE_INPUTS);
  const set = (patch: Partial<ProfileForm>) => setForm((current) => ({ ...current, ...patch }));
  const unsaved = useUnsavedChanges(hasChanges(profileChanges(user, form)));

  const save = useMutation({
    mutationFn: () => api.updateProfile(profileChanges(user, form)),
    meta: { inlineErrors: true },
    onSuccess: async (saved) => {
      queryClient.setQueryData<Profile>(ME_KEY, (current) => (current ? { ...current, user: saved } : current));
      setForm(formFromUser(saved));
      toast.success("Your profile was saved");
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ME_KEY }),
        queryClient.invalidateQueries({ queryKey: accountKeys.users }),
        queryClient.invalidateQueries({ queryKey: teamKeys.all }),
      ]);
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const found = profileErrors(form);
    setChecked(found);
    if (Object.keys(found).length) return;
    if (!hasChanges(profileChanges(user, form))) {
      toast.info("Nothing to save: your profile is as it was");
      return;
    }
    save.mutate();
  }

  const error = (name: keyof ProfileForm) => checked[name] ?? errors.byField[name];
  const accountZone = profile.tenant?.timezone;

  return (
    <Card title="Your details">
      <dl className="profile-facts details">
        <div className="detail-row">
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </div>
        <div className="detail-row">
          <dt>Role</dt>
          <dd>{user.role}</dd>
        </div>
      </dl>
      {errors.summary && <Alert>{errors.summary}</Alert>}
      <form className="profile-form" onSubmit={submit} noValidate aria-label="Your details">
        <div className="form-row">
          <TextField label="Name" autoComplete="name" required maxLength={100} value={form.name} error={error("name")} onChange={(event) => set({ name: event.target.value })} />
          <TextField label="Phone" type="tel" autoComplete="tel" maxLength={PHONE_MAX} value={form.phone} error={error("phone")} onChange={(event) => set({ phone: event.target.value })} />
        </div>
        <SelectField
          label="Time zone"
          value={form.timezone}
          options={timeZoneOptions(form.timezone)}
          error={error("timezone")}
          hint={accountZone ? `Not set, your account's time zone applies (${accountZone.replace(/_/g, " ")}).` : undefined}
          onChange={(event) => set({ timezone: event.target.value })}
        />
        <TextAreaField
          label="Email signature"
          rows={4}
          maxLength={SIGNATURE_MAX}
          value={form.signature}
          error={error("signature")}
          hint="Added at the end of the emails you send from Convertly."
          onChange={(event) => set({ signature: event.target.value })}
        />
        <AvatarPicker name={form.name || user.email} value={form.avatar_color} error={error("avatar_color")} onChange={(avatar_color) => set({ avatar_color })} />
        <div className="profile-actions">
          <Button type="submit" variant="primary" busy={save.isPending}>
            Save profile
          </Button>
        </div>
      </form>
      {unsaved.prompt}
    </Card>
  );
}

const EMPTY_PASSWORDS = { current: "", next: "", confirmation: "" };

function PasswordCard() {
  const api = useTeamApi();
  const [form, setForm] = useState(EMPTY_PASSWORDS);
  const [checked, setChecked] = useState<{ current?: string; password?: string; confirmation?: string }>({});
  const errors = useFormErrors(["current_password", "new_password"]);
  const change = useMutation({
    mutationFn: () => api.changePassword({ current_password: form.current, new_password: form.next }),
    meta: { inlineErrors: true },
    onSuccess: () => {
      setForm(EMPTY_PASSWORDS);
      toast.success("Your password was changed: use the new one from your next log in");
    },
    onError: (error) => errors.show(error),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.clear();
    const found = { ...newPasswordErrors(form.next, form.confirmation), ...(form.current ? {} : { current: "Enter your current password" }) };
    setChecked(found);
    if (Object.keys(found).length) return;
    change.mutate();
  }

  return (
    <Card title="Password">
      {errors.summary && <Alert>{errors.summary}</Alert>}
      <form className="profile-form" onSubmit={submit} noValidate aria-label="Change password">
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={form.current}
          error={checked.current ?? errors.byField.current_password}
          onChange={(event) => setForm((current) => ({ ...current, current: event.target.value }))}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          value={form.next}
          error={checked.password ?? errors.byField.new_password}
          hint={PASSWORD_RULES}
          onChange={(event) => setForm((current) => ({ ...current, next: event.target.value }))}
        />
        <TextField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          value={form.confirmation}
          error={checked.confirmation}
          onChange={(event) => setForm((current) => ({ ...current, confirmation: event.target.value }))}
        />
        <div className="profile-actions">
          <Button type="submit" variant="primary" busy={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}

function SessionsCard({ user }: { user: User }) {
  const api = useTeamApi();
  const { endSession } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function signOutEverywhere() {
    setBusy(true);
    setFailure(null);
    try {
      await api.signOutEverywhere();
      endSession("You were signed out of every session, this one included: log in again.");
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }

  return (
    <Card title="Sessions">
      <dl className="profile-facts details">
        <div className="detail-row">
          <dt>Last log in</dt>
          <dd>{user.last_sign_in_at ? formatDateTime(user.last_sign_in_at) : "never"}</dd>
        </div>
        <div className="detail-row">
          <dt>Member since</dt>
          <dd>{formatDate(user.created_at)}</dd>
        </div>
      </dl>
      <p className="muted">
        Log out ends this session only. If you left Convertly open on a device you no longer have, sign out everywhere: it
        ends every session of yours, on every device, this one included.
      </p>
      <p className="profile-session-actions">
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      </p>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        busy={busy}
        onConfirm={() => void signOutEverywhere()}
        onCancel={() => {
          if (!busy) setConfirming(false);
        }}
      >
        <p>Every session of yours ends at once, on every device and browser, this one included. You then log in again.</p>
        {failure !== null && <Alert>{errorMessage(failure)}</Alert>}
      </ConfirmDialog>
    </Card>
  );
}
