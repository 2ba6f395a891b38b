import { useEffect, useState } from "react";
import { SelectField, TextField } from "../../components/ui";
import { parseMinScore, type ScoreView } from "./scoreView";
import "./ai.css";

const TYPING_DELAY_MS = 300;

/** "Score at least": a whole number 0-100, sent a moment after typing stops; blank for no floor. */
export function MinScoreField({ view, onChange }: { view: ScoreView; onChange: (view: ScoreView) => void }) {
  const [text, setText] = useState(view.minScore === null ? "" : String(view.minScore));
  const [shown, setShown] = useState(view.minScore);
  // A change from elsewhere (the back button, Clear) replaces what is typed.
  if (shown !== view.minScore) {
    setShown(view.minScore);
    if (parseMinScore(text) !== view.minScore) setText(view.minScore === null ? "" : String(view.minScore));
  }
  const parsed = parseMinScore(text);
  useEffect(() => {
    if (parsed === undefined || parsed === view.minScore) return;
    const timer = setTimeout(() => onChange({ ...view, minScore: parsed }), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
  }, [parsed, view, onChange]);
  return (
    <TextField
      label="Score at least"
      className="ai-score-floor"
      type="number"
      inputMode="numeric"
      min={0}
      max={100}
      step={1}
      placeholder="0–100"
      value={text}
      error={parsed === undefined ? "A whole number from 0 to 100" : undefined}
      onChange={(event) => setText(event.target.value)}
    />
  );
}

/** The lead list's "Sort: Newest / Score" and "Score at least". */
export function ListScoreControls({ view, onChange }: { view: ScoreView; onChange: (view: ScoreView) => void }) {
  return (
    <>
      <SelectField
        label="Sort"
        options={[
          { value: "newest", label: "Newest" },
          { value: "score", label: "Score" },
        ]}
        value={view.sort}
        onChange={(event) => onChange({ ...view, sort: event.target.value === "score" ? "score" : "newest" })}
      />
      <MinScoreField view={view} onChange={onChange} />
    </>
  );
}

/** The board's "Sort cards by score" and "Score at least"; while `searching`, a word that a search lists matches instead. */
export function BoardScoreControls({
  view,
  onChange,
  searching,
}: {
  view: ScoreView;
  onChange: (view: ScoreView) => void;
  searching: boolean;
}) {
  // The router applies a URL change in a transition, after the click's own render: the box keeps the
  // click until the URL catches up, then follows the URL again (the back button, another tab's link).
  const fromUrl = view.sort === "score";
  const [checked, setChecked] = useState(fromUrl);
  const [shown, setShown] = useState(fromUrl);
  if (shown !== fromUrl) {
    setShown(fromUrl);
    setChecked(fromUrl);
  }
  return (
    <>
      <div className="ai-board-sort">
        <label className="check">
          <input
            type="checkbox"
            checked={checked}
            onChange={(event) => {
              setChecked(event.target.checked);
              onChange({ ...view, sort: event.target.checked ? "score" : "newest" });
            }}
          />
          Sort cards by score
        </label>
        {searching && (
          <p className="field-hint" role="status">
            Clear the search to sort the cards by score.
          </p>
        )}
      </div>
      <MinScoreField view={view} onChange={onChange} />
    </>
  );
}
