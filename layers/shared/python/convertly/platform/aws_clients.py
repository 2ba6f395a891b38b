"""One boto3 client per AWS service for the life of an execution environment.

Building a client costs milliseconds of CPU (botocore loads and builds the service's model and its
event handlers), and the gateways that call Cognito, KMS, SES and EventBridge are made per request.
Each takes its client from here: made once, then shared (boto3's clients are thread-safe), and
registered once with the SnapStart restore hook (`snapstart.keep_client`), which keeps the clients it
is given for the life of the process. A client is made again only for another region or endpoint
(tests that point the settings elsewhere).
"""

from __future__ import annotations

import functools
import os
from typing import Any

import boto3

from convertly.platform.config import get_settings
from convertly.platform.snapstart import keep_client


def aws_client(service: str) -> Any:
    """The shared client for `service` in the settings' region (and AWS_ENDPOINT_URL, when set)."""
    return _client(service, get_settings().aws_region, os.environ.get("AWS_ENDPOINT_URL", ""))


@functools.cache
def _client(service: str, region: str, endpoint: str) -> Any:
    return keep_client(boto3.client(service, region_name=region))  # boto3 reads AWS_ENDPOINT_URL itself
