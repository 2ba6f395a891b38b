"""Loading a Lambda function's handler the way the Lambda runtime does, and calling it."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import Any

from convertly.resources import FUNCTIONS
from devstack.apigw import LocalLambdaContext
from devstack.settings import REPO_ROOT

Handler = Callable[[dict[str, Any], Any], Any]


def handler_exists(function: str) -> bool:
    return (REPO_ROOT / "functions" / function / "handler.py").is_file()


# One import at a time: the API server, the consumers and the schedules load their functions on their
# own threads, and two threads importing the same package for the first time (Powertools' utilities)
# can see it half made (a KeyError from importlib). Each Lambda imports alone; here they take turns.
_IMPORTS = threading.RLock()


def load_handler(function: str) -> Handler:
    """functions/<function>/handler.py's `handler`, the module the Lambda runs."""
    with _IMPORTS:
        module = importlib.import_module(f"functions.{function}.handler")
    handler: Handler = module.handler
    return handler


def lambda_context(function: str) -> LocalLambdaContext:
    """A fresh context (new request id, full time budget) for one invocation."""
    timeout = next((spec.timeout_seconds for spec in FUNCTIONS if spec.name == function), 30)
    return LocalLambdaContext(f"convertly-{function}", timeout_ms=timeout * 1000)


class LazyHandler:
    """Imports the handler on first use, as a Lambda cold start does, so a broken import fails the
    invocation (and the batch is retried) instead of the whole stack."""

    def __init__(self, function: str, loader: Callable[[str], Handler] = load_handler) -> None:
        self._function = function
        self._loader = loader
        self._handler: Handler | None = None

    def __call__(self, event: dict[str, Any], context: Any) -> Any:
        if self._handler is None:
            self._handler = self._loader(self._function)
        return self._handler(event, context)
