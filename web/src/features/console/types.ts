// The platform console API's shapes: the tenants directory, one tenant's health, the platform's own
// users, and the requests that change them.

import type { ListQueryOf, Schemas } from "../../api/contract";

export type TenantRow = Schemas["TenantRow"];
export type TenantList = Schemas["TenantList"];
/** GET /platform/tenants/{tenant_id}: the row plus billing, team, conversions health, queues and held events. */
export type TenantDetail = Schemas["TenantDetail"];
export type TenantBilling = Schemas["Billing"];
export type TeamMember = Schemas["TeamMember"];
export type ConversionFailure = Schemas["ConversionFailure"];
export type QueueHealth = Schemas["QueueHealth"];
/** GET /platform/tenants's filters (without the paging). */
export type TenantsQuery = ListQueryOf<"/platform/tenants">;
export type Suspension = Schemas["Suspension"];
export type TrialExtension = Schemas["TrialExtension"];

/** GET /platform/users: Convertly's own staff. */
export type PlatformTeam = Schemas["Team"];
export type PlatformInvite = Schemas["PlatformInvite"];
export type PlatformRole = PlatformInvite["role"];
export type PlatformRoleChange = Schemas["PlatformRoleChange"];
export type InvitedUser = Schemas["User"];
