"""Where a webhook may go: HTTPS on AWS, never a private, loopback or link-local address (literal or
resolved), and the local stack's receivers when it allows them. How an answer is judged, and the
backoff between attempts."""

from __future__ import annotations

import pytest

from convertly.automation.webhook_delivery import (
    BACKOFF_SECONDS,
    MAX_ATTEMPTS,
    Answer,
    backoff_seconds,
    classify,
)
from convertly.automation.webhooks import UrlPolicy, private_address, url_problem
from convertly.resources import CONSUMERS

AWS = UrlPolicy(https_only=True, allow_private=False)
LOCAL = UrlPolicy(https_only=False, allow_private=True)


def public(host: str, port: int) -> list[str]:
    return ["93.184.215.14"]


def test_a_public_https_url_is_fine() -> None:
    assert (
        url_problem("https://hooks.example.com/convertly?x=1", policy=AWS, resolve=True, resolver=public)
        is None
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://hooks.example.com/in", "https:// URL"),
        ("ftp://hooks.example.com/in", "full URL"),
        ("https:///nohost", "full URL"),
        ("https://user:pass@hooks.example.com/in", "user name and password"),
        ("https://hooks.example.com:99999/in", "not valid"),
    ],
)
def test_the_shape_of_a_url_is_checked(url: str, problem: str) -> None:
    found = url_problem(url, policy=AWS)
    assert found is not None and problem in found


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/in",
        "https://10.0.0.8/in",
        "https://172.16.4.2/in",
        "https://192.168.1.10/in",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/in",
        "https://0.0.0.0/in",
        "https://[::1]/in",
        "https://[fe80::1]/in",
        "https://[fd00::1]/in",
        "https://[::ffff:127.0.0.1]/in",
        "https://localhost/in",
        "https://api.localhost/in",
        "https://printer.local/in",
        "https://db.internal/in",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url: str) -> None:
    found = url_problem(url, policy=AWS)
    assert found is not None and ("public" in found or "local" in found)


def test_a_name_that_resolves_to_a_private_address_is_refused_when_resolved() -> None:
    def rebinding(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "10.1.2.3"]

    assert url_problem("https://sneaky.example.com/in", policy=AWS) is None  # not resolved at save time
    found = url_problem("https://sneaky.example.com/in", policy=AWS, resolve=True, resolver=rebinding)
    assert found == "sneaky.example.com resolves to a private address, which webhooks may not reach"


def test_a_name_that_does_not_resolve_is_refused_when_resolved() -> None:
    def nothing(host: str, port: int) -> list[str]:
        raise OSError("no such host")

    found = url_problem("https://nowhere.example.com/in", policy=AWS, resolve=True, resolver=nothing)
    assert found == "The host name nowhere.example.com does not resolve"


def test_the_local_stack_may_post_to_its_own_machine_over_http() -> None:
    assert url_problem("http://127.0.0.1:8123/hook", policy=LOCAL) is None
    assert url_problem("http://localhost:8123/hook", policy=LOCAL) is None
    # still not a URL with credentials
    assert url_problem("http://a:b@127.0.0.1:8123/hook", policy=LOCAL) is not None


def test_public_addresses_are_public() -> None:
    assert not private_address("93.184.215.14")
    assert not private_address("2606:2800:220:1:248:1893:25c8:1946")
    assert private_address("::ffff:10.0.0.1")
    assert private_address("224.0.0.1")


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (200, "delivered"),
        (204, "delivered"),
        (299, "delivered"),
        (408, "retrying"),
        (429, "retrying"),
        (500, "retrying"),
        (503, "retrying"),
        (None, "retrying"),
        (400, "failed"),
        (401, "failed"),
        (404, "failed"),
        (410, "failed"),
        (301, "failed"),
    ],
)
def test_answers_are_delivered_retried_or_failed_for_good(status: int | None, outcome: str) -> None:
    judged = classify(Answer(status, error="No answer within 10 s" if status is None else None))
    assert judged.kind == outcome
    if status == 410:
        assert judged.error is not None and "gone" in judged.error


def test_the_backoff_is_one_minute_five_thirty_two_hours_eight_hours() -> None:
    assert [backoff_seconds(n) for n in range(1, 7)] == [60, 300, 1800, 7200, 28800, 28800]
    assert len(BACKOFF_SECONDS) == MAX_ATTEMPTS - 1


def test_the_queue_gives_up_where_the_sender_does() -> None:
    [spec] = [c for c in CONSUMERS if c.function == "webhook_sender"]
    assert spec.max_receive_count == MAX_ATTEMPTS
    assert spec.queue == "convertly-webhooks" and spec.dead_letter_queue == "convertly-webhooks-dlq"
    assert "WebhookQueued" in spec.rule.detail_types
