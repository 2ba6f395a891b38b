"""One concise log format on stdout for the runner's own messages."""

from __future__ import annotations

import logging
import sys


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        level=level,
        stream=sys.stdout,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
        force=True,
    )
    # Library INFO lines (credential lookups, retries, settings files) drown out the stack's own.
    for noisy in ("botocore", "boto3", "urllib3", "pynamodb"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
