"""What other capabilities may ask of automation: put a lead or contact in a published workflow
(a bulk action's "add to workflow").

The one door into automation from elsewhere (import-linter checks it)."""

from __future__ import annotations

from convertly.automation.use_cases import enrol_record, published_workflow

__all__ = ["enrol_record", "published_workflow"]
