"""Leads' API shapes: leads, notes, sources and the timeline."""
