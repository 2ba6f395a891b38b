// Query keys of the console's affiliate program, and the program's terms (most pages read its currency).

import { useQuery } from "@tanstack/react-query";
import { useAffiliatesApi } from "./api";
import type { ApplicationStatus } from "./types";

export const affiliateKeys = {
  all: ["platform", "affiliate-program"] as const,
  program: ["platform", "affiliate-program", "terms"] as const,
  applications: ["platform", "affiliate-program", "applications"] as const,
  applicationsPage: (status: ApplicationStatus, cursor: string | null) => ["platform", "affiliate-program", "applications", status, cursor] as const,
  affiliates: ["platform", "affiliate-program", "affiliates"] as const,
  affiliatesPage: (cursor: string | null) => ["platform", "affiliate-program", "affiliates", "page", cursor] as const,
  /** The first hundred, to name the affiliates of the monthly ledger. */
  names: ["platform", "affiliate-program", "affiliates", "names"] as const,
  affiliate: (affiliateId: string) => ["platform", "affiliate-program", "affiliates", "one", affiliateId] as const,
  ledgers: ["platform", "affiliate-program", "ledger"] as const,
  commissionsPage: (affiliateId: string, cursor: string | null) => ["platform", "affiliate-program", "ledger", "affiliate", affiliateId, cursor] as const,
  monthPage: (month: string, cursor: string | null) => ["platform", "affiliate-program", "ledger", "month", month, cursor] as const,
  payouts: ["platform", "affiliate-program", "payouts"] as const,
  due: (currency: string) => ["platform", "affiliate-program", "payouts", "due", currency] as const,
  batchesPage: (cursor: string | null) => ["platform", "affiliate-program", "payouts", "batches", cursor] as const,
  batch: (batchId: string) => ["platform", "affiliate-program", "payouts", "batch", batchId] as const,
  assets: ["platform", "affiliate-program", "assets"] as const,
};

export function useProgramTerms() {
  const api = useAffiliatesApi();
  return useQuery({ queryKey: affiliateKeys.program, queryFn: api.program, staleTime: 60_000 });
}

/** The program's currency ("usd") once the terms are read. */
export function useProgramCurrency(): string {
  return useProgramTerms().data?.currency ?? "usd";
}
