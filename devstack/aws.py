"""boto3 clients for the local moto endpoint."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

from devstack.settings import REGION

# moto answers in milliseconds; fail fast instead of retrying for long when something is wrong.
_CONFIG = Config(retries={"max_attempts": 2, "mode": "standard"}, connect_timeout=5, read_timeout=30)


class LocalAws:
    """Makes clients bound to one moto endpoint.

    Create clients from one thread (a boto3 session is not thread-safe); the clients themselves may
    then be used from the worker threads they are handed to.
    """

    def __init__(self, endpoint_url: str, region: str = REGION) -> None:
        self.endpoint_url = endpoint_url
        self.region = region
        self._session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region
        )

    def client(self, service: str) -> Any:
        return self._session.client(service, endpoint_url=self.endpoint_url, config=_CONFIG)
