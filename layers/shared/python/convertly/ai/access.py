"""Whether a tenant may use AI now, in one place: its plan (Professional: 402 with the plan that has
it), its switch (Settings > AI: 409 `ai_disabled` while an Admin has turned it off), and for what asks
the model, this installation's key (503 `ai_not_configured`) and the month's token budget (402
`ai_budget_exhausted`). The learned score needs neither a key nor a budget: it never asks the model."""

from __future__ import annotations

from convertly.ai import keys, usage
from convertly.ai.items import AiSettingsItem
from convertly.ai.openai_gateway import api_key
from convertly.billing import service as billing
from convertly.billing.service import Plan
from convertly.platform.errors import ConflictError, ServiceUnavailableError


def switch_of(tenant_id: str) -> AiSettingsItem | None:
    try:
        return AiSettingsItem.get(keys.tenant_ai(tenant_id), keys.SETTINGS_SK)
    except AiSettingsItem.DoesNotExist:
        return None


def enabled(tenant_id: str) -> bool:
    switch = switch_of(tenant_id)
    return switch is None or bool(switch.enabled)


def require_ai(tenant_id: str, what: str, *, asks_model: bool) -> Plan:
    """The tenant's plan, once AI is allowed (`asks_model`: and the model may be asked now)."""
    plan = billing.plan_of(tenant_id)  # one read of the billing item, for the feature and the budget
    if not plan.has(billing.Feature.AI):
        billing.require_feature(tenant_id, billing.Feature.AI, what)  # the 402 naming the plan that has it
    if not enabled(tenant_id):
        raise ConflictError(
            "AI is turned off for this workspace. An Admin can turn it on in Settings > AI.",
            code="ai_disabled",
        )
    if asks_model:
        require_model(tenant_id, plan)
    return plan


def require_model(tenant_id: str, plan: Plan) -> None:
    """503 without this installation's key, 402 once the month's tokens reach the plan's budget."""
    if not api_key():
        raise ServiceUnavailableError(
            "AI summaries and questions are not set up on this Convertly installation: it has no "
            "OpenAI API key. Scores still work.",
            code="ai_not_configured",
        )
    usage.check_budget(tenant_id, plan.limits.ai_tokens_per_month)
