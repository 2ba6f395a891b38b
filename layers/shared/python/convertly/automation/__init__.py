"""Automation: workflows (a trigger, filters, steps with if/else branches and waits) that run for
contacts and leads, their enrolments and history, and the manual actions they hand to people."""
