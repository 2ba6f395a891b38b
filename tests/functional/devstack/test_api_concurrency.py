"""The local API under concurrent requests to different functions: each function reads its own
request. Powertools keeps the event it resolves on its router class, which every function's resolver
shares in the one local process; devstack.powertools_threads keeps it on each resolver too."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from convertly.platform.api import ConvertlyResolver
from devstack.api_server import ApiServer
from tests.functional.conftest import Account, Api
from tests.functional.pipelines.test_stage_change import create, pipeline, stage_id

ROUNDS = 40


@pytest.fixture(scope="module")
def served(api: Api) -> Iterator[str]:
    import app as gateway

    server = ApiServer("127.0.0.1", 0, app=gateway.app)
    server.start()
    yield server.url
    server.stop()


def test_creating_and_moving_leads_at_once_never_mixes_their_bodies(
    api: Api, tenant: Account, served: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    qualified = stage_id(pipeline(api, tenant), "Qualified")
    leads = [create(api, tenant, first_name=f"Mover {n}") for n in range(ROUNDS)]
    headers = {"Authorization": f"Bearer {tenant.token}"}
    # A busy machine: each resolver pauses between taking its event and reading it
    resolve = ConvertlyResolver._resolve

    def paused(self: ConvertlyResolver) -> Any:
        time.sleep(0.02)
        return resolve(self)

    monkeypatch.setattr(ConvertlyResolver, "_resolve", paused)

    def create_one(n: int) -> tuple[int, Any]:
        body = {"first_name": "Parallel", "last_name": str(n), "email": f"p{n}@example.com"}
        answer = requests.post(f"{served}/leads", json=body, headers=headers, timeout=60)
        return answer.status_code, answer.json()

    def move_one(n: int) -> tuple[int, Any]:
        lead = leads[n]
        body = {"stage_id": qualified, "version": lead["version"]}
        answer = requests.post(
            f"{served}/leads/{lead['lead_id']}/stage", json=body, headers=headers, timeout=60
        )
        return answer.status_code, answer.json()

    # When leads are created (the leads function) while others move (stage_change), on 8 threads
    with ThreadPoolExecutor(8) as pool:
        futures = [(pool.submit(create_one, n), pool.submit(move_one, n)) for n in range(ROUNDS)]
        answers = [c.result() for c, _ in futures], [m.result() for _, m in futures]
    # Then every request was answered for its own body
    assert [status for status, _ in answers[0]] == [201] * ROUNDS, answers[0]
    assert [status for status, _ in answers[1]] == [200] * ROUNDS, answers[1]
    assert sorted(body["last_name"] for _, body in answers[0]) == sorted(str(n) for n in range(ROUNDS))
    assert {body["stage_id"] for _, body in answers[1]} == {qualified}
