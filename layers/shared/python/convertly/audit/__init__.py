"""Audit: the tenant audit log, one entry per domain event."""
