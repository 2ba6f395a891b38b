"""Webhook signing secrets: the tenant's (outbound webhooks) and each inbound hook's.

Sealed with KMS (`convertly.platform.secret_box`, purpose `webhooks`), so a secret copied into
another tenant's item does not open. The tenant's is made on first use (the first delivery, or an
Admin revealing it). Rotating keeps the value it replaces valid for 24 hours: outbound deliveries
carry a signature with each meanwhile, and an inbound hook accepts either.

The item is read on every use (one GetItem), so a rotation holds at once in every container; only
the KMS Decrypt of a given ciphertext is kept per warm container.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError, UpdateError

from convertly.automation import keys
from convertly.automation.items import WebhookSecretItem
from convertly.automation.signing import ROTATION_GRACE, SecretRing, new_secret
from convertly.platform.clock import iso, parse_iso
from convertly.platform.clock import now as clock_now
from convertly.platform.secret_box import KmsSecretBox, SecretBox

PURPOSE = "webhooks"


class SecretOpener:
    """Opens sealed secrets, keeping each plaintext for the container's life (it never changes)."""

    def __init__(self, box: SecretBox | None = None) -> None:
        self._box = box
        self._opened: dict[tuple[str, str], str] = {}

    @property
    def box(self) -> SecretBox:
        if self._box is None:
            self._box = KmsSecretBox()
        return self._box

    def open(self, sealed: str, tenant_id: str) -> str:
        key = (tenant_id, sealed)
        if key not in self._opened:
            self._opened[key] = self.box.open(sealed, tenant_id, PURPOSE)
        return self._opened[key]

    def seal(self, plaintext: str, tenant_id: str) -> str:
        sealed = self.box.seal(plaintext, tenant_id, PURPOSE)
        self._opened[(tenant_id, sealed)] = plaintext
        return sealed

    def ring(self, item: WebhookSecretItem, tenant_id: str) -> SecretRing:
        previous = self.open(str(item.previous_sealed), tenant_id) if item.previous_sealed else None
        until = parse_iso(str(item.previous_until)) if item.previous_until else None
        return SecretRing(self.open(str(item.sealed), tenant_id), previous, until)


def get_secret_item(partition: str, sort: str) -> WebhookSecretItem | None:
    try:
        return WebhookSecretItem.get(partition, sort, consistent_read=True)
    except WebhookSecretItem.DoesNotExist:
        return None


def new_secret_item(
    partition: str, sort: str, tenant_id: str, opener: SecretOpener, at: str
) -> WebhookSecretItem:
    return WebhookSecretItem(partition, sort, sealed=opener.seal(new_secret(), tenant_id), created_at=at)


def tenant_secret_item(tenant_id: str, opener: SecretOpener) -> WebhookSecretItem:
    """The tenant's outbound signing secret, made now if it has none (two first uses at once make one)."""
    partition, sort = keys.webhooks(tenant_id), keys.WEBHOOK_SECRET_SK
    found = get_secret_item(partition, sort)
    if found is not None:
        return found
    item = new_secret_item(partition, sort, tenant_id, opener, iso())
    try:
        item.save(condition=WebhookSecretItem.PK.does_not_exist())
        return item
    except PutError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
    made = get_secret_item(partition, sort)
    assert made is not None
    return made


def rotate(item: WebhookSecretItem, tenant_id: str, opener: SecretOpener, by: str) -> WebhookSecretItem:
    """A new secret; the one it replaces stays valid for ROTATION_GRACE. Rotating again within that
    time ends the older value at once. Conditional on the secret read, so two rotations at once
    leave one: the loser reads the winner's."""
    at = clock_now()
    replaced = str(item.sealed)
    actions: list[Any] = [
        WebhookSecretItem.sealed.set(opener.seal(new_secret(), tenant_id)),
        WebhookSecretItem.previous_sealed.set(replaced),
        WebhookSecretItem.previous_until.set(iso(at + ROTATION_GRACE)),
        WebhookSecretItem.rotated_at.set(iso(at)),
        WebhookSecretItem.rotated_by.set(by),
    ]
    try:
        item.update(actions=actions, condition=WebhookSecretItem.sealed == replaced)
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
        current = get_secret_item(str(item.PK), str(item.SK))
        assert current is not None
        return current
    return item


def previous_valid_until(item: WebhookSecretItem, now: datetime | None = None) -> str | None:
    """When the replaced secret stops being valid, while it still is."""
    until = item.previous_until
    if not (until and item.previous_sealed):
        return None
    return str(until) if parse_iso(str(until)) > (now or clock_now()) else None
