import { Permission, type FeatureNav } from "../../../auth/permissions";

// The partner portal (the Affiliate role): its sidebar entries and what each page needs. Every page
// under /affiliate is the signed-in partner's own (the API answers their figures only).
export const affiliatePortalNav: FeatureNav = {
  nav: [
    { label: "Partner dashboard", to: "/affiliate/dashboard", permission: Permission.affiliatePortal, icon: "partner" },
    { label: "Links", to: "/affiliate/links", permission: Permission.affiliatePortal, icon: "conversions" },
    { label: "Referrals", to: "/affiliate/referrals", permission: Permission.affiliatePortal, icon: "leads" },
    { label: "Commissions", to: "/affiliate/commissions", permission: Permission.affiliatePortal, icon: "reports" },
    { label: "Payouts", to: "/affiliate/payouts", permission: Permission.affiliatePortal, icon: "billing", matchPrefix: true },
    { label: "Payout settings", to: "/affiliate/settings", permission: Permission.affiliatePortal, icon: "settings" },
    { label: "Marketing assets", to: "/affiliate/assets", permission: Permission.affiliatePortal, icon: "forms" },
  ],
  pages: [{ pattern: /^\/affiliate(\/.*)?$/, permissions: [Permission.affiliatePortal] }],
};
