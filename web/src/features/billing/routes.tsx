import type { RouteObject } from "react-router";
import { BillingPage } from "./BillingPage";

export const billingRoutes: RouteObject[] = [{ path: "/billing", element: <BillingPage /> }];
