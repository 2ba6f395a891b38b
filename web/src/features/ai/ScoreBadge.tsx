import type { BoardCard } from "../pipelines/types";
import { isScoredCard } from "./scoredBoard";
import { badgeTitle, bandLabel, scoreBand } from "./scores";
import type { ScoreReason } from "./types";
import "./ai.css";

/** A lead's score on a list row or a card: "72% · Likely", its top reason as the title. */
export function ScoreBadge({ score, topReason }: { score: number; topReason?: ScoreReason | null }) {
  return (
    <span className={`badge ai-score-badge ai-band-${scoreBand(score)}`} title={badgeTitle(score, topReason)}>
      {score}% · {bandLabel(score)}
    </span>
  );
}

/** A board card's score line, when the card came from the leads ranked by score. */
export function scoreBadgeOf(card: BoardCard) {
  if (!isScoredCard(card)) return null;
  return (
    <p className="board-card-score">
      <ScoreBadge score={card.score} topReason={card.top_reason} />
    </p>
  );
}
