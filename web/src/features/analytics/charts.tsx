// The reports' charts (Recharts). Each is one image for assistive technology, named by a sentence
// that summarises it; the table view has every figure. Amounts are in major units here.

import type { ReactNode } from "react";
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatMoney } from "../../lib/format";
import type { DurationUnit } from "./chartData";
import type { Outcome } from "./types";
import { outcomeInfo } from "./labels";
import { formatMinorShort } from "./reportFormat";

const PRIMARY = "#2563eb";
const SOFT = "#93c5fd";
const MUTED = "#94a3b8";
const WON = "#10b981";
const AXIS = { fontSize: 12, fill: "#64748b" };

function Figure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <div className="report-chart" role="img" aria-label={summary}>
      {children}
    </div>
  );
}

const money = (currency: string) => (value: unknown) => formatMoney(Number(value), currency);
const shortMoney = (currency: string) => (value: unknown) => formatMinorShort(Number(value) * 100, currency);

/** Horizontal bars, one per row, for long names (sources, campaigns, people). */
function sideways(count: number): number {
  return Math.max(160, count * 36 + 60);
}

export function MoneyBars({
  data,
  currency,
  summary,
  name,
}: {
  data: { name: string; revenue: number }[];
  currency: string;
  summary: string;
  name: string;
}) {
  return (
    <Figure summary={summary}>
      <BarChart layout="vertical" data={data} responsive style={{ width: "100%", height: sideways(data.length) }} accessibilityLayer={false} margin={{ left: 8, right: 24 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={shortMoney(currency)} tick={AXIS} />
        <YAxis type="category" dataKey="name" width={200} tick={AXIS} interval={0} />
        <Tooltip formatter={money(currency)} />
        <Bar dataKey="revenue" name={name} fill={PRIMARY} radius={[0, 4, 4, 0]} isAnimationActive={false} />
      </BarChart>
    </Figure>
  );
}

export function FunnelBars({ data, summary }: { data: { name: string; reached: number; label: string }[]; summary: string }) {
  return (
    <Figure summary={summary}>
      <BarChart layout="vertical" data={data} responsive style={{ width: "100%", height: sideways(data.length) }} accessibilityLayer={false} margin={{ left: 8, right: 96 }}>
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="name" width={160} tick={AXIS} interval={0} />
        <Tooltip />
        <Bar dataKey="reached" name="Reached" fill={PRIMARY} radius={[0, 4, 4, 0]} isAnimationActive={false}>
          <LabelList dataKey="label" position="right" style={{ fontSize: 12, fill: "#0f172a" }} />
        </Bar>
      </BarChart>
    </Figure>
  );
}

export function VelocityBars({
  data,
  unit,
  summary,
}: {
  data: { name: string; median: number | null; p90: number | null }[];
  unit: DurationUnit;
  summary: string;
}) {
  const inUnit = (value: unknown) => `${Number(value)} ${unit.short}`;
  return (
    <Figure summary={summary}>
      <BarChart data={data} responsive style={{ width: "100%", height: 320 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="name" tick={AXIS} interval={0} />
        <YAxis tickFormatter={inUnit} tick={AXIS} />
        <Tooltip formatter={inUnit} />
        <Legend />
        <Bar dataKey="median" name={`Median (${unit.name})`} fill={PRIMARY} maxBarSize={48} isAnimationActive={false} />
        <Bar dataKey="p90" name={`P90 (${unit.name})`} fill={SOFT} maxBarSize={48} isAnimationActive={false} />
      </BarChart>
    </Figure>
  );
}

export function RevenueLine({
  data,
  currency,
  summary,
}: {
  data: { name: string; revenue: number; previous: number }[];
  currency: string;
  summary: string;
}) {
  return (
    <Figure summary={summary}>
      <ComposedChart data={data} responsive style={{ width: "100%", height: 320 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="name" tick={AXIS} minTickGap={16} />
        <YAxis tickFormatter={shortMoney(currency)} tick={AXIS} width={72} />
        <Tooltip formatter={money(currency)} />
        <Legend />
        <Area type="monotone" dataKey="revenue" name="This period" stroke={PRIMARY} fill={PRIMARY} fillOpacity={0.12} isAnimationActive={false} />
        <Line type="monotone" dataKey="previous" name="Previous period" stroke={MUTED} strokeDasharray="5 5" dot={false} isAnimationActive={false} />
      </ComposedChart>
    </Figure>
  );
}

export function ForecastBars({
  data,
  currency,
  summary,
}: {
  data: { name: string; value: number; weighted: number }[];
  currency: string;
  summary: string;
}) {
  return (
    <Figure summary={summary}>
      <BarChart data={data} responsive style={{ width: "100%", height: 280 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} strokeDasharray="3 3" />
        <XAxis dataKey="name" tick={AXIS} interval={0} />
        <YAxis tickFormatter={shortMoney(currency)} tick={AXIS} width={72} />
        <Tooltip formatter={money(currency)} />
        <Legend />
        <Bar dataKey="value" name="Value" fill={SOFT} maxBarSize={64} isAnimationActive={false} />
        <Bar dataKey="weighted" name="Weighted" fill={WON} maxBarSize={64} isAnimationActive={false} />
      </BarChart>
    </Figure>
  );
}

export function OutcomeBars({
  data,
  outcomes,
  currency,
  summary,
}: {
  data: Record<string, string | number>[];
  outcomes: readonly Outcome[];
  currency: string;
  summary: string;
}) {
  return (
    <Figure summary={summary}>
      <BarChart layout="vertical" data={data} responsive style={{ width: "100%", height: 220 }} accessibilityLayer={false} margin={{ left: 8, right: 24 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={shortMoney(currency)} tick={AXIS} />
        <YAxis type="category" dataKey="name" width={110} tick={AXIS} />
        <Tooltip formatter={money(currency)} />
        <Legend />
        {outcomes.map((outcome) => (
          <Bar key={outcome} dataKey={outcome} name={outcomeInfo(outcome).label} stackId="outcomes" fill={outcomeInfo(outcome).color} isAnimationActive={false} />
        ))}
      </BarChart>
    </Figure>
  );
}
