"""The base of Convertly's API shapes: a Pydantic model whose schema is built on first use.

A function imports whole domain modules but a cold start serves one route, which validates or
serialises a few of their models. Building every model's validator and serializer at import would
lengthen every cold start (bench/imports.py); with `defer_build` a model is built the first time it
validates, serialises or describes itself (the OpenAPI document), so a cold start builds only the
models its route uses. Validation is the same either way.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class DomainModel(BaseModel):
    model_config = ConfigDict(defer_build=True)
