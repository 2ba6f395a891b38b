// The reassignments the Team page follows. Each running job is read again every REASSIGN_POLL_MS
// (useReassignmentPoll, one per job) until it is done; then a toast says what moved and everything
// showing owners is read again. The jobs are kept for the browser tab (sessionStorage), so leaving the
// page while one runs and coming back loses nothing.

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../../api/errors";
import { toast } from "../../components/toasts";
import { leadKeys } from "../leads/queries";
import { followUpKeys } from "../work/followups/queries";
import { taskKeys } from "../work/tasks/TaskDialog";
import { useTeamApi } from "./api";
import { useTeamChanged } from "./MemberDialogs";
import { teamKeys } from "./queries";
import { finishedMessage, isFinished, parseTracked, REASSIGN_POLL_MS, withTracked, type TrackedJob } from "./reassign";
import type { Reassignment } from "./types";

const STORAGE_KEY = "convertly.team.reassignments";

function stored(): TrackedJob[] {
  try {
    return parseTracked(window.sessionStorage.getItem(STORAGE_KEY));
  } catch {
    return []; // storage refused: the jobs are followed while the page stays open
  }
}

function store(jobs: readonly TrackedJob[]): void {
  try {
    if (jobs.length) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(jobs));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // as above
  }
}

/** A job this session cannot read (another account signed in since, or it is gone): stop following it. */
export function isGone(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 403);
}

function useReassignmentQuery(jobId: string, poll: boolean) {
  const api = useTeamApi();
  return useQuery({
    queryKey: teamKeys.reassignment(jobId),
    queryFn: ({ signal }) => api.reassignment(jobId, signal),
    // A failed read shows in the banner or the dialog, not as a toast at every poll.
    meta: { inlineErrors: true },
    staleTime: 0,
    enabled: poll,
    refetchInterval: (query) => (!poll || isFinished(query.state.data) || isGone(query.state.error) ? false : REASSIGN_POLL_MS),
  });
}

/** A job's progress as last read, without reading it again: the page's poll keeps it current. */
export function useReassignment(jobId: string) {
  return useReassignmentQuery(jobId, false);
}

/**
 * Reads a followed job until it is done (or gone), then tells `onEnded` once. The Team page runs one
 * per followed job, whether its banner shows or the dialog does.
 */
export function useReassignmentPoll(tracked: TrackedJob, onEnded: (job: TrackedJob, result: Reassignment | undefined) => void) {
  const query = useReassignmentQuery(tracked.jobId, true);
  const ended = isFinished(query.data) || isGone(query.error);
  const data = query.data;
  useEffect(() => {
    if (ended) onEnded(tracked, data);
  }, [ended, data, tracked, onEnded]);
  return query;
}

/** After work moved: the team (open leads), and whatever shows owners and assignees. */
function useWorkMoved() {
  const queryClient = useQueryClient();
  const teamChanged = useTeamChanged();
  return useCallback(
    () =>
      Promise.all([
        teamChanged(),
        queryClient.invalidateQueries({ queryKey: leadKeys.leads }),
        queryClient.invalidateQueries({ queryKey: ["lead"] }), // each lead's own page (leadKeys.lead)
        queryClient.invalidateQueries({ queryKey: followUpKeys.all }),
        queryClient.invalidateQueries({ queryKey: taskKeys.all }),
      ]),
    [queryClient, teamChanged],
  );
}

/** The jobs the page follows, how to follow one more, and what to do when one ends. */
export function useReassignments() {
  const queryClient = useQueryClient();
  const workMoved = useWorkMoved();
  const [followed, setFollowed] = useState<TrackedJob[]>(stored);
  const announced = useRef(new Set<string>());

  useEffect(() => store(followed), [followed]);

  /** Follow a job just started: its 202 answer is its first progress. */
  const follow = useCallback(
    (job: TrackedJob, first: Reassignment) => {
      queryClient.setQueryData(teamKeys.reassignment(job.jobId), first);
      setFollowed((current) => withTracked(current, job));
    },
    [queryClient],
  );

  const ended = useCallback(
    (job: TrackedJob, result: Reassignment | undefined) => {
      setFollowed((current) => current.filter((tracked) => tracked.jobId !== job.jobId));
      if (announced.current.has(job.jobId)) return;
      announced.current.add(job.jobId);
      if (result && isFinished(result)) {
        toast.success(finishedMessage(result, job.name, job.kinds));
        void workMoved();
      }
    },
    [workMoved],
  );

  return { followed, follow, ended };
}
