"""Benchmarks that print ratios and counts (`python -m bench`), never timed assertions."""
