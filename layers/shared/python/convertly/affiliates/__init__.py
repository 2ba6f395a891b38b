"""The affiliate program: applications, referral links and clicks, attributed sign-ups, commissions
from Stripe invoices, payouts, the partner portal and its console (docs/affiliates.md)."""
