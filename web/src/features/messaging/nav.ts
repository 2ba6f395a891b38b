import { Permission, type FeatureNav } from "../../auth/permissions";

// Settings tabs: the email and SMS templates (whoever sends reads them; Admins and Managers write them),
// and SMS (the account's Twilio account: Admins). A new template's editor is for those who write them; a
// saved one opens for every reader (to preview).
export const messagingNav: FeatureNav = {
  settings: [
    { label: "Templates", to: "/settings/templates", permission: Permission.templatesRead },
    { label: "SMS", to: "/settings/sms", permission: Permission.smsSettingsManage },
  ],
  pages: [
    { pattern: /^\/settings\/templates\/new\/?$/, permissions: [Permission.templatesManage] },
    { pattern: /^\/settings\/templates\/[^/]+\/?$/, permissions: [Permission.templatesRead] },
  ],
};
