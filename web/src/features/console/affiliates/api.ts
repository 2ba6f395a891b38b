// The affiliate program's console operations (Convertly's staff): the program's terms, applications
// and their decisions, affiliates (figures, balances, override, ledger, early release), the monthly
// ledger, payouts (what is due, batches, their files, paid) and marketing assets.

import type { ApiClient } from "../../../api/client";
import { apiHook } from "../../../context";
import type {
  AffiliateDetail,
  AffiliateList,
  ApplicationDecision,
  ApplicationStatus,
  CommissionEntry,
  CommissionOverride,
  CommissionPage,
  CommissionTerms,
  PartnerApplication,
  PartnerApplicationList,
  PartnerAsset,
  PartnerAssetIn,
  PartnerAssetList,
  PartnerAssetUpload,
  PayoutBatch,
  PayoutBatchIn,
  PayoutBatchList,
  PayoutDue,
  ProgramTerms,
  ProgramTermsOut,
} from "./types";

const affiliatePath = (affiliateId: string) => `/platform/affiliates/${encodeURIComponent(affiliateId)}`;
const applicationPath = (applicationId: string) => `/platform/affiliate-applications/${encodeURIComponent(applicationId)}`;
export const batchPath = (batchId: string) => `/platform/affiliate-payouts/${encodeURIComponent(batchId)}`;
const assetPath = (assetId: string) => `/platform/affiliate-assets/${encodeURIComponent(assetId)}`;

export function affiliatesApi(client: ApiClient) {
  return {
    program: () => client.get<ProgramTermsOut>("/platform/affiliate-program"),
    setProgram: (terms: ProgramTerms) => client.request<ProgramTermsOut>("PUT", "/platform/affiliate-program", { body: terms }),

    applications: (status: ApplicationStatus, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<PartnerApplicationList>("/platform/affiliate-applications", { status, cursor, limit }, signal),
    /** The partner's sign-in (an invitation email), referral code and record; 409 application_decided or email_taken. */
    approve: (applicationId: string, note: string) =>
      client.post<PartnerApplication>(`${applicationPath(applicationId)}/approve`, { note } satisfies ApplicationDecision),
    reject: (applicationId: string, note: string) =>
      client.post<PartnerApplication>(`${applicationPath(applicationId)}/reject`, { note } satisfies ApplicationDecision),

    affiliates: (cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<AffiliateList>("/platform/affiliates", { cursor, limit }, signal),
    affiliate: (affiliateId: string) => client.get<AffiliateDetail>(affiliatePath(affiliateId)),
    /** null: the program's terms again. */
    setOverride: (affiliateId: string, override: CommissionTerms | null) =>
      client.request<AffiliateDetail>("PUT", `${affiliatePath(affiliateId)}/override`, { body: { override } satisfies CommissionOverride }),
    commissions: (affiliateId: string, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<CommissionPage>(`${affiliatePath(affiliateId)}/commissions`, { cursor, limit }, signal),
    /** A pending commission made payable before its hold ends (409 not_pending). */
    release: (affiliateId: string, entryId: string) =>
      client.post<CommissionEntry>(`${affiliatePath(affiliateId)}/commissions/${encodeURIComponent(entryId)}/release`),

    ledger: (month: string, cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<CommissionPage>("/platform/affiliate-ledger", { month, cursor, limit }, signal),

    due: (currency: string) => client.get<PayoutDue>("/platform/affiliate-payouts/due", { currency }),
    batches: (cursor: string | null, limit: number, signal?: AbortSignal) =>
      client.get<PayoutBatchList>("/platform/affiliate-payouts", { cursor, limit }, signal),
    /** One payout per ready affiliate (201); 409 nothing_due. */
    createBatch: (currency: string) => client.post<PayoutBatch>("/platform/affiliate-payouts", { currency } satisfies PayoutBatchIn),
    batch: (batchId: string) => client.get<PayoutBatch>(batchPath(batchId)),
    markPaid: (batchId: string) => client.post<PayoutBatch>(`${batchPath(batchId)}/paid`),

    assets: () => client.get<PartnerAssetList>("/platform/affiliate-assets").then((list) => list.items),
    /** Copy, or a file's record and its presigned POST (upload.ts sends the file, then `completeAsset`). */
    addAsset: (body: PartnerAssetIn) => client.post<PartnerAssetUpload>("/platform/affiliate-assets", body),
    completeAsset: (assetId: string) => client.post<PartnerAsset>(`${assetPath(assetId)}/complete`),
    deleteAsset: (assetId: string) => client.delete<null>(assetPath(assetId)),
  };
}

export type AffiliatesApi = ReturnType<typeof affiliatesApi>;
export const useAffiliatesApi = apiHook(affiliatesApi);
