"""The local mail sink, as the browser tests read it: the sign-in link and temporary password of an
invitation (a team's, or the partner program's welcome)."""

from __future__ import annotations

import re
from typing import Any

from tests.e2e.waiting import eventually, sink_messages

# An invitation goes out with the stack's next mail run; generous for a busy machine.
INVITATION_WITHIN_S = 150.0


def sign_in_mail(stack: dict[str, Any], email: str, subject: str, link_label: str) -> tuple[str, str]:
    """The link after `link_label` and the temporary password of the mail to `email` whose subject has
    `subject`."""
    mail = eventually(
        lambda: next((m for m in sink_messages(stack) if email in m["to"] and subject in m["subject"]), None),
        f"the email to {email} ({subject})",
        timeout=INVITATION_WITHIN_S,
    )
    link = re.search(rf"{re.escape(link_label)} (\S+)", mail["text"])
    password = re.search(r"Temporary password: (\S+)", mail["text"])
    assert link and password, mail["text"]
    return link.group(1), password.group(1)
