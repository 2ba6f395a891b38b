"""The media library in functional tests: a file uploaded as the browser does (the upload form, a
presigned POST to moto's S3, then "complete"), and the tenant's queued mail sent to a sink as the
reminder run sends it."""

from __future__ import annotations

from typing import Any

import requests

from convertly.notifications.items import MailItem
from convertly.notifications.mail_outbox import deliver
from convertly.notifications.senders import Senders
from convertly.platform.clock import now
from convertly.platform.mail.transport import SmtpTransport
from tests.functional.automation.support import mails
from tests.functional.conftest import Account, Api

PDF = b"%PDF-1.7\n% a small brochure\n"


def start(api: Api, account: Account, name: str, size: int) -> tuple[int, Any]:
    return api.call("POST", "/media/uploads", {"file_name": name, "size_bytes": size}, account.token)


def post_to_s3(form: dict[str, Any], name: str, content: bytes) -> int:
    response = requests.post(form["url"], data=form["fields"], files={"file": (name, content)}, timeout=30)
    return response.status_code


def upload(api: Api, account: Account, name: str = "Brochure.pdf", content: bytes = PDF) -> dict[str, Any]:
    """A file in the library: the form asked for, the bytes posted to S3, the upload completed."""
    status, started = start(api, account, name, len(content))
    assert status == 201, started
    assert post_to_s3(started["upload"], name, content) == 201
    status, added = api.call("POST", f"/media/{started['media_id']}/complete", token=account.token)
    assert status == 201, added
    return dict(added)


def deliver_queued(tenant_id: str, smtp_port: int) -> list[str]:
    """Send the tenant's pending mail as the reminder run would, over SMTP to a sink on `smtp_port`;
    each email's outcome (sent, failed, retry)."""
    senders = Senders(platform=lambda: SmtpTransport("127.0.0.1", smtp_port, "none", name="platform_smtp"))
    pending: list[MailItem] = [m for m in mails(tenant_id) if m.status == "pending"]
    return [deliver(item, senders, "test-run", now()) for item in pending]
