/**
 * A progress bar with its numbers for assistive technology; without a maximum (the rows are not
 * counted yet) it is indeterminate and says so in its text.
 */
export function ProgressBar({
  label,
  value,
  max,
  text,
  testId,
}: {
  label: string;
  value: number;
  max: number;
  text: string;
  testId: string;
}) {
  const known = max > 0;
  const percent = known ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="import-progress">
      <div
        className={`import-bar ${known ? "" : "import-bar-indeterminate"}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? max : undefined}
        aria-valuenow={known ? value : undefined}
        aria-valuetext={text}
        data-testid={testId}
      >
        <div className="import-bar-fill" style={{ width: known ? `${percent}%` : undefined }} />
      </div>
      <p className="import-progress-text" aria-hidden="true">
        {text}
        {known && <span className="muted"> · {percent}%</span>}
      </p>
    </div>
  );
}
