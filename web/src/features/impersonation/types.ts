// The view-as (impersonation) API's shapes: the view's token, and the view as GET /me describes it.

import type { Schemas } from "../../api/contract";

/** POST /team/{user_id}/impersonate and POST /platform/tenants/{tenant_id}/impersonate (201): the
 * view's token, sent as `Authorization: Bearer <token>` instead of the ID token (no refresh). */
export type ViewAs = Schemas["ViewAs"];
export type ViewAsRequest = Schemas["ViewAsRequest"];
/** GET /me's `impersonation` while viewing as someone (null for one's own session). */
export type Impersonation = Schemas["Impersonation"];
export type MessageResponse = Schemas["Message"];
