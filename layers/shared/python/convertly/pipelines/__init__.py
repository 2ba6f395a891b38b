"""Pipelines: pipelines and stages, the board and its counters, stage change and stage deletion."""
