"""Search terms of a lead: the person's name, email and phone (convertly.platform.terms folds them)."""

from __future__ import annotations

from convertly.platform.terms import MAX_TERM, person_terms, query_prefix

__all__ = ["MAX_TERM", "lead_terms", "query_prefix"]

lead_terms = person_terms
