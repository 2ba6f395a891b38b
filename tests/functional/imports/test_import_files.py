"""What a file can be: each encoding, separator and Excel is read alike; each bad file is refused
with a message a person can act on, and nothing of it is imported."""

from __future__ import annotations

import io

import pytest

from convertly.platform import uploads
from tests.functional.conftest import Account, Api, LocalAws
from tests.functional.imports.support import get, notify_runner, post_file, upload

PEOPLE = 'Name;E-mail\r\nJosé Müller;jose@example.com\r\n"Smith, ""Jo""\nSecond line";jo@example.com\r\n'


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "E-mail"])
    sheet.append(["José Müller", "jose@example.com"])
    sheet.append(['Smith, "Jo"\nSecond line', "jo@example.com"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("utf8.csv", PEOPLE.encode("utf-8")),
        ("bom.csv", PEOPLE.encode("utf-8-sig")),
        ("windows.csv", PEOPLE.encode("cp1252")),
        ("utf16.csv", PEOPLE.replace(";", "\t").encode("utf-16")),
        ("people.xlsx", _xlsx()),
    ],
)
def test_every_encoding_separator_and_excel_reads_the_same(
    api: Api, aws: LocalAws, tenant: Account, name: str, content: bytes
) -> None:
    imported = upload(api, aws, tenant, name, content)
    assert imported["status"] == "ready", imported
    assert imported["header"] == ["Name", "E-mail"]
    assert imported["sample"] == [
        ["José Müller", "jose@example.com"],
        ['Smith, "Jo"\nSecond line', "jo@example.com"],
    ]
    assert imported["counts"]["rows_total"] == 2 and imported["proposed"] == ["name", "email"]


@pytest.mark.parametrize(
    ("name", "content", "code", "words"),
    [
        ("blank.csv", b"   \r\n\r\n", "empty_file", "empty"),
        ("header.csv", b"Name,Email\r\n", "header_only", "no data rows"),
        (
            "wide.csv",
            (",".join(f"c{n}" for n in range(10_000)) + "\r\n" + "x," * 9_999 + "x\r\n").encode(),
            "too_many_columns",
            "10,000 columns",
        ),
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "not_a_spreadsheet", "not a CSV"),
        ("mixed.csv", "Name\r\nJosé\r\n".encode() + b"Ren\xe9\r\n", "mixed_encoding", "UTF-8"),
        ("fake.xlsx", b"PK\x03\x04" + b"\x00" * 200, "unreadable_workbook", "Excel"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason_and_cannot_start(
    api: Api, aws: LocalAws, tenant: Account, name: str, content: bytes, code: str, words: str
) -> None:
    imported = upload(api, aws, tenant, name, content)
    assert (imported["status"], imported["problem_code"]) == ("rejected", code), imported
    assert words.lower() in imported["problem"].lower()
    status, body = api.call(
        "POST", f"/imports/{imported['import_id']}/start", {"mapping": ["email"]}, tenant.token
    )
    assert status == 409 and body["error"]["code"] == "import_not_ready"
    assert imported["problem"] in body["error"]["message"]


def test_a_file_over_the_limit_is_refused_before_and_after_the_upload(
    api: Api, aws: LocalAws, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = {"file_name": "huge.csv", "size_bytes": 300 * 1024 * 1024}
    status, refused = api.call("POST", "/imports", body, tenant.token)
    assert status == 422 and refused["error"]["code"] == "file_too_large"
    assert "300 MB" in refused["error"]["message"] and "50 MB" in refused["error"]["message"]
    for wrong in ({"file_name": "notes.pdf", "size_bytes": 10}, {"file_name": "x.csv", "size_bytes": 0}):
        assert api.call("POST", "/imports", wrong, tenant.token)[0] == 422
    # A browser that lied about the size: the runner measures the object itself
    created, _ = post_file(api, tenant, "liar.csv", b"Email\r\n" + b"a@example.com\r\n" * 20)
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    notify_runner(aws)
    checked = get(api, tenant, created["import_id"])
    assert (checked["status"], checked["problem_code"]) == ("rejected", "file_too_large")


def test_an_import_nobody_uploaded_to_can_be_cancelled(api: Api, aws: LocalAws, tenant: Account) -> None:
    status, created = api.call("POST", "/imports", {"file_name": "x.csv", "size_bytes": 10}, tenant.token)
    assert status == 201 and created["status"] == "awaiting_upload"
    assert set(created["upload"]["fields"]) >= {"key", "policy"}
    assert created["upload"]["fields"]["key"].endswith(f"/{created['import_id']}/source")
    status, cancelled = api.call("POST", f"/imports/{created['import_id']}/cancel", token=tenant.token)
    assert status == 200 and cancelled["status"] == "cancelled"
    listed = api.call("GET", "/imports?status=cancelled", token=tenant.token)[1]["items"]
    assert [i["import_id"] for i in listed] == [created["import_id"]]
