"""Pipelines' API shapes: pipelines and stages, the board, stage moves."""
