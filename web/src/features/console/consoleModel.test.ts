import { describe, expect, it } from "vitest";
import { buildUrl } from "../../api/client";
import { Grants } from "../../auth/permissions";
import { ROLE_PERMISSIONS } from "../../auth/permissions.gen";
import { mayOpenPath, navFor } from "../../navigation";
import {
  activeAdmins,
  atLimit,
  consumerLabel,
  conversionsHealth,
  conversionsSummary,
  inviteProblems,
  paramsFromTenantFilters,
  planLabel,
  roleLabel,
  suspendReasonProblem,
  tenantActions,
  tenantFiltersFromParams,
  tenantsQuery,
  trialDaysProblem,
  trialMayExtend,
  usageText,
  withTenantSearch,
  withTenantStatus,
} from "./consoleModel";
import type { TeamMember, TenantDetail } from "./types";

const member = (name: string, role: string, status = "active"): TeamMember => ({
  user_id: name.toLowerCase(),
  name,
  email: `${name.toLowerCase()}@x.test`,
  role,
  status,
  created_at: "2026-01-01T00:00:00Z",
  open_leads: 0,
});

function detail(overrides: Partial<TenantDetail> = {}): Pick<TenantDetail, "status" | "billing" | "team"> {
  return {
    status: "active",
    billing: {
      plan: "starter",
      status: "trialing",
      trial_ends_at: "2026-12-20T00:00:00Z",
      current_period_end: null,
      cancel_at_period_end: false,
      stripe_customer_id: null,
      stripe_subscription_id: null,
      stripe_status: null,
    },
    team: [member("Zed", "Admin"), member("Ada", "Admin"), member("Sam", "Sales"), member("Old", "Admin", "deactivated")],
    ...overrides,
  };
}

const grantsOf = (role: keyof typeof ROLE_PERMISSIONS) => new Grants(ROLE_PERMISSIONS[role]);

describe("the tenants' filters", () => {
  it("reads them from the URL and sends them to the API", () => {
    const filters = tenantFiltersFromParams(new URLSearchParams("q=%20Summit%20&status=suspended&cursor=x"));
    expect(filters).toEqual({ q: "Summit", status: "suspended" });
    expect(tenantFiltersFromParams(new URLSearchParams("status=gone"))).toEqual({});
    expect(paramsFromTenantFilters(filters).toString()).toBe("q=Summit&status=suspended");
    expect(buildUrl("http://api.test", "/platform/tenants", { ...tenantsQuery(filters), cursor: null, limit: 25 })).toBe(
      "http://api.test/platform/tenants?status=suspended&q=Summit&limit=25",
    );
  });

  it("changes one at a time", () => {
    expect(withTenantStatus({ q: "a" }, "active")).toEqual({ q: "a", status: "active" });
    expect(withTenantStatus({ q: "a", status: "active" }, "")).toEqual({ q: "a" });
    expect(withTenantSearch({ status: "active" }, "  ")).toEqual({ status: "active" });
    expect(withTenantSearch({}, " Harbor ")).toEqual({ q: "Harbor" });
  });
});

describe("how a tenant reads", () => {
  it("shows usage against limits", () => {
    expect(usageText(3, 5)).toBe("3 of 5");
    expect(usageText(1200, null)).toBe("1,200 (no limit)");
    expect(usageText(null, 5)).toBe("—");
    expect(atLimit(5, 5)).toBe(true);
    expect(atLimit(4, 5)).toBe(false);
    expect(atLimit(4, null)).toBe(false);
  });

  it("names plans, roles and consumers", () => {
    expect(planLabel("professional")).toBe("Professional");
    expect(planLabel(null)).toBe("—");
    expect(roleLabel("DeveloperAdmin")).toBe("Developer Admin");
    expect(roleLabel("Admin")).toBe("Admin");
    expect(consumerLabel("audit_log")).toBe("Audit log");
  });

  it("sums up the conversions of the last 30 days", () => {
    const health = conversionsHealth({ sent: 12, rejected: 2, dead_lettered: 1, skipped: 5, retrying: 0 });
    expect(health.total).toBe(20);
    expect(health.failed).toBe(3);
    expect(health.rows.map((row) => row.status)).toEqual(["sent", "skipped", "rejected", "dead_lettered"]);
    expect(conversionsSummary(health)).toBe("12 of 20 attempts sent (60%), 3 failed.");
    expect(conversionsSummary(conversionsHealth({}))).toMatch(/No conversions/);
  });

  it("lists the active Admins by name", () => {
    expect(activeAdmins(detail().team).map((m) => m.name)).toEqual(["Ada", "Zed"]);
  });
});

describe("what each platform role may do to a tenant", () => {
  it("lets Developers suspend and extend a trial, Developer Admins view as the Admin too", () => {
    expect(tenantActions(grantsOf("Developer"), detail())).toEqual({ suspend: true, reactivate: false, extendTrial: true, viewAs: false });
    expect(tenantActions(grantsOf("DeveloperAdmin"), detail())).toEqual({ suspend: true, reactivate: false, extendTrial: true, viewAs: true });
  });

  it("leaves Developer Staff reading only", () => {
    expect(tenantActions(grantsOf("DeveloperStaff"), detail())).toEqual({ suspend: false, reactivate: false, extendTrial: false, viewAs: false });
    expect(tenantActions(grantsOf("DeveloperStaff"), detail({ status: "suspended" })).reactivate).toBe(false);
  });

  it("offers reactivation for a suspended tenant, a trial only while Convertly runs it", () => {
    expect(tenantActions(grantsOf("Developer"), detail({ status: "suspended" }))).toMatchObject({ suspend: false, reactivate: true });
    const paying = detail();
    paying.billing = { ...paying.billing, status: "active", stripe_subscription_id: "sub_1" };
    expect(trialMayExtend(paying)).toBe(false);
    expect(tenantActions(grantsOf("DeveloperAdmin"), { ...detail(), team: [member("Sam", "Sales")] }).viewAs).toBe(false);
  });

  it("opens every console page to every platform role, and to no tenant role", () => {
    for (const role of ["Developer", "DeveloperAdmin", "DeveloperStaff"] as const) {
      for (const path of ["/platform", "/platform/tenants/t-1", "/platform/users", "/platform/audit"]) {
        expect(mayOpenPath(grantsOf(role), path)).toBe(true);
      }
      expect(navFor(grantsOf(role)).map((entry) => entry.label)).toEqual(["Platform console"]);
    }
    expect(mayOpenPath(grantsOf("Admin"), "/platform/tenants/t-1")).toBe(false);
  });
});

describe("the console's forms", () => {
  it("asks for a reason to suspend", () => {
    expect(suspendReasonProblem("  ")).toMatch(/Say why/);
    expect(suspendReasonProblem("x".repeat(501))).toMatch(/500/);
    expect(suspendReasonProblem("Chargeback")).toBeUndefined();
  });

  it("takes 1 to 90 days of trial", () => {
    expect(trialDaysProblem("14")).toBeUndefined();
    expect(["0", "91", "1.5", "", "x"].map(trialDaysProblem)).toEqual(Array(5).fill("Between 1 and 90 days"));
  });

  it("needs a name and an email to invite", () => {
    expect(inviteProblems({ email: "dev@convertly.test", name: "Dev" })).toEqual({});
    expect(inviteProblems({ email: "dev", name: " " })).toEqual({ email: "A valid email address", name: "Their name" });
  });
});
