import { useQueryClient } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { Pager } from "../../components/Pager";
import { Alert, Button, EmptyState, PageHeader, SelectField, Spinner, type Option } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { formKeys, useForm, useSubmissionPages } from "./queries";
import { StatusBadge } from "./StatusBadge";
import {
  OUTCOME_LABELS,
  paramsFromSpamFilter,
  SPAM_FILTER_LABELS,
  spamFilterFromParams,
  spamQuery,
  spamReasonLabel,
  summarizeAttribution,
  valueText,
  type SpamFilter,
} from "./submissionsModel";
import type { CaptureForm, FormSubmission } from "./types";
import "./forms.css";

const FILTER_OPTIONS: Option[] = (Object.keys(SPAM_FILTER_LABELS) as SpamFilter[]).map((filter) => ({
  value: filter,
  label: SPAM_FILTER_LABELS[filter],
}));

/** What one form received, newest first: when, which lead, from which click and campaign, spam or not. */
export function SubmissionsPage() {
  const { formId = "" } = useParams();
  const form = useForm(formId);
  const [params, setParams] = useSearchParams();
  const filter = spamFilterFromParams(params);
  const queryClient = useQueryClient();

  if (form.isPending) return <Spinner label="Loading the form" />;
  if (form.isError) {
    if (form.error instanceof ApiError && form.error.status === 404) {
      return (
        <EmptyState title="Form not found">
          <p>
            It may have been deleted, or the link is wrong.{" "}
            <Link to="/forms" className="btn btn-secondary">
              Back to forms
            </Link>
          </p>
        </EmptyState>
      );
    }
    return (
      <Alert title="The form could not be loaded" actions={<Button onClick={() => void form.refetch()}>Try again</Button>}>
        {errorMessage(form.error)}
      </Alert>
    );
  }

  return (
    <>
      <PageHeader
        back={
          <Link to={`/forms/${formId}`} className="back-link">
            ← {form.data.name}
          </Link>
        }
        title={`Submissions: ${form.data.name}`}
        subtitle={
          <>
            <StatusBadge status={form.data.status} />
            <span>Newest first. Spam is kept for 30 days and never becomes a lead.</span>
          </>
        }
        actions={
          <Button onClick={() => void queryClient.invalidateQueries({ queryKey: formKeys.submissions(formId) })}>Refresh</Button>
        }
      />
      <form className="filters submission-filters" role="search" aria-label="Filter submissions" onSubmit={(event) => event.preventDefault()}>
        <SelectField
          label="Show"
          options={FILTER_OPTIONS}
          value={filter}
          onChange={(event) => setParams(paramsFromSpamFilter(event.target.value as SpamFilter), { replace: true })}
        />
      </form>
      <SubmissionResults form={form.data} filter={filter} />
    </>
  );
}

function SubmissionResults({ form, filter }: { form: CaptureForm; filter: SpamFilter }) {
  const pages = useSubmissionPages(form.form_id, spamQuery(filter));
  const { query } = pages;
  if (query.isPending) return <Spinner label="Loading the submissions" />;
  if (query.isError) {
    return (
      <Alert title="The submissions could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  const items = query.data.items;
  if (items.length === 0 && pages.page === 1) {
    return (
      <EmptyState title={filter === "all" ? "No submissions yet" : `No submissions match “${SPAM_FILTER_LABELS[filter]}”`}>
        <p>
          {form.status === "published"
            ? "What visitors send through this form shows here."
            : "This form is a draft: publish it and put it on your site to start receiving submissions."}
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <SubmissionTable form={form} items={items} />
      <Pager
        page={pages.page}
        count={items.length}
        hasPrevious={pages.hasPrevious}
        hasNext={pages.hasNext}
        onPrevious={pages.previous}
        onNext={pages.next}
        busy={query.isFetching}
        noun={["submission", "submissions"]}
      />
    </>
  );
}

function SubmissionTable({ form, items }: { form: CaptureForm; items: FormSubmission[] }) {
  const labels = new Map(form.fields.map((field) => [field.name, field.label]));
  return (
    <div className="table-wrap">
      <table className="table submissions-table">
        <caption className="visually-hidden">Submissions of {form.name}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Lead</th>
            <th scope="col">Source</th>
            <th scope="col">Click id</th>
            <th scope="col">Landing page</th>
            <th scope="col">Spam</th>
            <th scope="col">Answers</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const summary = summarizeAttribution(item.attribution);
            return (
              <tr key={item.submission_id} className={item.spam ? "submission-spam" : undefined}>
                <td className="nowrap">
                  <time dateTime={item.submitted_at}>{formatDateTime(item.submitted_at)}</time>
                </td>
                <td>
                  {item.lead_id ? (
                    <Link to={`/leads/${item.lead_id}`} className="lead-name">
                      {item.lead_name || "Unnamed lead"}
                    </Link>
                  ) : (
                    <span className="muted">No lead</span>
                  )}
                  <span className="muted block">{OUTCOME_LABELS[item.outcome] ?? item.outcome}</span>
                </td>
                <td>{summary.source ?? <span className="muted">—</span>}</td>
                <td>
                  {summary.click ? (
                    <span className="mono break">
                      {summary.click.key}: {summary.click.value}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td className="submission-url">
                  {summary.landingPage ? <span className="break">{summary.landingPage}</span> : <span className="muted">—</span>}
                  {summary.referrer && <span className="muted block break">from {summary.referrer}</span>}
                </td>
                <td>
                  {item.spam ? (
                    <span className="badge badge-spam">Spam</span>
                  ) : (
                    <span className="badge badge-clean">Not spam</span>
                  )}
                  {item.spam && <span className="muted block spam-reason">{spamReasonLabel(item.spam_reason)}</span>}
                </td>
                <td>
                  <details className="answers">
                    <summary>Answers</summary>
                    <dl>
                      {Object.entries(item.values).map(([name, value]) => (
                        <div key={name}>
                          <dt>{labels.get(name) ?? name}</dt>
                          <dd>{valueText(value) || <span className="muted">—</span>}</dd>
                        </div>
                      ))}
                    </dl>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
