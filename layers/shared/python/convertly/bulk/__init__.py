"""Bulk actions: one change to many leads or contacts (selected, or every one a filter matches),
recorded, run in the background beyond 100 records, idempotent per request key."""
