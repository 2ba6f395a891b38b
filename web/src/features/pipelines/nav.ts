import { Permission, type FeatureNav } from "../../auth/permissions";

export const pipelinesNav: FeatureNav = {
  nav: [{ label: "Pipeline", to: "/pipeline", permission: Permission.leadsRead, icon: "pipeline" }],
  pages: [{ pattern: /^\/pipeline\/?$/, permissions: [Permission.leadsRead, Permission.pipelinesRead] }],
  settings: [{ label: "Pipelines", to: "/settings/pipelines", permission: Permission.pipelinesManage }],
};
