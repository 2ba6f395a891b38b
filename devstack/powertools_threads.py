"""Powertools' REST resolver in the local stack's one process: each resolver keeps the event it resolves
on itself.

On Lambda a process runs one function and serves one request at a time. Powertools relies on that: it
puts the event being resolved on its router class (`BaseRouter.current_event`, `lambda_context`), which
every resolver of the process reads through `self.current_event`. Locally every function shares one
process and the API serves requests on threads, so two functions resolving at once would read each
other's request. `apply()` sets the event on the resolver instance as well, where those reads find it
first; the class attribute is still set, as Powertools does. A function still serves one request at a
time (app.py's lock per function), as one warm container would.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler.api_gateway import ApiGatewayResolver
from aws_lambda_powertools.utilities.data_classes.common import BaseProxyEvent

_MARK = "_convertly_per_resolver"


def apply() -> None:
    """Patch ApiGatewayResolver.resolve once per process."""
    original = ApiGatewayResolver.resolve
    if getattr(original, _MARK, False):
        return

    def resolve(self: ApiGatewayResolver, event: Any, context: Any) -> dict[str, Any]:
        raw = event.raw_event if isinstance(event, BaseProxyEvent) else event
        self.current_event = self._to_proxy_event(raw)
        self.lambda_context = context
        try:
            return original(self, event, context)
        finally:
            self.__dict__.pop("current_event", None)
            self.__dict__.pop("lambda_context", None)

    setattr(resolve, _MARK, True)
    ApiGatewayResolver.resolve = resolve  # type: ignore[method-assign]
