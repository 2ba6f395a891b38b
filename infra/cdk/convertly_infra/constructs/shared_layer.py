"""The shared Lambda layer: the convertly package and, once built, its third-party dependencies."""

from __future__ import annotations

from pathlib import Path

from aws_cdk import Annotations
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from ..constants import (
    AI_LAYER_BUILD_DIR,
    AI_LAYER_SOURCE_DIR,
    ARCHITECTURE,
    ASSET_EXCLUDES,
    LAYER_BUILD_DIR,
    LAYER_SOURCE_DIR,
    RUNTIME,
)


def layer_asset_dir(build_dir: Path = LAYER_BUILD_DIR, source_dir: Path = LAYER_SOURCE_DIR) -> Path:
    """The built layer when `make layer` has run; otherwise the code only, so synth never needs a network."""
    return build_dir if build_dir.is_dir() else source_dir


def _layer(scope: Construct, asset: Path, description: str) -> lambda_.LayerVersion:
    """A layer for the functions' runtime and architecture (python/ at the asset root, as Lambda expects)."""
    return lambda_.LayerVersion(
        scope,
        "Layer",
        code=lambda_.Code.from_asset(str(asset), exclude=ASSET_EXCLUDES),
        compatible_runtimes=[RUNTIME],
        compatible_architectures=[ARCHITECTURE],
        description=description,
    )


def _warn_unbuilt(scope: Construct, warning: str, message: str) -> None:
    Annotations.of(scope).add_warning_v2(warning, f"{message} Run `make layer` before deploying.")


class SharedLayer(Construct):
    """One LayerVersion every function uses."""

    def __init__(self, scope: Construct, construct_id: str, *, asset_dir: Path | None = None) -> None:
        super().__init__(scope, construct_id)
        asset = asset_dir or layer_asset_dir()
        if asset != LAYER_BUILD_DIR:
            _warn_unbuilt(
                self,
                "convertly:layer-without-dependencies",
                f"{LAYER_BUILD_DIR} does not exist: the layer holds only the convertly package.",
            )
        self.layer = _layer(self, asset, "Convertly shared code: domain, services, data access, adapters")


class AiLayer(Construct):
    """The OpenAI SDK and its packages, for the functions that ask the model (their spec's `openai_key`)
    only: every other function's bundle stays without them. `make layer` builds it into build/ai-layer."""

    def __init__(self, scope: Construct, construct_id: str, *, asset_dir: Path | None = None) -> None:
        super().__init__(scope, construct_id)
        asset = asset_dir or layer_asset_dir(AI_LAYER_BUILD_DIR, AI_LAYER_SOURCE_DIR)
        if asset != AI_LAYER_BUILD_DIR:
            _warn_unbuilt(
                self,
                "convertly:ai-layer-without-dependencies",
                f"{AI_LAYER_BUILD_DIR} does not exist: the AI layer holds no packages and the functions "
                "that ask the model cannot import the OpenAI SDK.",
            )
        self.layer = _layer(self, asset, "Convertly AI: the OpenAI SDK, for the functions that ask the model")
