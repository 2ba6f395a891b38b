"""The tokens a tenant's AI requests use, per calendar month (UTC), against its plan's budget.

Each answer adds its prompt and completion tokens with one UpdateItem (ADD, so concurrent answers
never lose a count). A request is refused before it reaches the model once the month's tokens have
reached the budget: 402 `ai_budget_exhausted`, with the budget, what was used and when it resets.
A request already under way finishes, so a month can end slightly over its budget, never far.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from convertly.ai import keys
from convertly.ai.items import AiUsageItem
from convertly.platform.clock import now
from convertly.platform.errors import PaymentRequiredError


def month_of(moment: datetime | None = None) -> str:
    return (moment or now()).strftime("%Y-%m")


def _next_month(month: str) -> str:
    year, number = (int(part) for part in month.split("-"))
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}-01"


@dataclass(frozen=True)
class MonthUsage:
    month: str
    prompt_tokens: int
    completion_tokens: int
    requests: int

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


def of_month(tenant_id: str, month: str | None = None) -> MonthUsage:
    month = month or month_of()
    try:
        item = AiUsageItem.get(keys.tenant_ai(tenant_id), keys.usage_sk(month), consistent_read=True)
    except AiUsageItem.DoesNotExist:
        return MonthUsage(month, 0, 0, 0)
    return MonthUsage(
        month, int(item.prompt_tokens or 0), int(item.completion_tokens or 0), int(item.requests or 0)
    )


def record(tenant_id: str, prompt_tokens: int, completion_tokens: int) -> None:
    month = month_of()
    item = AiUsageItem(keys.tenant_ai(tenant_id), keys.usage_sk(month))
    item.update(
        actions=[
            AiUsageItem.type.set(AiUsageItem),  # an upsert: the first answer of the month creates it
            AiUsageItem.month.set(month),
            AiUsageItem.prompt_tokens.add(max(0, prompt_tokens)),
            AiUsageItem.completion_tokens.add(max(0, completion_tokens)),
            AiUsageItem.requests.add(1),
        ]
    )


def check_budget(tenant_id: str, budget: int) -> MonthUsage:
    """The month's usage, or 402 when it has reached `budget` tokens."""
    spent = of_month(tenant_id)
    if spent.tokens >= budget:
        resets = _next_month(spent.month)
        raise PaymentRequiredError(
            f"This workspace has used its AI budget for the month ({spent.tokens:,} of {budget:,} "
            f"tokens). It renews on {resets}.",
            code="ai_budget_exhausted",
            details={"budget": budget, "used": spent.tokens, "month": spent.month, "resets_on": resets},
        )
    return spent
