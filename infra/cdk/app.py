"""CDK entry point: `python infra/cdk/app.py` synthesizes the Convertly stack into ./cdk.out."""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))
# The manifest and resource definitions live in the shared layer's package; when it is not installed
# (a bare `python infra/cdk/app.py` outside the venv), read it from the source tree.
sys.path.append(str(_HERE.parents[1] / "layers" / "shared" / "python"))

from convertly_infra.application import build_app  # noqa: E402


def main() -> None:
    app, _ = build_app()
    try:
        app.synth()
    except RuntimeError as error:
        # cdk-nag and CloudFormation validation print their report above; the JS stack adds nothing.
        if "ValidationFailed" not in str(error):
            raise
        sys.exit(f"Synth failed: {error}")


if __name__ == "__main__":
    main()
