// The dashboard's "Get started" checklist: the first steps of a new workspace, each ticked from the
// API's own answers. The reads share their query keys with the pages where the steps are done, so a
// change made there is already in the cache on the way back; they are also read again each time the
// dashboard opens, for a change made elsewhere (another tab, a teammate).

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "react-router";
import { useAuth, useProfile } from "../../auth/AuthProvider";
import { Button } from "../../components/ui";
import { useCaptureApi } from "../capture/api";
import { formKeys } from "../capture/queries";
import { useConversionsApi } from "../conversions/api";
import { conversionKeys } from "../conversions/queries";
import { useImportsApi } from "../imports/api";
import { IMPORTS_PAGE_SIZE } from "../imports/ImportsPage";
import { importKeys } from "../imports/queries";
import { useTeamApi } from "../team/api";
import { teamKeys } from "../team/queries";
import {
  allDone,
  doneCount,
  hiddenKey,
  progressText,
  stateLabel,
  stepsFor,
  stepViews,
  type StepId,
  type StepState,
  type StepView,
} from "./gettingStarted";
import "./gettingStarted.css";

const DONE_IMPORTS = { status: "done" } as const;

function readHidden(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === "1";
  } catch {
    return false; // storage refused (a private window): the checklist shows
  }
}

function saveHidden(key: string): void {
  try {
    window.localStorage.setItem(key, "1");
  } catch {
    // Storage refused: the checklist stays hidden until the page is loaded again.
  }
}

export interface Checklist {
  /** The steps the role may do, each with its tick; empty for a role that may do none. */
  steps: StepView[];
  /** The checklist shows: the role has steps and the user has not hidden it. */
  shown: boolean;
  hide: () => void;
}

/** The signed-in user's checklist: their steps, ticked from the API, unless they hid it here. */
export function useGettingStarted(): Checklist {
  const profile = useProfile();
  const { grants } = useAuth();
  const key = hiddenKey(profile.tenant?.tenant_id, profile.user.user_id);
  // Read each time: a "view as" session or another workspace changes the key without a new page.
  const [hiddenHere, setHiddenHere] = useState<ReadonlySet<string>>(() => new Set());
  const hidden = hiddenHere.has(key) || readHidden(key);
  const specs = stepsFor((permission) => grants.can(permission));
  const shown = specs.length > 0 && !hidden;
  const wants = (id: StepId) => shown && specs.some((step) => step.id === id);

  const conversions = useConversionsApi();
  const capture = useCaptureApi();
  const team = useTeamApi();
  const imports = useImportsApi();
  const always = { refetchOnMount: "always" } as const;
  const ads = useQuery({
    queryKey: conversionKeys.adsSettings,
    queryFn: conversions.adsSettings,
    enabled: wants("ads"),
    ...always,
  });
  const forms = useQuery({ queryKey: formKeys.list, queryFn: capture.forms, enabled: wants("form"), ...always });
  const members = useQuery({
    queryKey: teamKeys.list({}),
    queryFn: ({ signal }) => team.team({}, signal),
    enabled: wants("invite"),
    ...always,
  });
  const done = useQuery({
    queryKey: importKeys.page(DONE_IMPORTS, null),
    queryFn: ({ signal }) => imports.imports(DONE_IMPORTS, null, IMPORTS_PAGE_SIZE, signal),
    enabled: wants("import"),
    ...always,
  });

  const steps = stepViews(
    specs,
    { ads, form: forms, invite: members, import: done },
    profile.user.user_id,
  );
  return {
    steps,
    shown,
    hide: () => {
      saveHidden(key);
      setHiddenHere(new Set(hiddenHere).add(key));
    },
  };
}

/** The checklist's card: progress, the steps with their ticks and links, and "Hide". */
export function GettingStarted({ checklist, onHidden }: { checklist: Checklist; onHidden?: () => void }) {
  const titleId = useId();
  const { steps } = checklist;
  const finished = allDone(steps);
  const share = steps.length ? doneCount(steps) / steps.length : 0;
  return (
    <section className="gs card" aria-labelledby={titleId}>
      <div className="gs-head">
        <div>
          <h2 id={titleId}>Get started</h2>
          <p className="gs-intro">
            {finished
              ? "All set: every step is done. Your leads and figures fill this page from here on."
              : "A few steps to set up your workspace. Each one ticks itself once it is done."}
          </p>
        </div>
        <Button
          className="btn-small"
          variant={finished ? "primary" : "ghost"}
          onClick={() => {
            checklist.hide();
            onHidden?.();
          }}
        >
          Hide<span className="visually-hidden"> the Get started checklist</span>
        </Button>
      </div>
      <div className="gs-progress">
        <p className="gs-progress-text" aria-live="polite">
          {progressText(steps)}
        </p>
        <div className="gs-bar" aria-hidden="true">
          <div className="gs-bar-fill" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      </div>
      <ol className="gs-steps">
        {steps.map((step) => (
          <li key={step.id} className={`gs-step gs-step-${step.state}`}>
            <span className="gs-mark" aria-hidden="true">
              {MARKS[step.state]}
            </span>
            <div className="gs-step-body">
              <p className="gs-step-title">
                <Link to={step.to}>{step.title}</Link>{" "}
                <span className={SHOWN_STATES.has(step.state) ? "gs-state" : "visually-hidden"}>
                  {stateLabel(step.state)}
                </span>
              </p>
              <p className="gs-step-text">{step.text}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The mark beside a step (a picture only: the state's words are beside the title). */
const MARKS: Record<StepState, string> = { done: "✓", todo: "", checking: "…", unknown: "?" };
/** The states named on screen too; "not done yet" is the plain, unmarked step. */
const SHOWN_STATES: ReadonlySet<StepState> = new Set<StepState>(["done", "unknown"]);
