"""A missing object in the uploads bucket, as S3 answers it to a function that may read the key but not
list the bucket (403) and to one that may (404): both are "not there"; any other refusal is raised."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from botocore.stub import Stubber

from convertly.platform import uploads


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stubber]:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setattr(uploads, "bucket", lambda: "convertly-uploads-test")
    uploads._s3.cache_clear()
    with Stubber(uploads._s3()) as stubber:
        yield stubber
    uploads._s3.cache_clear()


@pytest.mark.parametrize("code", ["403", "AccessDenied", "404", "NoSuchKey"])
def test_a_key_with_nothing_there_reads_as_absent(s3: Stubber, code: str) -> None:
    key = "tenants/T1/media/M1/brochure.pdf"
    s3.add_client_error(
        "head_object", service_error_code=code, http_status_code=int(code) if code.isdigit() else 403
    )
    s3.add_client_error(
        "get_object", service_error_code=code, http_status_code=404 if "4" not in code else 403
    )
    assert uploads.head(key) is None
    assert uploads.read_bytes(key) is None


def test_another_refusal_is_raised(s3: Stubber) -> None:
    s3.add_client_error("head_object", service_error_code="SlowDown", http_status_code=503)
    with pytest.raises(uploads._s3().exceptions.ClientError):
        uploads.head("tenants/T1/media/M1/brochure.pdf")
