import { BoardScoreControls } from "./ScoreControls";
import { scoreBadgeOf } from "./ScoreBadge";
import { useScoreView } from "./useScoreView";

/**
 * The board's score choices: the view the board loads by (null for its usual order: no choice made,
 * AI not usable, or a search under way, which lists matches by name), the controls for its filters,
 * whether the columns show matches only (a search, or the score's floor), and each card's score badge.
 */
export function useBoardScore(q: string | null) {
  const score = useScoreView();
  const byScore = score.active && !q;
  return {
    view: byScore ? score.view : null,
    searching: Boolean(q) || (byScore && score.view.minScore !== null),
    badge: byScore ? scoreBadgeOf : undefined,
    controls: score.usable
      ? <BoardScoreControls view={score.view} onChange={score.setView} searching={Boolean(q) && score.active} />
      : null,
  };
}
