import { Permission, type FeatureNav } from "../../auth/permissions";

// A Settings tab: the media library (whoever sends email reads it; Admins and Managers change it).
export const mediaNav: FeatureNav = {
  settings: [{ label: "Media", to: "/settings/media", permission: Permission.mediaRead }],
};
