"""Analytics: revenue by source, campaign and ad under six attribution models, the funnel, stage
velocity, revenue over time with a forecast, the agent report, conversions health and the dashboard.

Every report reads pre-aggregated cells (docs/analytics.md defines each figure, docs/data-model.md the
items). A lead's contribution to the cells is computed from the lead as it is now, each time an event
about it arrives, and only the difference is written: redelivered and out-of-order events change
nothing more, and a rebuild from the items gives exactly the live cells.
"""
