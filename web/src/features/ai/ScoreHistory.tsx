import { formatDateTime } from "../../lib/format";
import { changeText, chronological, sparklinePoints } from "./scores";
import type { ScoreChange } from "./types";

const WIDTH = 240;
const HEIGHT = 48;

/** How the score moved: a sparkline for the eye, and the same as a table (date, score, cause), newest first. */
export function ScoreHistory({ history }: { history: readonly ScoreChange[] }) {
  if (history.length === 0) return <p className="muted">The score has not moved yet.</p>;
  const newestFirst = chronological(history).reverse();
  return (
    <div className="ai-history">
      {history.length > 1 && (
        <svg className="ai-sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} aria-hidden="true" focusable="false">
          <polyline points={sparklinePoints(history, WIDTH, HEIGHT)} fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      )}
      {/* Scrolls when long: focusable, so a keyboard can scroll it too */}
      <div className="ai-history-table" role="region" aria-label="Score history" tabIndex={0}>
        <table className="table table-compact">
          <caption className="visually-hidden">Score history</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col" className="numeric">
                Score
              </th>
              <th scope="col">Cause</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((change) => (
              <tr key={`${change.at}-${change.score}-${change.cause}`}>
                <td>
                  <time dateTime={change.at}>{formatDateTime(change.at)}</time>
                </td>
                <td className="numeric">
                  {change.score}% <span className="muted">({changeText(change)})</span>
                </td>
                <td>{change.cause}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
