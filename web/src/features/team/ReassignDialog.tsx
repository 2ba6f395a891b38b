// "Reassign work": a member's open leads, follow-ups and tasks go to the people the Admin chooses, in
// turn (POST /team/{user_id}/reassign). The move runs in the background; the dialog then shows its
// progress, and once closed the Team page's banner does (ReassignBanner) until it is done.

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "../../api/errors";
import { Alert, Button, Spinner } from "../../components/ui";
import { useTeamApi } from "./api";
import { Avatar } from "./Avatar";
import { Modal } from "./Modal";
import { teamKeys } from "./queries";
import {
  ALL_KINDS,
  choiceErrors,
  hasChoiceErrors,
  isFinished,
  KIND_LABELS,
  MAX_RECIPIENTS,
  orderedRecipients,
  overallPercent,
  progressSummary,
  reassignBody,
  reassignErrors,
  reassignProgress,
  recipientCandidates,
  roundRobinSentence,
  skippedText,
  statusText,
  toggled,
  WORK_KINDS,
  type ChoiceErrors,
  type TrackedJob,
  type WorkKind,
  type WorkKinds,
} from "./reassign";
import type { Reassignment, TeamMember, TeamQuery } from "./types";
import { isGone, useReassignment, useReassignmentPoll } from "./useReassignments";

/** Whose work moves: a row's member, or a followed job's person (its banner's "Show progress"). */
export type ReassignSource = Pick<TeamMember, "user_id" | "name" | "open_leads">;

const ACTIVE: TeamQuery = { status: "active" };

/** The active members, who can take work (the same read as the list filtered on "Active"). */
function useActiveMembers() {
  const api = useTeamApi();
  // Read again at each opening: who is active may have changed since the list was read.
  return useQuery({ queryKey: teamKeys.list(ACTIVE), queryFn: ({ signal }) => api.team(ACTIVE, signal), staleTime: 0 });
}

export function ReassignDialog({
  source,
  me,
  jobId,
  kinds,
  onStarted,
  onClose,
}: {
  source: ReassignSource;
  me: string;
  /** The job once started (or opened from the banner): the dialog shows its progress. */
  jobId: string | null;
  kinds: WorkKinds;
  onStarted: (job: TrackedJob, first: Reassignment) => void;
  onClose: () => void;
}) {
  return jobId ? (
    <ProgressView source={source} jobId={jobId} kinds={kinds} onClose={onClose} />
  ) : (
    <ChooseView source={source} me={me} onStarted={onStarted} onClose={onClose} />
  );
}

function ChooseView({
  source,
  me,
  onStarted,
  onClose,
}: {
  source: ReassignSource;
  me: string;
  onStarted: (job: TrackedJob, first: Reassignment) => void;
  onClose: () => void;
}) {
  const api = useTeamApi();
  const queryClient = useQueryClient();
  const active = useActiveMembers();
  const candidates = recipientCandidates(active.data?.items ?? [], source.user_id);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [kinds, setKinds] = useState<WorkKinds>(ALL_KINDS);
  const [checked, setChecked] = useState<ChoiceErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const recipients = orderedRecipients(candidates, chosen);
  const names = recipients.map((id) => candidates.find((member) => member.user_id === id)?.name ?? id);
  const refused = reassignErrors(failure, active.data?.items ?? []);

  async function start() {
    if (busy) return;
    const choice = { recipients, kinds };
    const errors = choiceErrors(choice);
    setChecked(errors);
    if (hasChoiceErrors(errors)) return;
    setBusy(true);
    setFailure(null);
    try {
      const job = await api.reassign(source.user_id, reassignBody(choice));
      onStarted({ jobId: job.job_id, fromUserId: source.user_id, name: source.name, kinds }, job);
    } catch (error) {
      setFailure(error);
      setBusy(false);
      // Someone chosen may have been deactivated meanwhile: read who can take work again.
      void queryClient.invalidateQueries({ queryKey: teamKeys.all });
    }
  }

  const ready = active.isSuccess && candidates.length > 0;
  return (
    <Modal
      title={`Reassign the work of ${source.name}`}
      onSubmit={() => void start()}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={busy} disabled={!ready}>
            Reassign work
          </Button>
        </>
      }
    >
      {refused.problem && <Alert>{refused.problem}</Alert>}
      <p>
        {source.name}&rsquo;s open leads{source.open_leads > 0 ? ` (${source.open_leads})` : ""}, follow-ups and tasks go to
        the people you choose. Won and lost leads, and what is already done, stay theirs. Each lead&rsquo;s history records
        its new owner.
      </p>
      <RecipientPicker
        query={active}
        candidates={candidates}
        chosen={chosen}
        me={me}
        error={checked.recipients ?? refused.recipients}
        onToggle={(userId, on) => {
          setChosen((current) => toggled(current, userId, on));
          setChecked((current) => ({ ...current, recipients: undefined }));
          setFailure(null);
        }}
      />
      {ready && (
        <p className="reassign-round-robin" aria-live="polite">
          {roundRobinSentence(names, kinds.leads ? source.open_leads : 0)}
        </p>
      )}
      <KindPicker
        kinds={kinds}
        error={checked.kinds}
        onChange={(kind, on) => {
          setKinds((current) => ({ ...current, [kind]: on }));
          setChecked((current) => ({ ...current, kinds: undefined }));
        }}
      />
    </Modal>
  );
}

function RecipientPicker({
  query,
  candidates,
  chosen,
  me,
  error,
  onToggle,
}: {
  query: ReturnType<typeof useActiveMembers>;
  candidates: TeamMember[];
  chosen: ReadonlySet<string>;
  me: string;
  error: string | undefined;
  onToggle: (userId: string, on: boolean) => void;
}) {
  const errorId = useId();
  if (query.isPending) return <Spinner label="Loading who can take the work" />;
  if (query.isError) {
    return (
      <Alert title="The team could not be loaded" actions={<Button onClick={() => void query.refetch()}>Try again</Button>}>
        {errorMessage(query.error)}
      </Alert>
    );
  }
  if (candidates.length === 0) {
    return (
      <Alert tone="warning" title="Nobody can take this work yet">
        Only active members receive work, and nobody else is active. Invite someone, or reactivate a member, first.
      </Alert>
    );
  }
  const full = chosen.size >= MAX_RECIPIENTS;
  return (
    <fieldset className={`reassign-choices ${error ? "field-invalid" : ""}`} aria-describedby={error ? errorId : undefined}>
      <legend>Who receives the work</legend>
      <ul className="reassign-people">
        {candidates.map((member) => {
          const on = chosen.has(member.user_id);
          const leads = member.open_leads === 1 ? "1 open lead" : `${member.open_leads} open leads`;
          return (
            <li key={member.user_id}>
              <label className="reassign-person">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && full}
                  onChange={(event) => onToggle(member.user_id, event.target.checked)}
                />
                <Avatar name={member.name || member.email} color={member.avatar_color} className="avatar-small" />
                <span className="reassign-person-name">
                  {member.name}
                  {member.user_id === me && <span className="muted"> (you)</span>}
                </span>
                <span className="reassign-person-role">{member.role}</span>
                <span className="muted reassign-person-leads">{leads}</span>
              </label>
            </li>
          );
        })}
      </ul>
      {full && <p className="field-hint">Up to {MAX_RECIPIENTS} people at once.</p>}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function KindPicker({
  kinds,
  error,
  onChange,
}: {
  kinds: WorkKinds;
  error: string | undefined;
  onChange: (kind: WorkKind, on: boolean) => void;
}) {
  const errorId = useId();
  return (
    <fieldset className={`reassign-choices ${error ? "field-invalid" : ""}`} aria-describedby={error ? errorId : undefined}>
      <legend>What to reassign</legend>
      <div className="reassign-kinds">
        {WORK_KINDS.map((kind) => (
          <label key={kind} className="reassign-kind">
            <input type="checkbox" checked={kinds[kind]} onChange={(event) => onChange(kind, event.target.checked)} />
            {KIND_LABELS[kind]}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function ProgressView({
  source,
  jobId,
  kinds,
  onClose,
}: {
  source: ReassignSource;
  jobId: string;
  kinds: WorkKinds;
  onClose: () => void;
}) {
  const progress = useReassignment(jobId);
  const active = useActiveMembers();
  const job = progress.data;
  const finished = isFinished(job);
  return (
    <Modal
      title={`Reassign the work of ${source.name}`}
      onSubmit={onClose}
      onClose={onClose}
      actions={
        <Button type="submit" variant={finished ? "primary" : "secondary"}>
          {finished ? "Done" : "Close"}
        </Button>
      }
    >
      {job ? (
        <JobProgress job={job} kinds={kinds} members={active.data?.items ?? []} />
      ) : isGone(progress.error) ? (
        <Alert>This reassignment cannot be found any more.</Alert>
      ) : (
        <Spinner label="Reading the progress" />
      )}
      {!finished && job && (
        <p className="muted">
          You can close this window: the work keeps moving, and the Team page shows how far it is until it is done.
        </p>
      )}
    </Modal>
  );
}

function JobProgress({ job, kinds, members }: { job: Reassignment; kinds: WorkKinds; members: TeamMember[] }) {
  const finished = isFinished(job);
  const names = job.to_user_ids.map((id) => members.find((member) => member.user_id === id)?.name ?? "a former member");
  const skipped = skippedText(job);
  return (
    <>
      <p className="reassign-status" role="status">
        {!finished && <span className="spinner spinner-small" aria-hidden="true" />}
        <strong>{statusText(job)}</strong>
        {finished ? ": " : " · "}
        {progressSummary(job, kinds)}
      </p>
      <ul className="reassign-bars" aria-label="Progress">
        {reassignProgress(job, kinds).map((row) => (
          <li key={row.kind}>
            <span className="reassign-bar-label">{KIND_LABELS[row.kind]}</span>
            <progress className="reassign-bar" max={100} value={row.percent} aria-label={`${KIND_LABELS[row.kind]} moved`} aria-valuetext={row.text} />
            <span className="reassign-bar-count">{row.text}</span>
          </li>
        ))}
      </ul>
      {names.length > 0 && <p className="muted">To {listOf(names)}, in turn.</p>}
      {skipped && <p className="muted">{skipped}</p>}
    </>
  );
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * Above the team list: each followed job that is still running (the dialog showing one hides it here),
 * with its progress, until it is done. Its poll runs whether it shows or not.
 */
export function ReassignBanner({
  jobs,
  hiddenJobId,
  onEnded,
  onShow,
}: {
  jobs: readonly TrackedJob[];
  hiddenJobId: string | null;
  onEnded: (job: TrackedJob, result: Reassignment | undefined) => void;
  onShow: (job: TrackedJob) => void;
}) {
  if (jobs.length === 0) return null;
  const shown = jobs.filter((job) => job.jobId !== hiddenJobId);
  return (
    <section className={shown.length ? "reassign-banner" : "visually-hidden"} aria-label="Work being reassigned">
      {jobs.map((job) => (
        <FollowedJob key={job.jobId} job={job} hidden={job.jobId === hiddenJobId} onEnded={onEnded} onShow={onShow} />
      ))}
    </section>
  );
}

function FollowedJob({
  job,
  hidden,
  onEnded,
  onShow,
}: {
  job: TrackedJob;
  hidden: boolean;
  onEnded: (job: TrackedJob, result: Reassignment | undefined) => void;
  onShow: (job: TrackedJob) => void;
}) {
  const progress = useReassignmentPoll(job, onEnded);
  if (hidden) return null;
  const data = progress.data;
  return (
    <div className="reassign-banner-job">
      <span className="spinner spinner-small" aria-hidden="true" />
      <span className="reassign-banner-text">
        Reassigning the work of <strong>{job.name}</strong>
        {data ? `: ${progressSummary(data, job.kinds)}` : "…"}
        {progress.isError && !data && <span className="muted"> (progress unavailable, trying again)</span>}
      </span>
      {data && (
        <progress
          className="reassign-bar"
          max={100}
          value={overallPercent(data, job.kinds)}
          aria-label={`Work of ${job.name} moved`}
          aria-valuetext={progressSummary(data, job.kinds)}
        />
      )}
      <Button className="btn-small" onClick={() => onShow(job)}>
        Show progress
      </Button>
    </div>
  );
}
