import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, EmptyState, SelectField, Spinner, TextField } from "../../components/ui";
import { useFieldsApi } from "./api";
import { fieldsKeys } from "./queries";
import { carriedBy, colorLabel, colorOptions, deleteWarning, TAG_COLORS } from "./tags";
import type { Tag } from "./types";
import "./fields.css";

type Action = { kind: "rename" | "merge" | "delete"; tag: Tag };

function useRefreshTags() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: fieldsKeys.tags });
}

function nameProblem(error: unknown): string {
  if (error instanceof ApiError && error.code === "tag_exists") return error.message;
  if (error instanceof ApiError && error.fields.name) return error.fields.name;
  return errorMessage(error);
}

/** Settings > Tags: every tag of the account with how many contacts, companies and leads carry it. */
export function TagsPage() {
  const api = useFieldsApi();
  const manage = useAuth().grants.can(Permission.contactsManage);
  const tags = useQuery({ queryKey: fieldsKeys.tags, queryFn: api.tags });
  const [action, setAction] = useState<Action | null>(null);

  if (tags.isPending) return <Spinner label="Loading your tags" />;
  if (tags.isError) {
    return (
      <Alert title="The tags could not be loaded" actions={<Button onClick={() => void tags.refetch()}>Try again</Button>}>
        {errorMessage(tags.error)}
      </Alert>
    );
  }
  const list = tags.data;
  const close = () => setAction(null);

  return (
    <>
      <p className="settings-intro">
        Tags label contacts, companies and leads. A tag is one tag however it is capitalised or accented; renaming,
        merging or deleting one here changes every record that carries it.
      </p>
      <Card title="Tags">
        {list.length === 0 ? (
          <EmptyState title="No tags yet">Tags appear here as soon as a record carries one{manage ? ", or add one below" : ""}.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table tags-table">
              <caption className="visually-hidden">Your tags, by name, with the records carrying each</caption>
              <thead>
                <tr>
                  <th scope="col">Tag</th>
                  <th scope="col" className="numeric">
                    Contacts
                  </th>
                  <th scope="col" className="numeric">
                    Companies
                  </th>
                  <th scope="col" className="numeric">
                    Leads
                  </th>
                  {manage && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((tag) => (
                  <tr key={tag.tag_id}>
                    <td>
                      <span className="tag-chip">
                        <span
                          className="tag-swatch"
                          style={{ background: tag.color ?? "transparent" }}
                          title={colorLabel(tag.color)}
                          aria-hidden="true"
                        />
                        <span className="lead-name">{tag.name}</span>
                      </span>
                    </td>
                    <td className="numeric">{tag.contact_count}</td>
                    <td className="numeric">{tag.company_count}</td>
                    <td className="numeric">{tag.lead_count}</td>
                    {manage && (
                      <td>
                        <div className="cell-actions">
                          <Button className="btn-small" aria-label={`Rename ${tag.name}`} onClick={() => setAction({ kind: "rename", tag })}>
                            Rename
                          </Button>
                          <Button
                            variant="ghost"
                            className="btn-small"
                            aria-label={`Merge ${tag.name} into another tag`}
                            disabled={list.length < 2}
                            onClick={() => setAction({ kind: "merge", tag })}
                          >
                            Merge
                          </Button>
                          <Button variant="ghost" className="btn-small" aria-label={`Delete ${tag.name}`} onClick={() => setAction({ kind: "delete", tag })}>
                            Delete
                          </Button>
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {manage && <NewTagForm />}
      </Card>
      {action?.kind === "rename" && <RenameDialog key={action.tag.tag_id} tag={action.tag} onClose={close} />}
      {action?.kind === "merge" && <MergeDialog tag={action.tag} others={list.filter((t) => t.tag_id !== action.tag.tag_id)} onClose={close} />}
      {action?.kind === "delete" && <DeleteDialog tag={action.tag} onClose={close} />}
    </>
  );
}

function NewTagForm() {
  const api = useFieldsApi();
  const refresh = useRefreshTags();
  const [name, setName] = useState("");
  const [color, setColor] = useState("");
  const [error, setError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: () => api.createTag({ name: name.trim(), color: color || null }),
    meta: { inlineErrors: true },
    onSuccess: async (tag) => {
      toast.success(`Tag ${tag.name} created`);
      setName("");
      setColor("");
      await refresh();
    },
    onError: (failure) => setError(nameProblem(failure)),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError("Give the tag a name");
    setError(undefined);
    create.mutate();
  }

  return (
    <form className="tag-new" onSubmit={submit} noValidate aria-label="Add a tag">
      <TextField label="New tag" value={name} maxLength={50} error={error} onChange={(event) => setName(event.target.value)} />
      <SelectField label="Color" options={TAG_COLORS} value={color} onChange={(event) => setColor(event.target.value)} />
      <Button type="submit" variant="primary" busy={create.isPending}>
        Create tag
      </Button>
    </form>
  );
}

function RenameDialog({ tag, onClose }: { tag: Tag; onClose: () => void }) {
  const api = useFieldsApi();
  const refresh = useRefreshTags();
  const [name, setName] = useState(tag.name);
  const [color, setColor] = useState(tag.color ?? "");
  const [error, setError] = useState<string | undefined>();
  const update = useMutation({
    mutationFn: () => {
      const body: { name?: string; color?: string | null } = {};
      if (name.trim() !== tag.name) body.name = name.trim();
      if ((color || null) !== (tag.color ?? null)) body.color = color || null;
      return api.updateTag(tag.tag_id, body);
    },
    meta: { inlineErrors: true },
    onSuccess: async (saved) => {
      toast.success(saved.name === tag.name ? `Tag ${saved.name} saved` : `${tag.name} is now ${saved.name} on every record`);
      onClose();
      await refresh();
    },
    onError: (failure) => setError(nameProblem(failure)),
  });

  function save() {
    if (!name.trim()) return setError("Give the tag a name");
    setError(undefined);
    update.mutate();
  }

  return (
    <ConfirmDialog
      open
      title={`Rename ${tag.name}`}
      confirmLabel="Save tag"
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
        aria-label="Tag"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <TextField
          label="Name"
          value={name}
          maxLength={50}
          error={error}
          autoFocus
          hint={`Every record carrying it (${carriedBy(tag)}) takes the new name. To join two tags, merge them.`}
          onChange={(event) => setName(event.target.value)}
        />
        <SelectField label="Color" options={colorOptions(tag.color)} value={color} onChange={(event) => setColor(event.target.value)} />
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </ConfirmDialog>
  );
}

function MergeDialog({ tag, others, onClose }: { tag: Tag; others: Tag[]; onClose: () => void }) {
  const api = useFieldsApi();
  const refresh = useRefreshTags();
  const [into, setInto] = useState(others[0]?.tag_id ?? "");
  const target = others.find((other) => other.tag_id === into);
  const merge = useMutation({
    mutationFn: () => api.mergeTag(tag.tag_id, into),
    meta: { inlineErrors: true },
    onSuccess: async (merged) => {
      toast.success(`${tag.name} merged into ${merged.name}`);
      onClose();
      await refresh();
    },
  });
  return (
    <ConfirmDialog
      open
      title={`Merge ${tag.name} into another tag`}
      confirmLabel="Merge tags"
      busy={merge.isPending}
      onConfirm={() => {
        if (into) merge.mutate();
      }}
      onCancel={() => {
        if (!merge.isPending) onClose();
      }}
    >
      <SelectField
        label="Merge into"
        options={others.map((other) => ({ value: other.tag_id, label: other.name }))}
        value={into}
        onChange={(event) => setInto(event.target.value)}
      />
      <p>
        The {carriedBy(tag)} carrying {tag.name} will carry {target?.name ?? "the other tag"} instead, and {tag.name} is
        deleted.
      </p>
      {merge.isError && <Alert>{errorMessage(merge.error)}</Alert>}
    </ConfirmDialog>
  );
}

function DeleteDialog({ tag, onClose }: { tag: Tag; onClose: () => void }) {
  const api = useFieldsApi();
  const refresh = useRefreshTags();
  const remove = useMutation({
    mutationFn: () => api.deleteTag(tag.tag_id),
    meta: { inlineErrors: true },
    onSuccess: async (deleted) => {
      toast.success(`Tag ${deleted.name} deleted from ${carriedBy(deleted)}`);
      onClose();
      await refresh();
    },
  });
  return (
    <ConfirmDialog
      open
      title={`Delete tag ${tag.name}?`}
      confirmLabel="Delete tag"
      busy={remove.isPending}
      onConfirm={() => remove.mutate()}
      onCancel={() => {
        if (!remove.isPending) onClose();
      }}
    >
      <p>{deleteWarning(tag)}</p>
      {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
    </ConfirmDialog>
  );
}
