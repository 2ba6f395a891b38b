// The SMS shapes: the account's Twilio account (Settings > SMS), whether texts can go, the test text.

import type { Schemas } from "../../api/contract";

export type SmsSettings = Schemas["SmsSettings"];
export type SmsSettingsUpdate = Schemas["SmsSettingsUpdate"];
export type SmsStatus = Schemas["SmsStatus"];
export type SmsTest = Schemas["SmsTest"];
export type SmsTestResult = Schemas["SmsTestResult"];
