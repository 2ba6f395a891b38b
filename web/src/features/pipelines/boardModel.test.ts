import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/errors";
import type { Lead } from "../leads/types";
import {
  appendPage,
  canDropOn,
  findCard,
  formatAge,
  formatCardValue,
  leadCount,
  mayMoveCard,
  moveCard,
  moveTargets,
  placeLead,
  placeMove,
  restoreCard,
  seenOf,
} from "./boardModel";
import { CONFLICT_MESSAGE, currentLeadOf, moveConfirmed, moveOptimistically, type BoardStore } from "./optimisticMove";
import type { Board, BoardCard, BoardColumn, StageMove } from "./types";

const NOW = Date.parse("2026-05-01T12:00:00Z");

function card(leadId: string, stageId: string, value = 100, extra: Partial<BoardCard> = {}): BoardCard {
  return {
    lead_id: leadId,
    name: `Lead ${leadId}`,
    company: null,
    value,
    currency: "USD",
    owner_id: "u-sales",
    source: "manual",
    pipeline_id: "p1",
    stage_id: stageId,
    stage_entered_at: "2026-04-30T12:00:00Z",
    seconds_in_stage: 86_400,
    created_at: "2026-04-30T12:00:00Z",
    version: 1,
    ...extra,
  };
}

function column(stageId: string, items: BoardCard[], extra: Partial<BoardColumn> = {}): BoardColumn {
  return {
    stage_id: stageId,
    name: stageId.toUpperCase(),
    position: 0,
    kind: "open",
    probability: 10,
    status: "active",
    lead_count: items.length + 10,
    lead_value: items.reduce((sum, item) => sum + item.value, 0) + 1000,
    items,
    next_cursor: null,
    ...extra,
  };
}

function board(): Board {
  return {
    pipeline_id: "p1",
    name: "Sales",
    owner_id: null,
    q: null,
    columns: [
      column("new", [card("a", "new", 250), card("b", "new", 50)], { next_cursor: "c1" }),
      column("qualified", [card("c", "qualified", 75)]),
      column("won", [], { kind: "won", probability: 100 }),
    ],
  };
}

// The cards' values in `board()`: a move that sets no value answers the lead's own.
const VALUES: Record<string, number> = { a: 250, b: 50, c: 75 };

function stageMove(leadId: string, from: string, to: string, extra: Partial<StageMove> = {}): StageMove {
  return {
    lead_id: leadId,
    pipeline_id: "p1",
    from_stage_id: from,
    stage_id: to,
    stage_entered_at: "2026-05-01T11:30:00Z",
    seconds_in_previous: 84_600,
    updated_at: "2026-05-01T11:30:00Z",
    version: 2,
    value: VALUES[leadId] ?? 0,
    lost_reason: null,
    ...extra,
  };
}

function lead(leadId: string, stageId: string, extra: Partial<Lead> = {}): Lead {
  return {
    lead_id: leadId,
    first_name: "Lead",
    last_name: leadId,
    name: `Lead ${leadId}`,
    email: null,
    phone: null,
    company: null,
    value: 250,
    currency: "USD",
    owner_id: "u-sales",
    source: "manual",
    tags: [],
    custom_fields: {},
    attribution: {},
    pipeline_id: "p1",
    stage_id: stageId,
    stage_entered_at: "2026-05-01T11:00:00Z",
    created_at: "2026-04-30T12:00:00Z",
    created_by: "u-admin",
    updated_at: "2026-05-01T11:00:00Z",
    deleted_at: null,
    version: 2,
    ...extra,
  };
}

const ids = (b: Board, stageId: string) => b.columns.find((c) => c.stage_id === stageId)!.items.map((i) => i.lead_id);
const col = (b: Board, stageId: string) => b.columns.find((c) => c.stage_id === stageId)!;

describe("moving a card", () => {
  it("moves it to the top of the target column with the counters", () => {
    const before = board();
    const after = moveCard(before, "b", "qualified", "2026-05-01T12:00:00Z");
    expect(ids(after, "new")).toEqual(["a"]);
    expect(ids(after, "qualified")).toEqual(["b", "c"]);
    expect(col(after, "new").lead_count).toBe(col(before, "new").lead_count - 1);
    expect(col(after, "new").lead_value).toBe(col(before, "new").lead_value - 50);
    expect(col(after, "qualified").lead_count).toBe(col(before, "qualified").lead_count + 1);
    expect(col(after, "qualified").lead_value).toBe(col(before, "qualified").lead_value + 50);
    const moved = findCard(after, "b")!.card;
    expect(moved).toMatchObject({ stage_id: "qualified", seconds_in_stage: 0, stage_entered_at: "2026-05-01T12:00:00Z" });
  });

  it("leaves the board alone for the same stage, an unknown stage or a card not loaded", () => {
    const before = board();
    expect(moveCard(before, "a", "new", "x")).toBe(before);
    expect(moveCard(before, "a", "nowhere", "x")).toBe(before);
    expect(moveCard(before, "zz", "won", "x")).toBe(before);
  });

  it("does not change the original board", () => {
    const before = board();
    const snapshot = JSON.stringify(before);
    moveCard(before, "a", "won", "x");
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it("accepts drops only on another active stage", () => {
    const b = board();
    b.columns[2] = { ...b.columns[2]!, status: "deleting" };
    expect(canDropOn(b, "a", "qualified")).toBe(true);
    expect(canDropOn(b, "a", "new")).toBe(false);
    expect(canDropOn(b, "a", "won")).toBe(false);
    expect(canDropOn(b, "zz", "qualified")).toBe(false);
    expect(moveTargets(b, findCard(b, "a")!.card).map((c) => c.stage_id)).toEqual(["qualified"]);
  });
});

describe("a committed move", () => {
  it("sends as seen what the card shows", () => {
    expect(seenOf(card("a", "new", 250))).toEqual({
      stage_id: "new",
      stage_entered_at: "2026-04-30T12:00:00Z",
      owner_id: "u-sales",
      value: 250,
      currency: "USD",
      source: "manual",
    });
  });

  it("places the card in the move's stage with its version, counters following", () => {
    const before = board();
    const after = placeMove(before, stageMove("b", "new", "won", { version: 7 }), NOW);
    expect(ids(after, "new")).toEqual(["a"]);
    expect(ids(after, "won")).toEqual(["b"]);
    expect(findCard(after, "b")!.card).toMatchObject({ stage_id: "won", version: 7, seconds_in_stage: 1800 });
    expect(col(after, "won").lead_count).toBe(col(before, "won").lead_count + 1);
    expect(col(after, "new").lead_value).toBe(col(before, "new").lead_value - 50);
  });

  it("updates the card in place when it already sits in the move's stage (the optimistic move)", () => {
    const optimistic = moveCard(board(), "a", "qualified", "2026-05-01T11:59:00Z");
    const after = placeMove(optimistic, stageMove("a", "new", "qualified", { version: 4 }), NOW);
    expect(ids(after, "qualified")).toEqual(["a", "c"]);
    expect(col(after, "qualified").lead_count).toBe(col(optimistic, "qualified").lead_count);
    expect(findCard(after, "a")!.card).toMatchObject({ version: 4, stage_entered_at: "2026-05-01T11:30:00Z" });
  });

  it("leaves the board alone for a card not loaded", () => {
    const before = board();
    expect(placeMove(before, stageMove("zz", "new", "won"), NOW)).toBe(before);
  });

  it("takes the value a win set, the columns' values following", () => {
    const before = board();
    const after = placeMove(before, stageMove("b", "new", "won", { value: 1234.5 }), NOW);
    expect(findCard(after, "b")!.card.value).toBe(1234.5);
    expect(col(after, "new").lead_value).toBe(col(before, "new").lead_value - 50);
    expect(col(after, "won").lead_value).toBe(col(before, "won").lead_value + 1234.5);
  });
});

describe("rolling a move back", () => {
  it("puts the card back at its place with the counters as they were", () => {
    const before = board();
    const original = findCard(before, "b")!;
    const moved = moveCard(before, "b", "won", "x");
    const restored = restoreCard(moved, original);
    expect(restored).toEqual(before);
  });

  it("keeps what changed meanwhile (a page loaded during the request)", () => {
    const before = board();
    const original = findCard(before, "a")!;
    let current = moveCard(before, "a", "qualified", "x");
    current = appendPage(current, "new", { items: [card("d", "new")], next_cursor: null });
    const restored = restoreCard(current, original);
    expect(ids(restored, "new")).toEqual(["a", "b", "d"]);
    expect(ids(restored, "qualified")).toEqual(["c"]);
    expect(col(restored, "new").next_cursor).toBeNull();
  });
});

describe("placing a lead as the API has it", () => {
  it("moves the card to the lead's current stage with its new version", () => {
    const before = board();
    const after = placeLead(before, lead("a", "won", { version: 5 }), NOW);
    expect(ids(after, "new")).toEqual(["b"]);
    expect(ids(after, "won")).toEqual(["a"]);
    expect(findCard(after, "a")!.card).toMatchObject({ version: 5, seconds_in_stage: 3600 });
    expect(col(after, "won").lead_count).toBe(col(before, "won").lead_count + 1);
  });

  it("updates a card in place when the stage is the same (value changes follow)", () => {
    const before = board();
    const after = placeLead(before, lead("a", "new", { value: 300, version: 3 }), NOW);
    expect(ids(after, "new")).toEqual(["a", "b"]);
    expect(findCard(after, "a")!.card.value).toBe(300);
    expect(col(after, "new").lead_value).toBe(col(before, "new").lead_value + 50);
    expect(col(after, "new").lead_count).toBe(col(before, "new").lead_count);
  });

  it("takes a deleted lead, or one in another pipeline, off the board", () => {
    const deleted = placeLead(board(), lead("a", "new", { deleted_at: "2026-05-01T11:00:00Z" }), NOW);
    expect(findCard(deleted, "a")).toBeNull();
    const elsewhere = placeLead(board(), lead("c", "other", { pipeline_id: "p2" }), NOW);
    expect(findCard(elsewhere, "c")).toBeNull();
    expect(col(elsewhere, "qualified").lead_count).toBe(col(board(), "qualified").lead_count - 1);
  });

  it("ignores a lead whose card is not loaded", () => {
    const before = board();
    expect(placeLead(before, lead("zz", "won"), NOW)).toBe(before);
  });
});

describe("column pages", () => {
  it("appends the next page without repeating cards and keeps its cursor", () => {
    const after = appendPage(board(), "new", { items: [card("b", "new"), card("e", "new")], next_cursor: "c2" });
    expect(ids(after, "new")).toEqual(["a", "b", "e"]);
    expect(col(after, "new").next_cursor).toBe("c2");
    expect(ids(after, "qualified")).toEqual(["c"]);
  });
});

describe("labels", () => {
  it("formats the age in the stage", () => {
    expect(formatAge(0)).toBe("just now");
    expect(formatAge(59)).toBe("just now");
    expect(formatAge(60)).toBe("1 min");
    expect(formatAge(3599)).toBe("59 min");
    expect(formatAge(3600)).toBe("1 h");
    expect(formatAge(86_399)).toBe("23 h");
    expect(formatAge(86_400)).toBe("1 d");
    expect(formatAge(59 * 86_400)).toBe("59 d");
    expect(formatAge(90 * 86_400)).toBe("3 mo");
    expect(formatAge(Number.NaN)).toBe("just now");
  });

  it("shows a card's value with its cents only when it has some", () => {
    expect(formatCardValue(4200, "USD")).toBe(new Intl.NumberFormat(undefined, { style: "currency", currency: "USD", maximumFractionDigits: 0 }).format(4200));
    expect(formatCardValue(1234.5, "USD")).toMatch(/1,?234\.50/);
    expect(formatCardValue(10, "not a currency")).toBe("10 NOT A CURRENCY");
  });

  it("counts leads", () => {
    expect(leadCount(1)).toBe("1 lead");
    expect(leadCount(0)).toBe("0 leads");
    expect(leadCount(12)).toBe("12 leads");
  });
});

describe("who may move a card", () => {
  it("lets Sales move their own leads only, and nobody without leads:write", () => {
    const sales = { mayWrite: true, mayActOnAll: false, userId: "u-sales" };
    expect(mayMoveCard(sales, { owner_id: "u-sales" })).toBe(true);
    expect(mayMoveCard(sales, { owner_id: "u-other" })).toBe(false);
    expect(mayMoveCard({ ...sales, mayActOnAll: true }, { owner_id: "u-other" })).toBe(true);
    expect(mayMoveCard({ mayWrite: false, mayActOnAll: true, userId: "u-staff" }, { owner_id: null })).toBe(false);
  });
});

function memoryStore(initial: Board): BoardStore & { history: Board[] } {
  let current = initial;
  const history: Board[] = [];
  return {
    history,
    get: () => current,
    set: (next) => {
      current = next;
      history.push(next);
    },
  };
}

describe("the optimistic move", () => {
  it("shows the move at once, then the API's answer", async () => {
    const store = memoryStore(board());
    let sent: BoardCard | null = null;
    const outcome = await moveOptimistically(
      store,
      "a",
      "qualified",
      async (sentCard) => {
        sent = sentCard;
        expect(ids(store.get()!, "qualified")).toEqual(["a", "c"]);
        return stageMove("a", "new", "qualified");
      },
      () => NOW,
    );
    expect(outcome.kind).toBe("moved");
    expect(sent!.version).toBe(1);
    expect(findCard(store.get()!, "a")!.card).toMatchObject({
      stage_id: "qualified",
      version: 2,
      stage_entered_at: "2026-05-01T11:30:00Z",
      seconds_in_stage: 1800,
    });
  });

  it("rolls back when the API refuses", async () => {
    const before = board();
    const store = memoryStore(before);
    const refusal = new ApiError(403, "not_lead_owner", "This lead is assigned to someone else");
    const outcome = await moveOptimistically(store, "a", "won", () => Promise.reject(refusal), () => NOW);
    expect(outcome).toEqual({ kind: "failed", error: refusal });
    expect(store.get()).toEqual(before);
  });

  it("on a stale version shows the lead where it is now", async () => {
    const store = memoryStore(board());
    const current = lead("a", "won", { version: 3 });
    const conflict = new ApiError(409, "stale_version", "Someone else changed this lead: reload it", {}, { lead: current });
    const outcome = await moveOptimistically(store, "a", "qualified", () => Promise.reject(conflict), () => NOW);
    expect(outcome).toEqual({ kind: "conflict", lead: current });
    expect(ids(store.get()!, "qualified")).toEqual(["c"]);
    expect(ids(store.get()!, "won")).toEqual(["a"]);
    expect(findCard(store.get()!, "a")!.card.version).toBe(3);
    expect(CONFLICT_MESSAGE).toMatch(/^Someone else changed this lead/);
  });

  it("does nothing for a drop on the card's own column", async () => {
    const store = memoryStore(board());
    const outcome = await moveOptimistically(store, "a", "new", () => Promise.reject(new Error("not sent")));
    expect(outcome.kind).toBe("unchanged");
    expect(store.history).toHaveLength(0);
  });

  it("reads the current lead only from a 409 that carries one", () => {
    expect(currentLeadOf(new ApiError(409, "stale_version", "x", {}, { lead: lead("a", "new") }))?.lead_id).toBe("a");
    expect(currentLeadOf(new ApiError(409, "lead_deleted", "x"))).toBeNull();
    expect(currentLeadOf(new ApiError(422, "validation_error", "x", {}, { lead: lead("a", "new") }))).toBeNull();
    expect(currentLeadOf(new Error("x"))).toBeNull();
  });
});

describe("the move confirmed in a dialog", () => {
  it("leaves the card where it is until the API answers, then shows the answer with its value", async () => {
    const before = board();
    const store = memoryStore(before);
    const outcome = await moveConfirmed(
      store,
      "b",
      "won",
      async () => {
        expect(store.history).toHaveLength(0);
        return stageMove("b", "new", "won", { value: 1234.5 });
      },
      () => NOW,
    );
    expect(outcome.kind).toBe("moved");
    expect(ids(store.get()!, "won")).toEqual(["b"]);
    expect(findCard(store.get()!, "b")!.card.value).toBe(1234.5);
    expect(col(store.get()!, "won").lead_value).toBe(col(before, "won").lead_value + 1234.5);
  });

  it("leaves the board as it was when the API refuses the value or the reason", async () => {
    const before = board();
    const store = memoryStore(before);
    const refusal = new ApiError(422, "value_required", "Enter the deal's value", { value: "Enter the deal's value (more than 0)" });
    const outcome = await moveConfirmed(store, "b", "won", () => Promise.reject(refusal), () => NOW);
    expect(outcome).toEqual({ kind: "failed", error: refusal });
    expect(store.history).toHaveLength(0);
    expect(store.get()).toBe(before);
  });

  it("on a stale version shows the lead where it is now", async () => {
    const store = memoryStore(board());
    const current = lead("b", "qualified", { version: 4 });
    const conflict = new ApiError(409, "stale_version", "x", {}, { lead: current });
    const outcome = await moveConfirmed(store, "b", "won", () => Promise.reject(conflict), () => NOW);
    expect(outcome).toEqual({ kind: "conflict", lead: current });
    expect(ids(store.get()!, "qualified")).toEqual(["b", "c"]);
  });

  it("does nothing for a card that cannot go there", async () => {
    const store = memoryStore(board());
    expect((await moveConfirmed(store, "a", "new", () => Promise.reject(new Error("not sent")))).kind).toBe("unchanged");
  });
});
