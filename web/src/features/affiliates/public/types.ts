// The affiliate program's public API shapes: a partner application and a referral link's click.

import type { Schemas } from "../../../api/contract";

/** POST /affiliate/applications: who applies, who they reach and how they will promote Convertly. */
export type PartnerApplicationRequest = Schemas["PartnerApplicationIn"];
/** Its 201 answer: the application's id, its status ("pending") and a message to show. */
export type PartnerApplicationReceipt = Schemas["PartnerApplicationReceipt"];
/** POST /affiliate/clicks: the link's code, its sub id and the visit's UTM parameters. */
export type ReferralClickRequest = Schemas["ReferralClick"];
/** What the click gives the browser to keep: its referral (none for a bot), until when, and the rule. */
export type ReferralClickResult = Schemas["ReferralClickResult"];
/** "last_click": a later partner's click replaces an earlier one; "first_click": the first one stays. */
export type ReferralAttribution = ReferralClickResult["attribution"];
