"""The base of Convertly's API shapes: a Pydantic model whose schema is built on first use.

A function imports whole domain modules but a cold start serves one route, which validates or
serialises a few of their models. Building every model's validator and serializer at import would
lengthen every cold start (bench/imports.py); with `defer_build` a model is built the first time it
validates, serialises or describes itself (the OpenAPI document), so a cold start builds only the
models its route uses. Validation is the same either way. A SnapStart function builds every model it
has loaded before its snapshot (`build_loaded_models`), so a restored environment builds none.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from convertly.platform import snapstart


class DomainModel(BaseModel):
    model_config = ConfigDict(defer_build=True)


@snapstart.warm
def build_loaded_models() -> int:
    """Build every DomainModel loaded so far that is not built yet; how many were built."""
    built = 0
    pending: list[type[BaseModel]] = list(DomainModel.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if not model.__pydantic_complete__ and model.model_rebuild(raise_errors=False):
            built += 1
    return built
