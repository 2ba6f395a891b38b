"""Billing: the plans, usage against their limits, the tenant's subscription and the Stripe adapter."""
