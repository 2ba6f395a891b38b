import { useCallback, useMemo } from "react";
import { useLatestSearchParams } from "../../lib/searchParams";
import { useAiPlan } from "./AiLock";
import { NO_SCORE_VIEW, scoreViewActive, scoreViewFromParams, withScoreView, type ScoreView } from "./scoreView";

/**
 * The page's score choices (the URL's `sort` and `min_score`), shown only when the plan has AI and the
 * person may use it: without, the view is the plain one whatever the URL says.
 */
export function useScoreView() {
  const { usable } = useAiPlan();
  const [params, setParams] = useLatestSearchParams();
  const paramsKey = params.toString();
  const fromUrl = useMemo(() => scoreViewFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const view = usable ? fromUrl : NO_SCORE_VIEW;
  const setView = useCallback(
    (next: ScoreView) => setParams((current) => withScoreView(current, next), { replace: true }),
    [setParams],
  );
  return { usable, view, active: scoreViewActive(view), setView };
}
