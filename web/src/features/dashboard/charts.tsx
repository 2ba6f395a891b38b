// The chart tiles' Recharts drawings. Loaded on their own (see tiles.tsx) so the rest of the
// page shows without waiting for the charting library. Each drawing is an image to assistive
// technology: its tile labels it and offers the same figures as a table.

import { Bar, BarChart, Legend, Pie, PieChart, Tooltip, XAxis, YAxis } from "recharts";
import { count, money, percent, type FunnelRow, type SliceRow, type SourceRow } from "./figures";

const BAR = "#2563eb";
const KIND_COLORS: Record<string, string[]> = {
  open: ["#1d4ed8", "#3b82f6", "#60a5fa", "#93c5fd", "#1e40af", "#2563eb", "#7dd3fc", "#0ea5e9"],
  won: ["#047857", "#10b981"],
  lost: ["#94a3b8", "#cbd5e1"],
};

function barHeight(rows: number): number {
  return Math.max(120, rows * 38 + 24);
}

function tickLabel(value: string): string {
  return value.length > 16 ? `${value.slice(0, 15)}…` : value;
}

export function FunnelBars({ rows }: { rows: FunnelRow[] }) {
  return (
    <BarChart
      layout="vertical"
      data={rows}
      responsive
      style={{ width: "100%", height: barHeight(rows.length) }}
      margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
      accessibilityLayer={false}
    >
      <XAxis type="number" domain={[0, 1]} tickFormatter={(value: number) => percent(value)} />
      <YAxis type="category" dataKey="name" width={120} tickFormatter={tickLabel} />
      <Tooltip
        formatter={(value, _name, item) => [
          `${percent(Number(value))} (${count((item.payload as FunnelRow).reached, "lead", "leads")})`,
          "Reached",
        ]}
      />
      <Bar dataKey="share" fill={BAR} radius={[0, 4, 4, 0]} isAnimationActive={false} />
    </BarChart>
  );
}

export function StagesPie({ rows }: { rows: SliceRow[] }) {
  const used: Record<string, number> = {};
  const data = rows
    .filter((row) => row.leads > 0)
    .map((row) => {
      const palette = KIND_COLORS[row.kind] ?? KIND_COLORS.open!;
      const index = used[row.kind] ?? 0;
      used[row.kind] = index + 1;
      return { ...row, fill: palette[index % palette.length] };
    });
  return (
    <PieChart responsive style={{ width: "100%", height: 220 }} accessibilityLayer={false}>
      <Pie data={data} dataKey="leads" nameKey="name" innerRadius="45%" outerRadius="85%" isAnimationActive={false} />
      <Tooltip formatter={(value, name) => [count(Number(value), "lead", "leads"), String(name)]} />
      {/* The slice colours are too light for text: the legend's names stay in the text colour. */}
      <Legend
        layout="vertical"
        align="right"
        verticalAlign="middle"
        formatter={(value) => <span className="dash-legend-label">{String(value)}</span>}
      />
    </PieChart>
  );
}

export function SourceBars({ rows, currency }: { rows: SourceRow[]; currency: string }) {
  return (
    <BarChart
      layout="vertical"
      data={rows}
      responsive
      style={{ width: "100%", height: barHeight(rows.length) }}
      margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
      accessibilityLayer={false}
    >
      <XAxis type="number" tickFormatter={(value: number) => money(value, currency)} />
      <YAxis type="category" dataKey="label" width={120} tickFormatter={tickLabel} />
      <Tooltip formatter={(value) => [money(Number(value), currency), "Won revenue"]} />
      <Bar dataKey="revenueMinor" fill={BAR} radius={[0, 4, 4, 0]} isAnimationActive={false} />
    </BarChart>
  );
}
