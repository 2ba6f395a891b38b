import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, Card, EmptyState, Spinner } from "../../components/ui";
import { useFieldsApi } from "./api";
import {
  dialogErrors,
  draftFrom,
  draftOf,
  dropField,
  emptyForm,
  fieldSummary,
  formOf,
  OBJECT_TYPES,
  objectTypeOf,
  stepField,
  TYPE_LABELS,
  withField,
  withoutField,
  type FieldForm,
} from "./customFields";
import { FieldDialog } from "./FieldDialog";
import { fieldsKeys } from "./queries";
import type { CustomFields, FieldDefinition, FieldDefinitionDraft, ObjectType } from "./types";
import "./fields.css";

type Change = (fields: FieldDefinitionDraft[]) => FieldDefinitionDraft[] | null;

/** Settings > Custom fields: the fields contacts, companies and leads have beyond the usual ones. */
export function CustomFieldsPage() {
  const [params, setParams] = useSearchParams();
  const objectType = objectTypeOf(params.get("type"));
  return (
    <>
      <p className="settings-intro">
        Custom fields are the extra boxes on a contact, company or lead form, in the order listed here. Removing a
        field keeps what records hold in it: they show it under "Other fields".
      </p>
      <div className="cf-types" role="group" aria-label="Fields of">
        {OBJECT_TYPES.map((type) => (
          <Button
            key={type.value}
            variant={type.value === objectType ? "primary" : "secondary"}
            aria-pressed={type.value === objectType}
            onClick={() => setParams({ type: type.value }, { replace: true })}
          >
            {type.label}
          </Button>
        ))}
      </div>
      <FieldList key={objectType} objectType={objectType} />
    </>
  );
}

/**
 * Every change (add, edit, remove, reorder) saves the whole list with the version it was read at, one
 * save at a time in click order; each builds on the list and version the previous save answered.
 */
function useSaveFields(objectType: ObjectType) {
  const api = useFieldsApi();
  const queryClient = useQueryClient();
  const key = fieldsKeys.customFields(objectType);
  return useMutation({
    mutationKey: ["save-custom-fields", objectType],
    scope: { id: `custom-fields:${objectType}` },
    meta: { inlineErrors: true },
    mutationFn: async (change: Change) => {
      const current = queryClient.getQueryData<CustomFields>(key) ?? (await api.customFields(objectType));
      const next = change(current.fields.map(draftFrom));
      if (!next) return current;
      return api.saveCustomFields(objectType, { fields: next, version: current.version });
    },
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
    onError: (error) => {
      if (error instanceof ApiError && error.isConflict) {
        const current = error.details.custom_fields as CustomFields | undefined;
        if (current) queryClient.setQueryData(key, current);
        else void queryClient.invalidateQueries({ queryKey: key });
      }
    },
  });
}

function FieldList({ objectType }: { objectType: ObjectType }) {
  const api = useFieldsApi();
  const manage = useAuth().grants.can(Permission.contactsManage);
  const objectLabel = OBJECT_TYPES.find((type) => type.value === objectType)!.label;
  const singular = { contact: "Contact", company: "Company", lead: "Lead" }[objectType];
  const fields = useQuery({ queryKey: fieldsKeys.customFields(objectType), queryFn: () => api.customFields(objectType) });
  const save = useSaveFields(objectType);
  const [editing, setEditing] = useState<FieldForm | null>(null);
  const [removing, setRemoving] = useState<FieldDefinition | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);

  if (fields.isPending) return <Spinner label={`Loading the ${objectType} fields`} />;
  if (fields.isError) {
    return (
      <Alert title="The custom fields could not be loaded" actions={<Button onClick={() => void fields.refetch()}>Try again</Button>}>
        {errorMessage(fields.error)}
      </Alert>
    );
  }
  const list = fields.data.fields;

  function apply(change: Change, done: string) {
    save.mutate(change, {
      onSuccess: () => toast.success(done),
      onError: (error) => toast.error(conflictText(error)),
    });
  }

  function step(field: FieldDefinition, direction: -1 | 1) {
    apply((current) => stepField(current, field.field_id, direction), "Field order saved");
    const label = direction < 0 ? "up" : "down";
    requestAnimationFrame(() => document.getElementById(`cf-${label}-${field.field_id}`)?.focus());
  }

  async function saveField(form: FieldForm) {
    const draft = draftOf(form);
    try {
      await save.mutateAsync((current) => withField(current, draft));
      toast.success(`Field ${draft.label} saved`);
      setEditing(null);
      return null;
    } catch (error) {
      if (error instanceof ApiError && error.isConflict) return { byField: {}, other: conflictText(error) };
      return dialogErrors(error);
    }
  }

  return (
    <Card
      title={`${singular} fields`}
      actions={
        manage && (
          <Button variant="primary" onClick={() => setEditing(emptyForm())}>
            Add field
          </Button>
        )
      }
    >
      {list.length === 0 ? (
        <EmptyState title={`No custom fields for ${objectLabel.toLowerCase()} yet`}>
          {manage ? "Add one: it shows on every form, after the usual fields." : "An Admin or Manager can add them."}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table cf-table">
              <caption className="visually-hidden">Custom fields of {objectLabel.toLowerCase()}, in form order</caption>
              <thead>
                <tr>
                  {manage && <th scope="col">Order</th>}
                  <th scope="col">Label</th>
                  <th scope="col">Key</th>
                  <th scope="col">Type</th>
                  <th scope="col">Required</th>
                  {manage && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.map((field, index) => (
                  <tr
                    key={field.field_id}
                    className={dragged && dragged !== field.field_id ? "cf-drop" : undefined}
                    onDragOver={(event) => {
                      if (!dragged || dragged === field.field_id) return;
                      event.preventDefault();
                      event.dataTransfer.dropEffect = "move";
                    }}
                    onDrop={(event) => {
                      event.preventDefault();
                      const from = dragged;
                      setDragged(null);
                      if (from) apply((current) => dropField(current, from, field.field_id), "Field order saved");
                    }}
                  >
                    {manage && (
                      <td>
                        <div className="cf-order">
                          <span
                            className="cf-handle"
                            title="Drag to reorder"
                            aria-label={`Drag ${field.label}`}
                            draggable
                            onDragStart={(event) => {
                              event.dataTransfer.setData("text/plain", field.key);
                              event.dataTransfer.effectAllowed = "move";
                              setDragged(field.field_id);
                            }}
                            onDragEnd={() => setDragged(null)}
                          >
                            ⋮⋮
                          </span>
                          <button
                            type="button"
                            id={`cf-up-${field.field_id}`}
                            className="btn btn-ghost btn-small"
                            aria-label={`Move ${field.label} up`}
                            disabled={index === 0}
                            onClick={() => step(field, -1)}
                          >
                            ↑
                          </button>
                          <button
                            type="button"
                            id={`cf-down-${field.field_id}`}
                            className="btn btn-ghost btn-small"
                            aria-label={`Move ${field.label} down`}
                            disabled={index === list.length - 1}
                            onClick={() => step(field, 1)}
                          >
                            ↓
                          </button>
                        </div>
                      </td>
                    )}
                    <td>
                      <span className="lead-name">{field.label}</span>
                      {field.placeholder && <span className="muted block">{field.placeholder}</span>}
                    </td>
                    <td>
                      <code>{field.key}</code>
                    </td>
                    <td>
                      {TYPE_LABELS[field.type]}
                      {fieldSummary(field) && <span className="muted block">{fieldSummary(field)}</span>}
                    </td>
                    <td>{field.required ? "Required" : "Optional"}</td>
                    {manage && (
                      <td>
                        <div className="cell-actions">
                          <Button className="btn-small" aria-label={`Edit ${field.label}`} onClick={() => setEditing(formOf(field))}>
                            Edit
                          </Button>
                          <Button variant="ghost" className="btn-small" aria-label={`Remove ${field.label}`} onClick={() => setRemoving(field)}>
                            Remove
                          </Button>
                        </div>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {manage && <p className="settings-note">Drag a row, or use its arrows, to change the order forms show the fields in.</p>}
        </>
      )}
      {editing && (
        <FieldDialog
          initial={editing}
          others={list}
          objectLabel={singular}
          onSave={saveField}
          onCancel={() => setEditing(null)}
        />
      )}
      {removing && (
        <ConfirmDialog
          open
          title={`Remove ${removing.label}?`}
          confirmLabel="Remove field"
          busy={save.isPending}
          onConfirm={() => {
            const field = removing;
            setRemoving(null);
            apply((current) => withoutField(current, field.field_id), `Field ${field.label} removed`);
          }}
          onCancel={() => setRemoving(null)}
        >
          <p>
            Forms stop showing it. Records keep what they hold in <code>{removing.key}</code>, under "Other fields".
          </p>
        </ConfirmDialog>
      )}
    </Card>
  );
}

function conflictText(error: unknown): string {
  if (error instanceof ApiError && error.isConflict) return "Someone else changed these fields meanwhile: the list now shows their changes, try again.";
  return errorMessage(error);
}
