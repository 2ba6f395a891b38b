"""Per-tenant secrets (a form's captcha secret, later ad platform tokens) sealed with KMS.

The ciphertext is bound to its tenant through the encryption context, so one tenant's sealed secret
copied into another tenant's record does not open. Plaintext is never logged and never returned.
"""

from __future__ import annotations

import base64
from abc import ABC, abstractmethod
from typing import Any

from convertly.platform.aws_clients import aws_client
from convertly.platform.config import get_settings


class SecretBox(ABC):
    @abstractmethod
    def seal(self, plaintext: str, tenant_id: str, purpose: str) -> str:
        """The ciphertext (base64) of `plaintext`, bound to the tenant and purpose."""

    @abstractmethod
    def open(self, sealed: str, tenant_id: str, purpose: str) -> str:
        """The plaintext of what `seal` returned for the same tenant and purpose."""


class KmsSecretBox(SecretBox):
    """KMS Encrypt/Decrypt with the secrets key and an encryption context of tenant and purpose."""

    def __init__(self, client: Any = None, key_id: str | None = None):
        settings = get_settings()
        self._client = client or aws_client("kms")
        self._key_id = key_id or settings.secrets_key_id

    def seal(self, plaintext: str, tenant_id: str, purpose: str) -> str:
        response = self._client.encrypt(
            KeyId=self._key_id,
            Plaintext=plaintext.encode("utf-8"),
            EncryptionContext={"tenant_id": tenant_id, "purpose": purpose},
        )
        return base64.b64encode(response["CiphertextBlob"]).decode("ascii")

    def open(self, sealed: str, tenant_id: str, purpose: str) -> str:
        response = self._client.decrypt(
            CiphertextBlob=base64.b64decode(sealed),
            EncryptionContext={"tenant_id": tenant_id, "purpose": purpose},
        )
        plaintext: bytes = response["Plaintext"]
        return plaintext.decode("utf-8")
