"""Helpers of the team tests: the invitation mail in the tenant's outbox, accepting an invitation."""

from __future__ import annotations

import re
from typing import Any

from convertly.accounts import keys
from convertly.accounts.items import UserItem
from convertly.notifications import keys as mail_keys
from convertly.notifications.items import MailItem
from convertly.platform.store import keys as platform_keys
from tests.functional.conftest import Account, Api, unique_email

NEW_PASSWORD = "My-Own-Password-7"


def invitation_mails(tenant_id: str, email: str) -> list[MailItem]:
    """The invitation emails queued for `email`, oldest first."""
    mails = MailItem.query(mail_keys.mail_outbox(tenant_id), consistent_read=True)
    found = [m for m in mails if m.kind == "invitation" and m.to_address == email]
    return sorted(found, key=lambda m: (m.created_at, m.mail_id))


def temporary_password(mail: MailItem) -> str:
    match = re.search(r"Temporary password: (\S+)", str(mail.body))
    assert match, mail.body
    return match.group(1)


def invite_by_mail(
    api: Api, admin: Account, role: str = "Sales", name: str = "Ivy Invitee"
) -> tuple[str, str, str]:
    """Invite someone without a password: (email, user id, temporary password from the mail)."""
    email = unique_email("invitee")
    status, body = api.call("POST", "/users", {"email": email, "name": name, "role": role}, admin.token)
    assert status == 201, body
    assert body["status"] == "invited"
    mails = invitation_mails(admin.tenant_id, email)
    assert len(mails) == 1
    return email, body["user_id"], temporary_password(mails[0])


def accept(api: Api, email: str, temporary: str, password: str = NEW_PASSWORD) -> dict[str, Any]:
    """Sign in with the temporary password, answer the challenge; the tokens."""
    status, challenge = api.call("POST", "/auth/login", {"email": email, "password": temporary})
    assert status == 200, challenge
    assert challenge["challenge"] == "NEW_PASSWORD_REQUIRED"
    status, tokens = api.call(
        "POST", "/auth/password/new", {"email": email, "session": challenge["session"], "password": password}
    )
    assert status == 200, tokens
    return tokens


def user_record(tenant_id: str, user_id: str) -> UserItem:
    return UserItem.get(platform_keys.tenant(tenant_id), keys.user_sk(user_id), consistent_read=True)


def login(api: Api, email: str, password: str) -> tuple[int, Any]:
    return api.call("POST", "/auth/login", {"email": email, "password": password})
