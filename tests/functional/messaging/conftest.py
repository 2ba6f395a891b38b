"""The SMS tests' fixtures: the Twilio fake, emptied for each test."""

from __future__ import annotations

import pytest

from devstack.fakes.twilio import TwilioFake
from tests.functional.conftest import LocalAws
from tests.functional.messaging.sms_support import shared_twilio


@pytest.fixture
def twilio(aws: LocalAws) -> TwilioFake:
    return shared_twilio(aws)
