import { describe, expect, it } from "vitest";
import type { Lead } from "../leads/types";
import { cardFromLead } from "../pipelines/boardModel";
import type { Board, BoardColumn } from "../pipelines/types";
import { isScoredCard, loadScoredBoard, placeScored, scoredCardPage, scoredColumnQuery } from "./scoredBoard";
import type { ScoredLeadPage } from "./types";

const NOW = Date.parse("2026-03-10T12:00:00Z");

function lead(id: string, stageId: string, name = id): Lead {
  return {
    lead_id: id,
    name,
    first_name: name,
    last_name: "",
    company: null,
    email: null,
    phone: null,
    value: 100,
    currency: "USD",
    owner_id: "U1",
    source: "form",
    pipeline_id: "P1",
    stage_id: stageId,
    stage_entered_at: "2026-03-10T11:00:00Z",
    created_at: "2026-03-09T10:00:00Z",
    updated_at: "2026-03-10T11:00:00Z",
    created_by: "U1",
    version: 3,
    tags: [],
    attribution: {},
    custom_fields: {},
    deleted_at: null,
  };
}

function column(stageId: string): BoardColumn {
  return { stage_id: stageId, name: stageId, kind: "open", position: 0, probability: 0, lead_count: 9, lead_value: 900, next_cursor: "board", status: "active", items: [] };
}

const BOARD: Board = { pipeline_id: "P1", name: "Sales", owner_id: null, q: null, columns: [column("S1"), column("S2")] };

const page = (items: [Lead, number][], next: string | null = null): ScoredLeadPage => ({
  items: items.map(([l, score]) => ({ lead: l, score, top_reason: { text: `because ${l.lead_id}`, effect: "up", weight: 0.4 } })),
  next_cursor: next,
});

describe("the board by score", () => {
  it("fills each column from its scores, highest first, with each card's score", () => {
    const placed = placeScored(BOARD, [page([[lead("A", "S1"), 30], [lead("B", "S1"), 70]], "next-S1"), page([[lead("C", "S2"), 50]])], NOW);
    expect(placed.columns.map((c) => c.items.map((card) => card.lead_id))).toEqual([["B", "A"], ["C"]]);
    expect(placed.columns.map((c) => c.next_cursor)).toEqual(["next-S1", null]);
    const card = placed.columns[0]!.items[0]!;
    expect(isScoredCard(card) && [card.score, card.top_reason?.text, card.version, card.seconds_in_stage]).toEqual([70, "because B", 3, 3600]);
    expect(placed.columns[0]!.lead_count).toBe(9);
  });

  it("puts a lead in the stage it is in now, even while its score still names the stage it left", () => {
    const placed = placeScored(BOARD, [page([[lead("A", "S2"), 40]]), page([[lead("C", "S2"), 50]])], NOW);
    expect(placed.columns.map((c) => c.items.map((card) => card.lead_id))).toEqual([[], ["C", "A"]]);
  });

  it("shows a lead once, and none from another pipeline", () => {
    const elsewhere = { ...lead("X", "S1"), pipeline_id: "P2" };
    const placed = placeScored(BOARD, [page([[lead("A", "S1"), 40], [elsewhere, 90]]), page([[lead("A", "S1"), 40]])], NOW);
    expect(placed.columns.map((c) => c.items.map((card) => card.lead_id))).toEqual([["A"], []]);
  });

  it("keeps a won or lost column's own cards: closed leads have no score", async () => {
    const won: BoardColumn = { ...column("W"), kind: "won", items: [cardFromLead(lead("Z", "W"), NOW)], next_cursor: "board-W" };
    const board = { ...BOARD, columns: [...BOARD.columns, won] };
    const asked: string[] = [];
    const placed = await loadScoredBoard(
      async () => board,
      async (stageId) => {
        asked.push(stageId);
        return page([[lead("A", "S1"), 20]]);
      },
      () => NOW,
    );
    expect(asked).toEqual(["S1", "S2"]);
    expect(placed.columns[2]).toBe(won);
  });

  it("reads the board's columns, then each column's scores", async () => {
    const asked: string[] = [];
    const board = await loadScoredBoard(
      async () => ({ ...BOARD, columns: BOARD.columns.map((c) => ({ ...c, items: [] })) }),
      async (stageId) => {
        asked.push(stageId);
        return stageId === "S1" ? page([[lead("A", "S1"), 20]]) : page([]);
      },
      () => NOW,
    );
    expect(asked).toEqual(["S1", "S2"]);
    expect(board.columns[0]!.items.map((card) => card.lead_id)).toEqual(["A"]);
  });

  it("appends a column's next page with only the leads now in that stage", () => {
    const next = scoredCardPage("S1", page([[lead("D", "S1"), 10], [lead("E", "S2"), 9]], "more"), NOW);
    expect(next.items.map((card) => card.lead_id)).toEqual(["D"]);
    expect(next.next_cursor).toBe("more");
  });

  it("asks for one column's stage, the board's owner and the floor", () => {
    expect(scoredColumnQuery("S1", null, null)).toEqual({ stage_id: "S1", order: "desc" });
    expect(scoredColumnQuery("S1", "U2", 40)).toEqual({ stage_id: "S1", order: "desc", owner_id: "U2", min_score: 40 });
  });
});
