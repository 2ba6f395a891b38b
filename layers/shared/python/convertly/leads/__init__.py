"""Leads: CRUD, notes, search, the timeline, and the lead writes other capabilities share."""
