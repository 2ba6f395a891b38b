"""The AI capability: the learned win-probability score with its reasons, lead summaries and pipeline
questions answered through the tenant's own reports (docs/ai.md)."""
