import { describe, expect, it } from "vitest";
import {
  activeContactFilters,
  companyFiltersFromParams,
  companyListQuery,
  contactFiltersFromParams,
  contactListQuery,
  contactSortApplies,
  paramsFromFilters,
  withContactFilter,
} from "./filters";

describe("contact filters in the URL", () => {
  it("reads known roles and sorts and leaves out the rest", () => {
    const params = new URLSearchParams("q=%20ada%20&role=Client&sort=name&other=1");
    expect(contactFiltersFromParams(params)).toEqual({ q: "ada", role: "Client", sort: "name" });
    expect(contactFiltersFromParams(new URLSearchParams("role=Boss&sort=size"))).toEqual({});
  });

  it("keeps the role when a link names a role and an owner", () => {
    expect(contactFiltersFromParams(new URLSearchParams("role=Lead&owner_id=U1"))).toEqual({ role: "Lead" });
  });

  it("writes only what is set", () => {
    expect(paramsFromFilters({ q: "ada", role: undefined, sort: "updated" }).toString()).toBe("q=ada&sort=updated");
  });
});

describe("withContactFilter", () => {
  it("keeps one of role and owner", () => {
    expect(withContactFilter({ owner_id: "U1", q: "ada" }, "role", "Prospect")).toEqual({ q: "ada", role: "Prospect" });
    expect(withContactFilter({ role: "Lead" }, "owner_id", "U2")).toEqual({ owner_id: "U2" });
  });

  it("clears with an empty value", () => {
    expect(withContactFilter({ role: "Lead", sort: "name" }, "role", "")).toEqual({ sort: "name" });
  });
});

describe("contactListQuery", () => {
  it("never sends a search under 3 characters", () => {
    expect(contactListQuery({ q: "ad" })).toEqual({});
    expect(contactListQuery({ q: "ada" })).toEqual({ q: "ada" });
  });

  it("sends the sort for the whole list only", () => {
    expect(contactListQuery({ sort: "name" })).toEqual({ sort: "name" });
    expect(contactListQuery({ sort: "created" })).toEqual({});
    expect(contactListQuery({ sort: "name", role: "Client" })).toEqual({ role: "Client" });
    expect(contactListQuery({ sort: "name", q: "ada", owner_id: "U1" })).toEqual({ q: "ada", owner_id: "U1" });
  });

  it("keeps the sort while a search is too short to send", () => {
    expect(contactSortApplies({ q: "ad", sort: "name" })).toBe(true);
    expect(contactListQuery({ q: "ad", sort: "name" })).toEqual({ sort: "name" });
  });

  it("asks the deleted list alone", () => {
    expect(contactListQuery({ role: "Lead", q: "ada" }, true)).toEqual({ deleted: true });
  });

  it("counts the filters but not the sort", () => {
    expect(activeContactFilters({ q: "ad", role: "Lead", sort: "name" })).toBe(2);
  });
});

describe("company filters", () => {
  it("reads the search and the sort", () => {
    expect(companyFiltersFromParams(new URLSearchParams("q=acme&sort=created"))).toEqual({ q: "acme", sort: "created" });
  });

  it("sends a search without a sort, else the sort when it is not the default", () => {
    expect(companyListQuery({ q: "acm", sort: "created" })).toEqual({ q: "acm" });
    expect(companyListQuery({ q: "ac", sort: "created" })).toEqual({ sort: "created" });
    expect(companyListQuery({ sort: "name" })).toEqual({});
    expect(companyListQuery({}, true)).toEqual({ deleted: true });
  });
});
