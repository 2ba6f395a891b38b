import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "../../../api/errors";
import { useAuth } from "../../../auth/AuthProvider";
import { Permission } from "../../../auth/permissions";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { toast } from "../../../components/toasts";
import { Alert, Button, Spinner } from "../../../components/ui";
import { useFormErrors } from "../../../components/useFormErrors";
import { useFieldsApi } from "../../fields/api";
import { fieldsKeys } from "../../fields/queries";
import type { FieldDefinition } from "../../fields/types";
import { useSmartListsApi } from "./api";
import { ListBuilderFields } from "./ListBuilderFields";
import {
  createListBody,
  listFormErrors,
  listFormFromList,
  listFormInputs,
  updateListBody,
  type ListForm,
} from "./listForm";
import { rememberList, smartListKeys } from "./queries";
import type { SmartList } from "./types";
import "./lists.css";

/**
 * Save a new smart list (`list` absent) or change one: its name, filters, order and, for a user who
 * sees every contact, whether the team shares it. A saved list is built again in the background.
 */
export function ListBuilderDialog({
  list,
  initial,
  onSaved,
  onCancel,
}: {
  list?: SmartList;
  initial: ListForm;
  onSaved: (list: SmartList) => void;
  onCancel: () => void;
}) {
  const fieldsApi = useFieldsApi();
  const customFields = useQuery({ queryKey: fieldsKeys.customFields("contact"), queryFn: () => fieldsApi.customFields("contact") });
  const title = list ? `Edit ${list.name}` : "Save as smart list";
  if (customFields.isPending || customFields.isError) {
    return (
      <ConfirmDialog open title={title} confirmLabel="Save list" tone="primary" busy={customFields.isPending} onConfirm={() => undefined} onCancel={onCancel}>
        {customFields.isError ? (
          <Alert title="The custom fields could not be loaded" actions={<Button onClick={() => void customFields.refetch()}>Try again</Button>}>
            {errorMessage(customFields.error)}
          </Alert>
        ) : (
          <Spinner label="Loading the filters" />
        )}
      </ConfirmDialog>
    );
  }
  return <ListBuilder title={title} list={list} initial={initial} fields={customFields.data.fields} onSaved={onSaved} onCancel={onCancel} />;
}

function ListBuilder({
  title,
  list,
  initial,
  fields,
  onSaved,
  onCancel,
}: {
  title: string;
  list: SmartList | undefined;
  initial: ListForm;
  fields: readonly FieldDefinition[];
  onSaved: (list: SmartList) => void;
  onCancel: () => void;
}) {
  const api = useSmartListsApi();
  const queryClient = useQueryClient();
  const { grants } = useAuth();
  const mayShare = grants.can(Permission.contactsReadAll);
  const [form, setForm] = useState(initial);
  // The version the editor started from: a background read must not move it under their edits.
  const [version, setVersion] = useState(list?.version ?? 0);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const errors = useFormErrors(listFormInputs(form));
  const save = useMutation({
    mutationFn: () =>
      list
        ? api.updateSmartList(list.list_id, updateListBody(form, fields, version, mayShare))
        : api.createSmartList(createListBody(form, fields, mayShare)),
    meta: { inlineErrors: true },
    onSuccess: async (saved) => {
      rememberList(queryClient, saved);
      toast.success(list ? `${saved.name} was saved` : `${saved.name} was saved: its contacts are being gathered`);
      onSaved(saved);
      await queryClient.invalidateQueries({ queryKey: smartListKeys.lists });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.isConflict) setConflict(error.message);
      else errors.show(error);
    },
  });
  const reload = useMutation({
    mutationFn: () => api.smartList(list?.list_id ?? ""),
    onSuccess: (fresh) => {
      rememberList(queryClient, fresh);
      setForm(listFormFromList(fresh));
      setVersion(fresh.version);
      setConflict(null);
      errors.clear();
      toast.info("Loaded the latest version of this list");
    },
  });

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (save.isPending) return;
    const found = listFormErrors(form, fields);
    setProblems(found);
    setConflict(null);
    errors.clear();
    if (Object.keys(found).length === 0) save.mutate();
  }

  return (
    <ConfirmDialog
      open
      title={title}
      confirmLabel="Save list"
      tone="primary"
      busy={save.isPending}
      onConfirm={() => submit()}
      onCancel={() => {
        if (!save.isPending) onCancel();
      }}
    >
      <form className="list-builder" aria-label="Smart list" noValidate onSubmit={submit}>
        {conflict && (
          <Alert
            tone="warning"
            title={conflict}
            actions={
              <Button busy={reload.isPending} onClick={() => reload.mutate()}>
                Load the latest version
              </Button>
            }
          >
            Loading it replaces what you changed here.
          </Alert>
        )}
        {errors.summary && <Alert title="The list was not saved">{errors.summary}</Alert>}
        <ListBuilderFields form={form} onChange={setForm} fields={fields} errors={{ ...errors.byField, ...problems }} seesAll={mayShare} />
        <button type="submit" hidden tabIndex={-1} />
      </form>
    </ConfirmDialog>
  );
}
