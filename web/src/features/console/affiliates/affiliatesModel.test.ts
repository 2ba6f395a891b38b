import { describe, expect, it } from "vitest";
import { Grants } from "../../../auth/permissions";
import { ROLE_PERMISSIONS } from "../../../auth/permissions.gen";
import { mayOpenPath } from "../../../navigation";
import { consoleTab } from "../ConsoleLayout";
import {
  applicationStatusOf,
  assetContentType,
  assetFileProblem,
  assetKindLabel,
  balancesOf,
  entryKindLabel,
  entryStatusLabel,
  exportable,
  exportFileName,
  flagKindLabel,
  isCurrencyCode,
  isMonth,
  mayManageAffiliates,
  mayRelease,
  monthLabel,
  monthOf,
  noteProblem,
  payoutMethodLabel,
  shiftMonth,
} from "./affiliatesModel";
import type { PartnerBalance } from "./types";

const grantsOf = (role: keyof typeof ROLE_PERMISSIONS) => new Grants(ROLE_PERMISSIONS[role]);

const PAGES = [
  "/platform/affiliates",
  "/platform/affiliates/aff-1",
  "/platform/affiliate-applications",
  "/platform/affiliate-program",
  "/platform/affiliate-ledger",
  "/platform/affiliate-payouts",
  "/platform/affiliate-payouts/b-1",
  "/platform/affiliate-assets",
];

describe("who runs the affiliate program", () => {
  it("lets Developer Admins change it, and the other platform roles read it", () => {
    expect(mayManageAffiliates(grantsOf("DeveloperAdmin"))).toBe(true);
    expect(mayManageAffiliates(grantsOf("Developer"))).toBe(false);
    expect(mayManageAffiliates(grantsOf("DeveloperStaff"))).toBe(false);
    for (const role of ["Developer", "DeveloperAdmin", "DeveloperStaff"] as const) {
      for (const path of PAGES) expect(mayOpenPath(grantsOf(role), path), `${role} ${path}`).toBe(true);
    }
  });

  it("opens its pages to no tenant role, not even the Affiliate", () => {
    for (const role of ["Admin", "Affiliate"] as const) {
      for (const path of PAGES) expect(mayOpenPath(grantsOf(role), path)).toBe(false);
    }
    expect(mayOpenPath(new Grants(["platform:read"]), "/platform/affiliates")).toBe(false);
    expect(mayOpenPath(new Grants(["platform:read"]), "/platform/users")).toBe(true);
  });

  it("lights the tab of each page, detail pages too", () => {
    expect(PAGES.map(consoleTab)).toEqual(["affiliates", "affiliates", "applications", "program", "ledger", "payouts", "payouts", "assets"]);
    expect(["/platform", "/platform/tenants/t-1", "/platform/users", "/platform/audit"].map(consoleTab)).toEqual([
      "tenants",
      "tenants",
      "users",
      "audit",
    ]);
  });
});

describe("applications", () => {
  it("reads the tab from the URL, pending unless it names another", () => {
    expect([null, "approved", "rejected", "bogus"].map(applicationStatusOf)).toEqual(["pending", "approved", "rejected", "pending"]);
  });

  it("takes a note of at most 1,000 characters", () => {
    expect(noteProblem("")).toBeUndefined();
    expect(noteProblem("x".repeat(1000))).toBeUndefined();
    expect(noteProblem("x".repeat(1001))).toMatch(/1,000/);
  });
});

describe("the ledger", () => {
  it("names entries and their statuses", () => {
    expect(entryKindLabel({ kind: "commission", reason: "percent" })).toBe("Commission");
    expect(entryKindLabel({ kind: "commission", reason: "bounty" })).toBe("Bounty");
    expect(entryKindLabel({ kind: "reversal", reason: "refund" })).toBe("Reversal (refund)");
    expect(entryKindLabel({ kind: "reversal", reason: null })).toBe("Reversal");
    expect(["pending", "payable", "paid", "open", "settled", "odd"].map(entryStatusLabel)).toEqual([
      "Pending",
      "Payable",
      "Paid",
      "Open",
      "Settled",
      "odd",
    ]);
  });

  it("releases only commissions still in their hold", () => {
    expect(mayRelease({ kind: "commission", status: "pending" })).toBe(true);
    expect(mayRelease({ kind: "commission", status: "payable" })).toBe(false);
    expect(mayRelease({ kind: "reversal", status: "open" })).toBe(false);
  });

  it("walks months across years", () => {
    expect(monthOf(new Date(2026, 0, 31))).toBe("2026-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2025-12", 1)).toBe("2026-01");
    expect(shiftMonth("2026-03", -15)).toBe("2024-12");
    expect(monthLabel("2026-03")).toBe("March 2026");
    expect(["2026-03", "2026-13", "2026-3", "", null].map(isMonth)).toEqual([true, false, false, false, false]);
  });
});

describe("balances, flags and payouts", () => {
  const balance = (currency: string, due: number): PartnerBalance => ({
    currency,
    pending: 0,
    payable: due,
    paid: 0,
    reversed: 0,
    reversed_open: 0,
    due,
    paid_out: 0,
  });

  it("puts the program's currency first, empty when there is none", () => {
    expect(balancesOf([balance("gbp", 1), balance("usd", 2), balance("eur", 3)], "usd").map((b) => b.currency)).toEqual(["usd", "eur", "gbp"]);
    expect(balancesOf([], "usd")).toEqual([balance("usd", 0)]);
  });

  it("names fraud flags and payout methods", () => {
    expect(flagKindLabel("self_referral_email")).toBe("Self-referral (email)");
    expect(flagKindLabel("self_referral_card")).toBe("Self-referral (card)");
    expect(flagKindLabel("new_kind")).toBe("new kind");
    expect([payoutMethodLabel("paypal"), payoutMethodLabel("bank"), payoutMethodLabel(null)]).toEqual(["PayPal", "Bank transfer", "—"]);
  });

  it("names the batch's file, and offers PayPal's only for PayPal lines", () => {
    expect(exportFileName("b1", "paypal", 'attachment; filename="convertly-payouts-b1-paypal.csv"')).toBe("convertly-payouts-b1-paypal.csv");
    expect(exportFileName("b1", "wise", null)).toBe("convertly-payouts-b1-wise.csv");
    expect(exportFileName("b1", "wise", 'attachment; filename="../evil.sh"')).toBe("convertly-payouts-b1-wise.csv");
    expect(exportable([{ method: "bank" }], "paypal")).toBe(false);
    expect(exportable([{ method: "bank" }], "wise")).toBe(true);
    expect(exportable([{ method: "paypal" }], "paypal")).toBe(true);
    expect(["usd", "USD", "us", ""].map(isCurrencyCode)).toEqual([true, false, false, false]);
  });
});

describe("marketing assets", () => {
  it("takes images and PDFs up to 10 MB", () => {
    expect(assetContentType("logo.PNG")).toBe("image/png");
    expect(assetContentType("badge.svg")).toBe("image/svg+xml");
    expect(assetContentType("guide.pdf")).toBe("application/pdf");
    expect(assetContentType("notes.docx")).toBeNull();
    expect(assetContentType("png")).toBeNull();
    expect(assetFileProblem({ name: "logo.jpg", size: 2048 })).toBeNull();
    expect(assetFileProblem({ name: "notes.docx", size: 2048 })).toMatch(/cannot be an asset/);
    expect(assetFileProblem({ name: "big.pdf", size: 10 * 1024 * 1024 + 1 })).toMatch(/10 MB/);
    expect(assetFileProblem({ name: "empty.png", size: 0 })).toMatch(/empty/);
  });

  it("names their kind", () => {
    expect(assetKindLabel({ kind: "copy", content_type: null })).toBe("Copy");
    expect(assetKindLabel({ kind: "file", content_type: "image/webp" })).toBe("Image");
    expect(assetKindLabel({ kind: "file", content_type: "application/pdf" })).toBe("PDF");
  });
});
