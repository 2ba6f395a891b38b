import { formatDay } from "../../../lib/format";
import { barHeights, bucketDays, periodTotals, type ChartBucket, type ChartSeries } from "./chartModel";
import { formatCount, formatMinor } from "./portalModel";
import type { PartnerDay } from "./types";

const HEIGHT = 100;
const BAR = 10;
const GAP = 3;

interface SeriesSpec {
  key: ChartSeries;
  label: string;
  /** A value as it reads in the bar's tooltip and the totals. */
  format: (value: number) => string;
}

function bucketLabel(bucket: ChartBucket): string {
  return bucket.start === bucket.end ? formatDay(bucket.start) : `${formatDay(bucket.start)} – ${formatDay(bucket.end)}`;
}

/** Clicks, sign-ups and earnings over the dashboard's period: one small bar chart each, on its own scale. */
export function TrendChart({ days, currency }: { days: readonly PartnerDay[]; currency: string }) {
  const buckets = bucketDays(days);
  const totals = periodTotals(days);
  const weekly = buckets.length > 0 && buckets.length < days.length;
  const series: SeriesSpec[] = [
    { key: "clicks", label: "Clicks", format: (value) => formatCount(value) },
    { key: "signups", label: "Sign-ups", format: (value) => formatCount(value) },
    { key: "earned", label: "Earnings", format: (value) => formatMinor(value, currency) },
  ];
  if (buckets.length === 0) return <p className="muted">No days to show.</p>;
  return (
    <div className="trend-charts">
      {series.map((spec) => (
        <SeriesChart key={spec.key} spec={spec} buckets={buckets} total={totals[spec.key]} weekly={weekly} />
      ))}
    </div>
  );
}

function SeriesChart({ spec, buckets, total, weekly }: { spec: SeriesSpec; buckets: ChartBucket[]; total: number; weekly: boolean }) {
  const values = buckets.map((bucket) => bucket[spec.key]);
  const { top, heights } = barHeights(values, HEIGHT);
  const width = buckets.length * (BAR + GAP) - GAP;
  const first = buckets[0]!;
  const last = buckets[buckets.length - 1]!;
  const summary = `${spec.label} ${weekly ? "per week" : "per day"}, ${formatDay(first.start)} to ${formatDay(last.end)}: ${spec.format(total)} in total`;
  return (
    <figure className="trend" aria-label={spec.label}>
      <figcaption className="trend-caption">
        <span className="trend-title">{spec.label}</span>
        <span className="trend-total">{spec.format(total)}</span>
      </figcaption>
      <div className="trend-plot">
        <span className="trend-top muted" aria-hidden="true">
          {spec.format(top)}
        </span>
        <svg className={`trend-svg trend-${spec.key}`} viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={summary}>
          <line x1="0" y1={HEIGHT - 0.5} x2={width} y2={HEIGHT - 0.5} className="trend-baseline" />
          {buckets.map((bucket, index) => (
            <rect key={bucket.start} x={index * (BAR + GAP)} y={HEIGHT - heights[index]!} width={BAR} height={heights[index]!} className="trend-bar">
              <title>{`${bucketLabel(bucket)}: ${spec.format(values[index]!)}`}</title>
            </rect>
          ))}
        </svg>
      </div>
      <div className="trend-axis muted" aria-hidden="true">
        <span>{formatDay(first.start)}</span>
        <span>{formatDay(last.end)}</span>
      </div>
    </figure>
  );
}
