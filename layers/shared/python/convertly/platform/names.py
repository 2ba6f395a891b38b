"""Names that the resource definitions and the running functions must agree on.

Kept apart from convertly.resources (read by CDK and the local stack) so that a function reads these
few strings without building every resource definition at cold start.
"""

from __future__ import annotations

# The user pool's custom attribute holding a user's tenant; tokens carry it as `custom:tenant_id`.
TENANT_ATTRIBUTE = "tenant_id"
TENANT_CLAIM = f"custom:{TENANT_ATTRIBUTE}"
# The `source` of every domain event Convertly puts on its bus; the rules match on it.
EVENT_SOURCE = "convertly.crm"
