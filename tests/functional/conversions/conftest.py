"""The conversion tests' fixtures: the ad platform fakes (started once, reset for each test) and a
tenant whose Google Ads and Meta settings are saved (a New York time zone, so conversion times show
their offset)."""

from __future__ import annotations

import pytest

from devstack.ad_fakes import AdFakes
from tests.functional.conftest import Account, Api, LocalAws, sign_up
from tests.functional.conversions.conversions_support import configure, shared_fakes


@pytest.fixture
def ads(aws: LocalAws) -> AdFakes:
    return shared_fakes(aws)


@pytest.fixture
def account(api: Api, ads: AdFakes) -> Account:
    account = sign_up(api, "Summit Roofing")
    configure(api, account, timezone="America/New_York")
    return account
