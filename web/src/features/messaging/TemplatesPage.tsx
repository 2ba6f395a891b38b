import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/errors";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { toast } from "../../components/toasts";
import { Alert, Button, EmptyState, SelectField, Spinner, TextField, type Option } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { useMessagingApi } from "./api";
import { newTemplatePath, templatePath } from "./paths";
import { templateKeys } from "./queries";
import { bodyExcerpt } from "./templateForm";
import { CHANNEL_LABELS, type Channel, type Template, type TemplateListQuery } from "./types";
import "./messaging.css";

const CHANNEL_OPTIONS: Option[] = [
  { value: "", label: "All" },
  { value: "email", label: "Email" },
  { value: "sms", label: "SMS" },
];

const SEARCH_DELAY_MS = 300;

/** Settings > Templates: the email and SMS templates by name, searched and filtered; written by Admins and Managers. */
export function TemplatesPage() {
  const manage = useAuth().grants.can(Permission.templatesManage);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [channel, setChannel] = useState<Channel | "">("");
  // What is typed searches after a pause, not at every key.
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const query: TemplateListQuery = { q: q || undefined, channel: channel || undefined };

  return (
    <>
      <div className="templates-intro">
        <p className="settings-intro">
          Templates are the emails and text messages your team and your workflows start from. Merge fields such as{" "}
          <code>{"{{contact.first_name}}"}</code> are filled in for each contact when a message is sent.
        </p>
        {manage && (
          <div className="templates-new">
            <Link className="btn btn-primary" to={newTemplatePath("email")}>
              New email template
            </Link>
            <Link className="btn btn-secondary" to={newTemplatePath("sms")}>
              New SMS template
            </Link>
          </div>
        )}
      </div>
      <form className="filters templates-filters" role="search" aria-label="Find templates" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="Search"
          type="search"
          placeholder="Name, subject or words of the message"
          value={text}
          maxLength={100}
          onChange={(event) => setText(event.target.value)}
        />
        <SelectField
          label="Type"
          options={CHANNEL_OPTIONS}
          value={channel}
          onChange={(event) => setChannel(event.target.value as Channel | "")}
        />
      </form>
      <TemplateList
        query={query}
        manage={manage}
        onClear={() => {
          setText("");
          setQ("");
          setChannel("");
        }}
      />
    </>
  );
}

function TemplateList({ query, manage, onClear }: { query: TemplateListQuery; manage: boolean; onClear: () => void }) {
  const api = useMessagingApi();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState<Template | null>(null);
  const templates = useQuery({ queryKey: templateKeys.list(query), queryFn: ({ signal }) => api.listTemplates(query, signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: templateKeys.templates });
  const clone = useMutation({
    mutationFn: (template: Template) => api.cloneTemplate(template.template_id),
    onSuccess: (copy) => toast.success(`Copied as ${copy.name}`),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (template: Template) => api.deleteTemplate(template.template_id).then(() => template),
    onSuccess: (template) => {
      setDeleting(null);
      toast.success(`${template.name} deleted`);
    },
    onSettled: refresh,
  });

  if (templates.isPending) return <Spinner label="Loading the templates" />;
  if (templates.isError) {
    return (
      <Alert title="The templates could not be loaded" actions={<Button onClick={() => void templates.refetch()}>Try again</Button>}>
        {errorMessage(templates.error)}
      </Alert>
    );
  }
  if (templates.data.length === 0) {
    return query.q || query.channel ? (
      <EmptyState title="No template matches">
        <Button onClick={onClear}>Show every template</Button>
      </EmptyState>
    ) : (
      <EmptyState title="No templates yet">
        {manage ? <p>Write one with “New email template” or “New SMS template”.</p> : <p>An Admin or Manager can write them.</p>}
      </EmptyState>
    );
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table templates-table">
          <caption className="visually-hidden">Templates, by name</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Message</th>
              <th scope="col">Last updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.data.map((template) => (
              <TemplateRow
                key={template.template_id}
                template={template}
                manage={manage}
                cloning={clone.isPending && clone.variables.template_id === template.template_id}
                onClone={() => clone.mutate(template)}
                onDelete={() => {
                  remove.reset();
                  setDeleting(template);
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
      {deleting && (
        <ConfirmDialog
          open
          title={`Delete ${deleting.name}?`}
          confirmLabel="Delete template"
          busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting)}
          onCancel={() => setDeleting(null)}
        >
          <p>It cannot be restored. A workflow step that sends it fails from then on, until the step is given another template.</p>
          {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
        </ConfirmDialog>
      )}
    </>
  );
}

function TemplateRow({
  template,
  manage,
  cloning,
  onClone,
  onDelete,
}: {
  template: Template;
  manage: boolean;
  cloning: boolean;
  onClone: () => void;
  onDelete: () => void;
}) {
  return (
    <tr>
      <td>
        <Link to={templatePath(template.template_id)} className="template-name">
          {template.name}
        </Link>
        {template.subject && <span className="muted template-subject">{template.subject}</span>}
      </td>
      <td>
        <span className="badge">{CHANNEL_LABELS[template.channel]}</span>
      </td>
      <td className="template-excerpt">{bodyExcerpt(template)}</td>
      <td className="nowrap muted">{formatDateTime(template.updated_at)}</td>
      <td>
        <div className="cell-actions">
          <Link className="btn btn-secondary btn-small" to={templatePath(template.template_id)} aria-label={`${manage ? "Edit" : "View"} ${template.name}`}>
            {manage ? "Edit" : "View"}
          </Link>
          {manage && (
            <>
              <Button className="btn-small" busy={cloning} aria-label={`Clone ${template.name}`} onClick={onClone}>
                Clone
              </Button>
              <Button variant="ghost" className="btn-small" aria-label={`Delete ${template.name}`} onClick={onDelete}>
                Delete
              </Button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}
