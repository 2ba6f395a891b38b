"""The local mail sink, as the browser tests read it: the messages it received, and the sign-in link
and temporary password of an invitation (a team's, or the partner program's welcome)."""

from __future__ import annotations

import json
import re
import time
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def eventually(probe: Callable[[], T | None], what: str, timeout: float = 150.0) -> T:
    """Poll until `probe` finds something (mail waits for the stack's next mail run)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = probe()
        if found is not None:
            return found
        time.sleep(1.0)
    raise AssertionError(f"timed out waiting for {what}")


def sink_messages(stack: dict[str, Any]) -> list[dict[str, Any]]:
    with urllib.request.urlopen(f"{stack['mail_url']}api/messages", timeout=30) as response:  # noqa: S310
        messages: list[dict[str, Any]] = json.loads(response.read())
    return messages


def sign_in_mail(stack: dict[str, Any], email: str, subject: str, link_label: str) -> tuple[str, str]:
    """The link after `link_label` and the temporary password of the mail to `email` whose subject has
    `subject`."""
    mail = eventually(
        lambda: next((m for m in sink_messages(stack) if email in m["to"] and subject in m["subject"]), None),
        f"the email to {email} ({subject})",
    )
    link = re.search(rf"{re.escape(link_label)} (\S+)", mail["text"])
    password = re.search(r"Temporary password: (\S+)", mail["text"])
    assert link and password, mail["text"]
    return link.group(1), password.group(1)
