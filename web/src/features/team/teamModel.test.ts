import { describe, expect, it } from "vitest";
import {
  filtersFromParams,
  hasFilters,
  invitationLabel,
  lastSignInLabel,
  memberActions,
  paramsFromFilters,
  seatsFull,
  seatsLabel,
  statusLabel,
  teamQuery,
  withFilter,
} from "./teamModel";
import type { TeamMember } from "./types";

const NOW = Date.parse("2026-12-06T12:00:00Z");

function member(overrides: Partial<TeamMember> = {}): TeamMember {
  return {
    user_id: "u-1",
    email: "ana@acme.test",
    name: "Ana Diaz",
    role: "Sales",
    status: "active",
    created_at: "2026-11-01T09:00:00Z",
    open_leads: 0,
    ...overrides,
  };
}

describe("the filters in the URL", () => {
  it("read the known statuses and roles and the search", () => {
    expect(filtersFromParams(new URLSearchParams("status=invited&role=Manager&q=%20ana%20"))).toEqual({
      status: "invited",
      role: "Manager",
      q: "ana",
    });
  });

  it("ignore what the API would refuse", () => {
    expect(filtersFromParams(new URLSearchParams("status=gone&role=Affiliate&q="))).toEqual({});
  });

  it("go back to the URL and to the API unchanged", () => {
    const filters = { status: "deactivated", role: "Staff", q: "lee" } as const;
    expect(filtersFromParams(paramsFromFilters(filters))).toEqual(filters);
    expect(paramsFromFilters({}).toString()).toBe("");
    expect(teamQuery(filters)).toEqual({ status: "deactivated", role: "Staff", q: "lee" });
    expect(teamQuery({})).toEqual({});
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ q: "x" })).toBe(true);
  });
});

describe("changing one filter", () => {
  it("keeps the others, and an empty or unknown value clears it", () => {
    const filters = { status: "active", q: "ana" } as const;
    expect(withFilter(filters, "role", "Manager")).toEqual({ status: "active", role: "Manager", q: "ana" });
    expect(withFilter(filters, "status", "")).toEqual({ q: "ana" });
    expect(withFilter(filters, "status", "archived")).toEqual({ q: "ana" });
    expect(withFilter(filters, "q", " bo ")).toEqual({ status: "active", q: "bo" });
  });
});

describe("how a member reads", () => {
  it("says never for someone who never signed in", () => {
    expect(lastSignInLabel(null, NOW)).toBe("never");
    expect(lastSignInLabel(undefined, NOW)).toBe("never");
  });

  it("gives a recent sign-in relative to now, an old one by date", () => {
    expect(lastSignInLabel("2026-12-06T11:59:30Z", NOW)).toBe("just now");
    expect(lastSignInLabel("2026-12-06T09:00:00Z", NOW)).toBe("3 h ago");
    expect(lastSignInLabel("2026-12-04T12:00:00Z", NOW)).toBe("2 d ago");
    expect(lastSignInLabel("2026-10-01T12:00:00Z", NOW)).toMatch(/2026/);
  });

  it("gives an invitation's expiry, or that it expired", () => {
    expect(invitationLabel(member({ status: "invited", invitation_expires_at: "2026-12-10T12:00:00Z" }), NOW)).toEqual({
      text: expect.stringMatching(/^Expires .*2026/),
      expired: false,
    });
    expect(invitationLabel(member({ status: "invited", invitation_expires_at: "2026-12-01T12:00:00Z" }), NOW)).toMatchObject({
      expired: true,
    });
    expect(invitationLabel(member({ status: "active", invitation_expires_at: "2026-12-10T12:00:00Z" }), NOW)).toBeNull();
  });

  it("names the statuses", () => {
    expect(statusLabel("invited")).toBe("Invited");
    expect(statusLabel("deactivated")).toBe("Deactivated");
    expect(statusLabel("other")).toBe("other");
  });
});

describe("the seats", () => {
  it("read against the plan's limit", () => {
    expect(seatsLabel({ seats_used: 3, seats_limit: 5 })).toBe("3 of 5 seats used");
    expect(seatsLabel({ seats_used: 1, seats_limit: null })).toBe("1 seat used");
    expect(seatsLabel({ seats_used: null, seats_limit: null })).toBeNull();
    expect(seatsFull({ seats_used: 5, seats_limit: 5 })).toBe(true);
    expect(seatsFull({ seats_used: 4, seats_limit: 5 })).toBe(false);
    expect(seatsFull({ seats_used: 4, seats_limit: null })).toBe(false);
  });
});

describe("a row's actions", () => {
  it("are none without users:manage (a Manager reads the team)", () => {
    expect(memberActions(member(), false, "me")).toEqual([]);
    expect(memberActions(member({ status: "invited" }), false, "me")).toEqual([]);
  });

  it("follow the member's status", () => {
    expect(memberActions(member({ status: "invited" }), true, "me")).toEqual(["resend", "revoke", "role"]);
    expect(memberActions(member({ status: "active" }), true, "me")).toEqual(["role", "reassign", "deactivate"]);
    expect(memberActions(member({ status: "deactivated" }), true, "me")).toEqual(["reactivate", "role", "reassign", "delete"]);
  });

  it("never deactivate or delete oneself", () => {
    expect(memberActions(member({ user_id: "me" }), true, "me")).toEqual(["role", "reassign"]);
    expect(memberActions(member({ user_id: "me", status: "deactivated" }), true, "me")).toEqual(["reactivate", "role", "reassign"]);
  });

  it("offer to reassign the work of an active or deactivated member, open leads or not, never of an invited one", () => {
    expect(memberActions(member({ open_leads: 0 }), true, "me")).toContain("reassign");
    expect(memberActions(member({ status: "deactivated", open_leads: 4 }), true, "me")).toContain("reassign");
    expect(memberActions(member({ status: "invited" }), true, "me")).not.toContain("reassign");
  });
});
