"""One TransactWriteItems call, with a label per item so a cancellation says which condition failed."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from pynamodb.connection import Connection
from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from convertly.platform.config import get_settings
from convertly.platform.errors import ConflictError
from convertly.platform.snapstart import after_restore, close_connections


@lru_cache(maxsize=1)
def connection() -> Connection:
    settings = get_settings()
    return Connection(region=settings.aws_region, host=settings.aws_endpoint_url)


@after_restore
def _close_connections() -> None:
    """After a SnapStart restore: the transactions' client keeps its model, not its sockets."""
    if connection.cache_info().currsize:
        close_connections(getattr(connection(), "_client", None))


class TransactionCancelledError(Exception):
    """The transaction wrote nothing; `failed` holds the labels of the items whose condition failed,
    `items` the stored item (DynamoDB JSON) of each failed one that was written with `return_old`."""

    def __init__(self, failed: list[str], items: dict[str, dict[str, Any]] | None = None):
        super().__init__(f"transaction cancelled by: {', '.join(failed) or 'unknown'}")
        self.failed = failed
        self.items = items or {}


_ORDER = ("check", "delete", "put", "update")  # the order PynamoDB sends the items in


class Transaction:
    """Collects writes, then commits them all or none in one TransactWriteItems."""

    def __init__(self) -> None:
        self._ops: dict[str, list[tuple[str, Callable[[TransactWrite], None]]]] = {
            kind: [] for kind in _ORDER
        }

    def check(
        self, label: str, model_cls: type[Model], hash_key: str, range_key: str, condition: Condition
    ) -> None:
        self._ops["check"].append(
            (label, lambda tx: tx.condition_check(model_cls, hash_key, range_key, condition=condition))
        )

    def put(
        self, label: str, model: Model, condition: Condition | None = None, *, return_old: bool = False
    ) -> None:
        """`return_old`: if the condition fails, the cancellation carries the stored item."""
        returns = "ALL_OLD" if return_old else None
        self._ops["put"].append(
            (label, lambda tx: tx.save(model, condition=condition, return_values=returns))
        )

    def update(
        self,
        label: str,
        model: Model,
        actions: list[Any],
        condition: Condition | None = None,
        *,
        return_old: bool = False,
    ) -> None:
        returns = "ALL_OLD" if return_old else None
        self._ops["update"].append(
            (label, lambda tx: tx.update(model, actions=actions, condition=condition, return_values=returns))
        )

    def delete(self, label: str, model: Model, condition: Condition | None = None) -> None:
        self._ops["delete"].append((label, lambda tx: tx.delete(model, condition=condition)))

    def __len__(self) -> int:
        return sum(len(ops) for ops in self._ops.values())

    def commit(self) -> None:
        labels = [label for kind in _ORDER for label, _ in self._ops[kind]]
        try:
            with TransactWrite(connection=connection()) as tx:
                for kind in _ORDER:
                    for _, op in self._ops[kind]:
                        op(tx)
        except TransactWriteError as error:
            reasons = error.cancellation_reasons
            if any(reason is not None and reason.code == "TransactionConflict" for reason in reasons):
                raise ConflictError(
                    "Another change to the same record was in progress; try again", code="write_conflict"
                ) from error
            failed = [
                label
                for label, reason in zip(labels, reasons, strict=False)
                if reason is not None and reason.code == "ConditionalCheckFailed"
            ]
            if not failed:
                raise
            items = {
                label: reason.raw_item
                for label, reason in zip(labels, reasons, strict=False)
                if reason is not None and reason.code == "ConditionalCheckFailed" and reason.raw_item
            }
            raise TransactionCancelledError(failed, items) from error
