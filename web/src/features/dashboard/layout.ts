// The dashboard's tiles and the viewer's arrangement of them: the order they show in and the ones
// hidden. The API keeps one layout per user; these helpers edit a draft of it before it is saved.

import { Permission } from "../../auth/permissions";
import type { DashboardLayout, TileId } from "./types";

/** Every tile, in the order a new user sees them. */
export const TILE_IDS = [
  "opportunities",
  "pipeline_value",
  "conversion_rate",
  "won_this_month",
  "funnel",
  "stages",
  "top_sources",
  "tasks_due",
  "followups_due",
] as const satisfies readonly TileId[];

export const TILE_TITLES: Record<TileId, string> = {
  opportunities: "Opportunities",
  pipeline_value: "Pipeline value",
  conversion_rate: "Conversion rate",
  won_this_month: "Won this month",
  funnel: "Funnel",
  stages: "Stages distribution",
  top_sources: "Revenue by source",
  tasks_due: "Tasks due",
  followups_due: "Follow-ups due",
};

/**
 * Tiles pinned above the layout, each for the roles whose work it counts. The saved layout names only
 * the tiles above (the API refuses others), so these are never moved or hidden.
 */
export const PINNED_TILES = [
  { tile: "manual_actions", title: "Manual actions", permission: Permission.manualActions },
] as const;

export type PinnedTileId = (typeof PINNED_TILES)[number]["tile"];

/** The pinned tiles a role sees, in order. */
export function pinnedTiles(can: (permission: Permission) => boolean): PinnedTileId[] {
  return PINNED_TILES.filter((pinned) => can(pinned.permission)).map((pinned) => pinned.tile);
}

export function tileTitle(tile: TileId | PinnedTileId): string {
  return PINNED_TILES.find((pinned) => pinned.tile === tile)?.title ?? TILE_TITLES[tile as TileId];
}

const CHART_TILES: ReadonlySet<string> = new Set<TileId>(["funnel", "stages", "top_sources"]);

/** The tiles that draw a chart (the others show a figure). */
export function isChart(tile: TileId | PinnedTileId): boolean {
  return CHART_TILES.has(tile);
}

/** The chart tiles take two columns of the grid; the figure tiles one. */
export function isWide(tile: TileId | PinnedTileId): boolean {
  return isChart(tile);
}

export function defaultLayout(): DashboardLayout {
  return { order: [...TILE_IDS], hidden: [] };
}

/**
 * A layout with every known tile exactly once (as PUT requires): unknown and repeated ids dropped,
 * missing tiles appended in their default order, hidden limited to known tiles.
 */
export function completeLayout(layout: DashboardLayout): DashboardLayout {
  const known = new Set<TileId>(TILE_IDS);
  const order = [...new Set(layout.order.filter((tile) => known.has(tile)))];
  const missing = TILE_IDS.filter((tile) => !order.includes(tile));
  const hidden = TILE_IDS.filter((tile) => layout.hidden.includes(tile));
  return { order: [...order, ...missing], hidden };
}

/** The tiles to show outside edit mode, in order. */
export function visibleTiles(layout: DashboardLayout): TileId[] {
  const hidden = new Set(layout.hidden);
  return layout.order.filter((tile) => !hidden.has(tile));
}

/** The order with `tile` moved one place up (-1) or down (+1); at either end the order is unchanged. */
export function moveTile(order: readonly TileId[], tile: TileId, step: -1 | 1): TileId[] {
  const from = order.indexOf(tile);
  const to = from + step;
  if (from < 0 || to < 0 || to >= order.length) return [...order];
  const moved = [...order];
  moved[from] = moved[to]!;
  moved[to] = tile;
  return moved;
}

export function setTileHidden(layout: DashboardLayout, tile: TileId, hidden: boolean): DashboardLayout {
  const others = layout.hidden.filter((id) => id !== tile);
  return { ...layout, hidden: hidden ? [...others, tile] : others };
}

export function sameLayout(a: DashboardLayout, b: DashboardLayout): boolean {
  const sorted = (tiles: readonly TileId[]) => [...tiles].sort().join(",");
  return a.order.join(",") === b.order.join(",") && sorted(a.hidden) === sorted(b.hidden);
}

/** What a screen reader hears after a move, e.g. "Funnel moved to position 2 of 9". */
export function positionMessage(order: readonly TileId[], tile: TileId): string {
  return `${TILE_TITLES[tile]} moved to position ${order.indexOf(tile) + 1} of ${order.length}`;
}
