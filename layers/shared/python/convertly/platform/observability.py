"""One Logger, Tracer and Metrics for every function, and the one decorator stack they all wear."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.metrics.functions import is_metrics_disabled

logger = Logger()
# Patch only the AWS SDK: patching every library X-Ray knows (the default) imports them all at cold start.
tracer = Tracer(patch_modules=("botocore",))
metrics = Metrics(namespace="Convertly")

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["MetricUnit", "instrumented", "logger", "metrics", "tracer"]


def instrumented(correlation_id_path: str | None = None) -> Callable[[F], F]:
    """Logger context (with correlation id), tracing and metrics, in the same order for every handler."""

    def decorate(handler: F) -> F:
        # Powertools writes the cold-start metric even with metrics disabled (local stack, tests).
        wrapped = metrics.log_metrics(capture_cold_start_metric=not is_metrics_disabled())(handler)
        wrapped = tracer.capture_lambda_handler(wrapped)
        wrapped = logger.inject_lambda_context(correlation_id_path=correlation_id_path, clear_state=True)(
            wrapped
        )
        return cast(F, wrapped)

    return decorate
