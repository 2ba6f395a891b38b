// What a one-off email or text starts from, in the send dialogs: a template or a message written
// there; and the template picker, which says what to do when there are no templates of its channel.

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Alert, SelectField, Spinner } from "../../components/ui";
import { useMessagingApi } from "./api";
import { newTemplatePath } from "./paths";
import { templateKeys } from "./queries";
import type { Template } from "./types";

export type MessageSource = "template" | "write";

export function SourceSwitch({ source, onSource }: { source: MessageSource; onSource: (source: MessageSource) => void }) {
  return (
    <div className="segmented" role="group" aria-label="What to send">
      <button type="button" aria-pressed={source === "template"} onClick={() => onSource("template")}>
        From a template
      </button>
      <button type="button" aria-pressed={source === "write"} onClick={() => onSource("write")}>
        Write a message
      </button>
    </div>
  );
}

const NOUNS = { email: "email", sms: "SMS" } as const;

/** The channel's templates to choose from; `children` shows more about the chosen one. */
export function TemplatePicker({
  channel,
  value,
  error,
  onChange,
  children,
}: {
  channel: "email" | "sms";
  value: string;
  error?: string;
  onChange: (templateId: string) => void;
  children?: (chosen: Template | undefined) => ReactNode;
}) {
  const api = useMessagingApi();
  const manage = useAuth().grants.can(Permission.templatesManage);
  const query = { channel } as const;
  const templates = useQuery({
    queryKey: templateKeys.list(query),
    queryFn: ({ signal }) => api.listTemplates(query, signal),
  });
  if (templates.isPending) return <Spinner label={`Loading the ${NOUNS[channel]} templates`} />;
  if (templates.isError) return <Alert>The templates could not be loaded: choose “Write a message” instead.</Alert>;
  if (templates.data.length === 0) {
    return (
      <p className="muted">
        There are no {NOUNS[channel]} templates yet: choose “Write a message”
        {manage && (
          <>
            , or <Link to={newTemplatePath(channel)}>write a template</Link>
          </>
        )}
        .
      </p>
    );
  }
  return (
    <>
      <SelectField
        label="Template"
        value={value}
        error={error}
        options={[{ value: "", label: "Choose a template…" }, ...templates.data.map((template) => ({ value: template.template_id, label: template.name }))]}
        onChange={(event) => onChange(event.target.value)}
      />
      {children?.(templates.data.find((template) => template.template_id === value))}
    </>
  );
}
