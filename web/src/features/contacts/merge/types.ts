// The merge API's shapes: possible duplicates (two live contacts sharing an email or a phone) and a
// merge of a duplicate into the contact or company that stays.

import type { Schemas } from "../../../api/contract";

/** Two contacts, oldest first, and what they share. */
export type DuplicatePair = Schemas["DuplicatePair"];
export type DuplicatePage = Schemas["DuplicatePage"];
export type DuplicateReason = DuplicatePair["reason"];
export type ContactMerge = Schemas["ContactMerge"];
export type CompanyMerge = Schemas["CompanyMerge"];
/** Whose value a field keeps: the survivor's (the record that stays) or the duplicate's. */
export type MergeSide = NonNullable<ContactMerge["fields"]>[string];
