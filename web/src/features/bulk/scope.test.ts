import { describe, expect, it } from "vitest";
import { contactListQuery } from "../contacts/filters";
import { filtersFromParams } from "../leads/filters";
import { boardScope, contactListScope, leadListScope, objectOf, scopeKey, scopeOf, smartListScope } from "./scope";
import { NO_SELECTION, selectAllMatching, toggleRow } from "./selection";

describe("the scope of every matching record", () => {
  it("is the lead list's filters, as the URL gives them", () => {
    const filters = filtersFromParams(new URLSearchParams("q=garcia&stage_id=s-2&source=google_ads&owner_id=u-1&created_from=2026-01-01&created_to=2026-01-31"));
    expect(leadListScope(filters)).toEqual({
      leads: { q: "garcia", stage_id: "s-2", source: "google_ads", owner_id: "u-1", created_from: "2026-01-01", created_to: "2026-01-31" },
    });
    expect(leadListScope({})).toEqual({ leads: {} });
    expect(leadListScope({ deleted: true })).toEqual({ leads: { deleted: true } });
    expect(leadListScope({ q: "  " })).toEqual({ leads: {} });
  });

  it("is the board's pipeline with its owner and search", () => {
    expect(boardScope("p-1", null, null)).toEqual({ leads: { pipeline_id: "p-1" } });
    expect(boardScope("p-1", "u-2", " smi ")).toEqual({ leads: { pipeline_id: "p-1", owner_id: "u-2", q: "smi" } });
  });

  it("is the contacts list's query, without its sort", () => {
    expect(contactListScope(contactListQuery({ q: "ana", role: "Client", sort: "name" }))).toEqual({ contacts: { q: "ana", role: "Client" } });
    expect(contactListScope(contactListQuery({ owner_id: "u-1" }))).toEqual({ contacts: { owner_id: "u-1" } });
    expect(contactListScope(contactListQuery({}, true))).toEqual({ contacts: { deleted: true } });
  });

  it("is a smart list's members, with the search within it", () => {
    expect(smartListScope("l-1")).toEqual({ contacts: { list_id: "l-1" } });
    expect(smartListScope("l-1", "acme")).toEqual({ contacts: { list_id: "l-1", q: "acme" } });
  });

  it("knows its records", () => {
    expect(objectOf(boardScope("p", null, null))).toBe("leads");
    expect(objectOf(smartListScope("l"))).toBe("contacts");
  });
});

describe("the request's scope", () => {
  const matching = leadListScope({ stage_id: "s-1" });

  it("sends the ids selected", () => {
    const selection = toggleRow(toggleRow(NO_SELECTION, "a", true, []), "b", true, []);
    expect(scopeOf(selection, matching)).toEqual({ ids: ["a", "b"] });
  });

  it("sends the filters once every matching record is selected, and never both", () => {
    const scope = scopeOf(selectAllMatching(), matching);
    expect(scope).toEqual({ leads: { stage_id: "s-1" } });
    expect(scope.ids).toBeUndefined();
  });

  it("has a key that changes with the filters and not with their order", () => {
    expect(scopeKey({ leads: { q: "a", stage_id: "s" } })).toBe(scopeKey({ leads: { stage_id: "s", q: "a" } }));
    expect(scopeKey({ leads: { q: "a" } })).not.toBe(scopeKey({ leads: { q: "b" } }));
    expect(scopeKey({ leads: {} })).not.toBe(scopeKey({ contacts: {} }));
  });
});
