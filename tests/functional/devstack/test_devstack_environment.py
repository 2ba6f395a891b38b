"""The local stack's functions are told the API's own URL (PUBLIC_API_URL), as the deployed mail senders
are told the stage's: an email's List-Unsubscribe then names the API's one-click route."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from convertly.notifications.senders import UNSUBSCRIBE_PATH
from devstack.process import StackProcess


@pytest.fixture
def ready(tmp_path: Path) -> Iterator[dict[str, Any]]:
    # No demo seed: only the environment and the API matter here; the stack's log, to say why if not
    log_path = tmp_path / "stack.log"
    with log_path.open("w") as log:
        process = StackProcess(tmp_path / "state", env={"DEVSTACK_SEED": "false"}, log=log)
        try:
            yield {**process.start(timeout=90), "log_path": log_path}
        finally:
            process.stop()


def _one_click(url: str) -> tuple[int, str]:
    """A mail app's one-click unsubscribe (RFC 8058): a form POST of List-Unsubscribe=One-Click."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=10)
    try:
        connection.request(
            "POST",
            parts.path,
            body="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_the_local_functions_know_the_apis_url_and_the_one_click_route_answers_there(
    ready: dict[str, Any],
) -> None:
    # Given a running local stack (its ports chosen at start: the API's is a free one, not 8000)
    environment = ready["env"]

    # When we read the environment the stack exported for its functions
    public_api_url = environment.get("PUBLIC_API_URL")

    # Then it names the running API, and a mail app's one-click POST of a link there reaches the
    # unsubscribe function (a token this platform did not sign: its 404 page)
    assert public_api_url == ready["api_url"]
    status, page = _one_click(f"{public_api_url}{UNSUBSCRIBE_PATH}not-a-token")
    assert status == 404, ready["log_path"].read_text()[-4000:]
    assert "This link is not valid" in page
