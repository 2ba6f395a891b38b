// The dashboard API's shapes: GET /analytics/dashboard (every tile's figures and the viewer's layout)
// and PUT /analytics/dashboard/layout.

import type { Schemas } from "../../api/contract";

/** Every tile's figures over the last 30 days; money in minor units (cents) of `range.currency`. */
export type Dashboard = Schemas["Dashboard"];
/** The viewer's tiles in order, and the ones they hid. */
export type DashboardLayout = Schemas["DashboardLayout"];
export type DashboardLayoutUpdate = Schemas["DashboardLayoutUpdate"];
export type TileId = DashboardLayout["order"][number];
export type FunnelReport = Schemas["FunnelReport"];
export type FunnelStage = Schemas["FunnelStage"];
export type StageSlice = Schemas["StageSlice"];
export type SourceSlice = Schemas["SourceSlice"];
export type DueCount = Schemas["DueCount"];
export type AttributionModel = Schemas["Model"];
