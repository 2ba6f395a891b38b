// A report page's state from the URL, the way to change it, and the tenant's today (the presets
// and the default range count days in the tenant's time zone, as the API does).

import { useCallback, useMemo } from "react";
import { useLatestSearchParams } from "../../lib/searchParams";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { changeState, readReportState, todayIn, writeReportState, type ReportState } from "./filters";

export type StateChange = Partial<Record<keyof ReportState, string | undefined>>;

export interface ReportStateHandle {
  state: ReportState;
  update: (change: StateChange) => void;
  replace: (state: ReportState) => void;
  /** Whether the user sees the whole team's figures (else their own leads' only). */
  seesAll: boolean;
  timezone: string | undefined;
  today: string;
}

export function useReportState(): ReportStateHandle {
  const { grants, profile } = useAuth();
  const seesAll = grants.can(Permission.analyticsReadAll);
  const [params, setParams] = useLatestSearchParams();
  const key = params.toString();
  const state = useMemo(() => readReportState(new URLSearchParams(key), seesAll), [key, seesAll]);
  const replace = useCallback((next: ReportState) => setParams(() => writeReportState(next), { replace: true }), [setParams]);
  // From the address bar as it is now, not this render's state: two quick changes both hold.
  const update = useCallback(
    (change: StateChange) =>
      setParams((current) => writeReportState(changeState(readReportState(current, seesAll), change)), { replace: true }),
    [setParams, seesAll],
  );
  const timezone = profile?.tenant?.timezone;
  return { state, update, replace, seesAll, timezone, today: todayIn(timezone) };
}
