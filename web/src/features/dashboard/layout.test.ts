import { describe, expect, it } from "vitest";
import { Grants } from "../../auth/permissions";
import { ROLE_PERMISSIONS } from "../../auth/permissions.gen";
import {
  completeLayout,
  defaultLayout,
  isWide,
  moveTile,
  pinnedTiles,
  positionMessage,
  sameLayout,
  setTileHidden,
  TILE_IDS,
  tileTitle,
  visibleTiles,
} from "./layout";
import type { DashboardLayout, TileId } from "./types";

const ORDER: TileId[] = [...TILE_IDS];

describe("moveTile", () => {
  it("swaps a tile with its neighbour above or below", () => {
    expect(moveTile(["opportunities", "funnel", "stages"], "funnel", -1)).toEqual(["funnel", "opportunities", "stages"]);
    expect(moveTile(["opportunities", "funnel", "stages"], "funnel", 1)).toEqual(["opportunities", "stages", "funnel"]);
  });

  it("leaves the order alone at either end or for a tile it does not hold", () => {
    expect(moveTile(ORDER, "opportunities", -1)).toEqual(ORDER);
    expect(moveTile(ORDER, "followups_due", 1)).toEqual(ORDER);
    expect(moveTile(["funnel"], "stages", 1)).toEqual(["funnel"]);
  });

  it("does not change the order it was given", () => {
    const order: TileId[] = ["funnel", "stages"];
    moveTile(order, "stages", -1);
    expect(order).toEqual(["funnel", "stages"]);
  });
});

describe("visibleTiles", () => {
  it("keeps the order and leaves out the hidden tiles", () => {
    const layout: DashboardLayout = { order: ["stages", "funnel", "opportunities"], hidden: ["funnel"] };
    expect(visibleTiles(layout)).toEqual(["stages", "opportunities"]);
  });

  it("is empty when every tile is hidden", () => {
    expect(visibleTiles({ order: ORDER, hidden: ORDER })).toEqual([]);
  });
});

describe("completeLayout", () => {
  it("appends missing tiles in their default order and drops repeats", () => {
    const layout = completeLayout({ order: ["funnel", "funnel", "stages"], hidden: [] });
    expect(layout.order.slice(0, 2)).toEqual(["funnel", "stages"]);
    expect([...layout.order].sort()).toEqual([...TILE_IDS].sort());
    expect(layout.order.slice(2)).toEqual(TILE_IDS.filter((tile) => tile !== "funnel" && tile !== "stages"));
  });

  it("drops tiles it does not know", () => {
    const stale = { order: ["retired_tile", ...ORDER], hidden: ["retired_tile", "tasks_due"] } as unknown as DashboardLayout;
    expect(completeLayout(stale)).toEqual({ order: ORDER, hidden: ["tasks_due"] });
  });
});

describe("setTileHidden", () => {
  it("hides a tile once and shows it again", () => {
    const hidden = setTileHidden(setTileHidden(defaultLayout(), "funnel", true), "funnel", true);
    expect(hidden.hidden).toEqual(["funnel"]);
    expect(setTileHidden(hidden, "funnel", false).hidden).toEqual([]);
  });
});

describe("sameLayout", () => {
  it("compares the order exactly and the hidden tiles as a set", () => {
    const a: DashboardLayout = { order: ORDER, hidden: ["funnel", "stages"] };
    expect(sameLayout(a, { order: [...ORDER], hidden: ["stages", "funnel"] })).toBe(true);
    expect(sameLayout(a, { order: moveTile(ORDER, "funnel", -1), hidden: ["funnel", "stages"] })).toBe(false);
    expect(sameLayout(a, { order: ORDER, hidden: ["funnel"] })).toBe(false);
  });
});

describe("positionMessage", () => {
  it("names the tile and its new place", () => {
    expect(positionMessage(moveTile(ORDER, "funnel", -1), "funnel")).toBe("Funnel moved to position 4 of 9");
  });
});

describe("pinnedTiles", () => {
  const pinnedFor = (role: keyof typeof ROLE_PERMISSIONS) => {
    const grants = new Grants(ROLE_PERMISSIONS[role]);
    return pinnedTiles((permission) => grants.can(permission));
  };

  it("pins Manual actions for the roles that work manual actions, and nothing for the others", () => {
    expect(pinnedFor("Admin")).toEqual(["manual_actions"]);
    expect(pinnedFor("Manager")).toEqual(["manual_actions"]);
    expect(pinnedFor("Sales")).toEqual(["manual_actions"]);
    expect(pinnedFor("Staff")).toEqual([]);
  });

  it("keeps pinned tiles out of the saved layout", () => {
    expect(completeLayout({ order: ["manual_actions", ...ORDER], hidden: [] } as unknown as DashboardLayout).order).toEqual(ORDER);
  });

  it("names pinned and layout tiles alike; a pinned figure takes one column", () => {
    expect(tileTitle("manual_actions")).toBe("Manual actions");
    expect(tileTitle("tasks_due")).toBe("Tasks due");
    expect(isWide("manual_actions")).toBe(false);
    expect(isWide("funnel")).toBe(true);
  });
});
