// The affiliate program's console shapes (GET/PUT /platform/affiliate-*): the program's terms,
// applications, affiliates and their ledgers, payouts and marketing assets. Money is in minor units.

import type { Schemas } from "../../../api/contract";

export type ProgramTerms = Schemas["ProgramTerms"];
export type ProgramTermsOut = Schemas["ProgramTermsOut"];
export type CommissionTerms = Schemas["CommissionTerms"];
export type CommissionType = CommissionTerms["commission_type"];
export type Attribution = NonNullable<ProgramTerms["attribution"]>;
export type CommissionOverride = Schemas["CommissionOverride"];

export type PartnerApplication = Schemas["PartnerApplication"];
export type PartnerApplicationList = Schemas["PartnerApplicationList"];
export type ApplicationDecision = Schemas["ApplicationDecision"];

export type AffiliateRow = Schemas["AffiliateRow"];
export type AffiliateList = Schemas["AffiliateList"];
export type AffiliateDetail = Schemas["AffiliateDetail"];
export type PartnerBalance = Schemas["PartnerBalance"];
export type PartnerStats = Schemas["PartnerStats"];
export type PartnerFlag = Schemas["PartnerFlag"];
export type CommissionEntry = Schemas["CommissionEntry"];
export type CommissionPage = Schemas["CommissionPage"];

export type PayoutDue = Schemas["PayoutDue"];
export type PayoutDueRow = Schemas["PayoutDueRow"];
export type PayoutBatch = Schemas["PayoutBatch"];
export type PayoutBatchLine = Schemas["PayoutBatchLine"];
export type PayoutBatchList = Schemas["PayoutBatchList"];
export type PayoutBatchIn = Schemas["PayoutBatchIn"];

export type PartnerAsset = Schemas["PartnerAsset"];
export type PartnerAssetIn = Schemas["PartnerAssetIn"];
export type PartnerAssetList = Schemas["PartnerAssetList"];
export type PartnerAssetUpload = Schemas["PartnerAssetUpload"];

/** The presigned POST a file asset is sent to S3 with (PartnerAssetUpload.upload, read by upload.ts). */
export interface AssetUploadForm {
  url: string;
  fields: Record<string, string>;
}

export type ApplicationStatus = "pending" | "approved" | "rejected";
export type ExportFormat = "paypal" | "wise";
