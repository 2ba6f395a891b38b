import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage, fieldMessages } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, EmptyState, Spinner, TextAreaField, TextField } from "../../components/ui";
import { useFieldsApi } from "./api";
import { placeholderOf, valueErrors, valueKeyFromName } from "./customValues";
import { fieldsKeys } from "./queries";
import type { CustomValue } from "./types";
import "./fields.css";

type ValueForm = { name: string; key: string; value: string };
type ValueErrors = Partial<Record<keyof ValueForm, string>>;
const INPUTS = ["name", "key", "value"] as const;

/** Copy text to the clipboard; false where the browser refuses. */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function refusal(error: unknown): { byField: ValueErrors; other: string | null } {
  if (error instanceof ApiError && error.code === "key_taken") return { byField: { key: error.message }, other: null };
  if (error instanceof ApiError && error.isConflict) {
    return { byField: {}, other: "Someone else changed this value meanwhile: close this and open it again." };
  }
  const split = fieldMessages(error, INPUTS);
  const other = split.other.length ? split.other.join(" ") : Object.keys(split.byField).length ? null : errorMessage(error);
  return { byField: split.byField, other };
}

/** Settings > Custom values: named values templates write as {{custom_values.key}}. */
export function CustomValuesPage() {
  const api = useFieldsApi();
  const manage = useAuth().grants.can(Permission.contactsManage);
  const values = useQuery({ queryKey: fieldsKeys.customValues, queryFn: api.customValues });
  const [editing, setEditing] = useState<CustomValue | null>(null);
  const [deleting, setDeleting] = useState<CustomValue | null>(null);
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: fieldsKeys.customValues });
  const remove = useMutation({
    mutationFn: (value: CustomValue) => api.deleteCustomValue(value.value_id),
    onSuccess: (value) => {
      setDeleting(null);
      toast.success(`${value.name} deleted`);
    },
    onSettled: refresh,
  });

  if (values.isPending) return <Spinner label="Loading your custom values" />;
  if (values.isError) {
    return (
      <Alert title="The custom values could not be loaded" actions={<Button onClick={() => void values.refetch()}>Try again</Button>}>
        {errorMessage(values.error)}
      </Alert>
    );
  }

  return (
    <>
      <p className="settings-intro">
        Custom values are your account's own details, such as an office phone or a booking link, written once and used
        in emails and messages as a placeholder: change the value here and every template says the new one.
      </p>
      <Card title="Custom values">
        {values.data.length === 0 ? (
          <EmptyState title="No custom values yet">{manage ? "Add one below." : "An Admin or Manager can add them."}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table cv-table">
              <caption className="visually-hidden">Your custom values, by key</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Placeholder</th>
                  <th scope="col">Value</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {values.data.map((value) => (
                  <tr key={value.value_id}>
                    <td>
                      <span className="lead-name">{value.name}</span>
                    </td>
                    <td>
                      <code className="cv-placeholder">{value.placeholder}</code>
                    </td>
                    <td className="cv-value">{value.value || <span className="muted">Empty</span>}</td>
                    <td>
                      <div className="cell-actions">
                        <Button
                          className="btn-small"
                          aria-label={`Copy the placeholder of ${value.name}`}
                          onClick={() =>
                            void copy(value.placeholder).then((copied) =>
                              copied ? toast.success(`Copied ${value.placeholder}`) : toast.error("The browser did not allow copying: select the placeholder instead"),
                            )
                          }
                        >
                          Copy
                        </Button>
                        {manage && (
                          <>
                            <Button className="btn-small" aria-label={`Edit ${value.name}`} onClick={() => setEditing(value)}>
                              Edit
                            </Button>
                            <Button
                              variant="ghost"
                              className="btn-small"
                              aria-label={`Delete ${value.name}`}
                              onClick={() => {
                                remove.reset();
                                setDeleting(value);
                              }}
                            >
                              Delete
                            </Button>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {manage && <NewValueForm />}
      </Card>
      {editing && <EditValueDialog value={editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          open
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete value"
          busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>
            Templates that use <code>{deleting.placeholder}</code> will write nothing in its place.
          </p>
          {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
        </ConfirmDialog>
      )}
    </>
  );
}

function NewValueForm() {
  const api = useFieldsApi();
  const queryClient = useQueryClient();
  const empty: ValueForm = { name: "", key: "", value: "" };
  const [form, setForm] = useState(empty);
  const [keyTyped, setKeyTyped] = useState(false);
  const [errors, setErrors] = useState<ValueErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.createCustomValue({ name: form.name.trim(), key: form.key, value: form.value }),
    meta: { inlineErrors: true },
    onSuccess: async (value) => {
      toast.success(`${value.name} added: write ${value.placeholder}`);
      setForm(empty);
      setKeyTyped(false);
      await queryClient.invalidateQueries({ queryKey: fieldsKeys.customValues });
    },
    onError: (error) => {
      const refused = refusal(error);
      setErrors(refused.byField);
      setProblem(refused.other);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = valueErrors(form);
    setErrors(found);
    setProblem(null);
    if (!Object.keys(found).length) create.mutate();
  }

  return (
    <form className="cv-new" onSubmit={submit} noValidate aria-label="Add a custom value">
      <h3>Add a custom value</h3>
      {problem && <Alert>{problem}</Alert>}
      <div className="cv-new-fields">
        <TextField
          label="Name"
          value={form.name}
          maxLength={100}
          error={errors.name}
          onChange={(event) => {
            const name = event.target.value;
            setForm((current) => ({ ...current, name, key: keyTyped ? current.key : valueKeyFromName(name) }));
          }}
        />
        <TextField
          label="Key"
          value={form.key}
          maxLength={50}
          error={errors.key}
          hint={form.key ? `Templates write ${placeholderOf(form.key)}` : "Lowercase letters, digits and underscores"}
          onChange={(event) => {
            setKeyTyped(true);
            setForm((current) => ({ ...current, key: event.target.value }));
          }}
        />
      </div>
      <TextAreaField
        label="Value"
        rows={2}
        value={form.value}
        maxLength={2000}
        error={errors.value}
        onChange={(event) => setForm((current) => ({ ...current, value: event.target.value }))}
      />
      <Button type="submit" variant="primary" busy={create.isPending}>
        Add value
      </Button>
    </form>
  );
}

function EditValueDialog({ value, onClose }: { value: CustomValue; onClose: () => void }) {
  const api = useFieldsApi();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ValueForm>({ name: value.name, key: value.key, value: value.value });
  const [errors, setErrors] = useState<ValueErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: () => api.updateCustomValue(value.value_id, { name: form.name.trim(), key: form.key, value: form.value, version: value.version }),
    meta: { inlineErrors: true },
    onSuccess: async (saved) => {
      toast.success(`${saved.name} saved`);
      onClose();
      await queryClient.invalidateQueries({ queryKey: fieldsKeys.customValues });
    },
    onError: (error) => {
      const refused = refusal(error);
      setErrors(refused.byField);
      setProblem(refused.other);
      if (error instanceof ApiError && error.isConflict && error.code !== "key_taken") {
        void queryClient.invalidateQueries({ queryKey: fieldsKeys.customValues });
      }
    },
  });

  function save() {
    const found = valueErrors(form);
    setErrors(found);
    setProblem(null);
    if (!Object.keys(found).length) update.mutate();
  }

  return (
    <ConfirmDialog
      open
      title={`Edit ${value.name}`}
      confirmLabel="Save value"
      tone="primary"
      busy={update.isPending}
      onConfirm={save}
      onCancel={() => {
        if (!update.isPending) onClose();
      }}
    >
      <form
        className="cf-form"
        noValidate
        aria-label="Custom value"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        {problem && <Alert>{problem}</Alert>}
        <TextField
          label="Name"
          value={form.name}
          maxLength={100}
          error={errors.name}
          onChange={(event) => setForm((current) => ({ ...current, name: event.target.value }))}
        />
        <TextField
          label="Key"
          value={form.key}
          maxLength={50}
          error={errors.key}
          hint={`Templates write ${placeholderOf(form.key || "key")}; templates using the old key stop finding it.`}
          onChange={(event) => setForm((current) => ({ ...current, key: event.target.value }))}
        />
        <TextAreaField
          label="Value"
          rows={3}
          value={form.value}
          maxLength={2000}
          error={errors.value}
          onChange={(event) => setForm((current) => ({ ...current, value: event.target.value }))}
        />
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </ConfirmDialog>
  );
}
