import { Permission, type FeatureNav } from "../../auth/permissions";

export const conversionsNav: FeatureNav = {
  nav: [{ label: "Conversions", to: "/conversions", permission: Permission.conversionsRead, icon: "conversions" }],
  pages: [{ pattern: /^\/conversions\/?$/, permissions: [Permission.conversionsRead] }],
  settings: [{ label: "Ad platforms", to: "/settings/ad-platforms", permission: Permission.adsSettings }],
};
