"""The media library on moto: a file goes up with a presigned POST (its type fixed by its extension,
its size capped by the policy), "complete" checks the object and records it once, the library lists
newest first and searches by name, renames keep the extension, links open or download it, a delete
removes the object too; limits answer 422 in words; another tenant's file is a 404."""

from __future__ import annotations

from typing import Any

import requests

from convertly.media import files
from convertly.platform import uploads
from tests.functional.conftest import Account, Api, LocalAws, invite, sign_up
from tests.functional.media.support import PDF, post_to_s3, start, upload


def _stored(object_key: str) -> Any:
    return uploads.head(object_key)


def test_a_file_is_uploaded_completed_once_and_listed_newest_first(api: Api, tenant: Account) -> None:
    # Given the form for a PDF
    status, started = start(api, tenant, "Spring brochure.pdf", len(PDF))
    assert status == 201, started
    assert started["content_type"] == "application/pdf"
    assert started["upload"]["fields"]["Content-Type"] == "application/pdf"
    assert started["upload"]["max_bytes"] == files.MAX_BYTES

    # When it is completed before the file is sent, it is refused; after, it is added once
    status, early = api.call("POST", f"/media/{started['media_id']}/complete", token=tenant.token)
    assert status == 409 and early["error"]["code"] == "upload_not_received"
    assert post_to_s3(started["upload"], "Spring brochure.pdf", PDF) == 201
    status, added = api.call("POST", f"/media/{started['media_id']}/complete", token=tenant.token)
    assert status == 201, added
    status, again = api.call("POST", f"/media/{started['media_id']}/complete", token=tenant.token)
    assert status == 200 and again == added

    # Then it is a file of the library, as S3 holds it, under the tenant's prefix
    assert added["name"] == "Spring brochure.pdf" and added["kind"] == "pdf"
    assert added["size_bytes"] == len(PDF) and added["created_by_name"] == "Ada Admin"
    later = upload(api, tenant, "logo.png", b"\x89PNG\r\n\x1a\n....")
    status, page = api.call("GET", "/media", token=tenant.token)
    assert [f["name"] for f in page["items"]] == ["logo.png", "Spring brochure.pdf"]
    assert page["next_cursor"] is None
    status, first = api.call("GET", "/media?limit=1", token=tenant.token)
    assert [f["media_id"] for f in first["items"]] == [later["media_id"]] and first["next_cursor"]
    status, rest = api.call("GET", f"/media?limit=1&cursor={first['next_cursor']}", token=tenant.token)
    assert [f["media_id"] for f in rest["items"]] == [added["media_id"]]

    # And the search finds it by any part of its name, whatever the case
    status, found = api.call("GET", "/media?q=BROCH", token=tenant.token)
    assert [f["media_id"] for f in found["items"]] == [added["media_id"]]


def test_a_file_is_renamed_linked_and_deleted_with_its_object(api: Api, tenant: Account) -> None:
    added = upload(api, tenant)
    status, renamed = api.call("PATCH", f"/media/{added['media_id']}", {"name": "Offer 2026"}, tenant.token)
    assert status == 200 and renamed["name"] == "Offer 2026.pdf"

    status, link = api.call("GET", f"/media/{added['media_id']}/link", token=tenant.token)
    assert status == 200
    downloaded = requests.get(link["url"], timeout=30)
    assert downloaded.status_code == 200 and downloaded.content == PDF
    assert "attachment" in downloaded.headers["Content-Disposition"]
    assert "Offer%202026.pdf" in downloaded.headers["Content-Disposition"]
    status, inline = api.call("GET", f"/media/{added['media_id']}/link?inline=true", token=tenant.token)
    assert requests.get(inline["url"], timeout=30).headers["Content-Disposition"].startswith("inline")

    key = files.object_key(tenant.tenant_id, added["media_id"], "Brochure.pdf")
    assert _stored(key) is not None
    assert api.call("DELETE", f"/media/{added['media_id']}", token=tenant.token)[0] == 204
    assert _stored(key) is None
    assert api.call("GET", f"/media/{added['media_id']}", token=tenant.token)[0] == 404
    status, gone = api.call("DELETE", f"/media/{added['media_id']}", token=tenant.token)
    assert status == 404 and gone["error"]["code"] == "media_not_found"


def test_types_sizes_and_empty_files_are_refused_in_words(api: Api, tenant: Account) -> None:
    status, refused = start(api, tenant, "setup.exe", 100)
    assert status == 422 and refused["error"]["code"] == "unsupported_file"
    assert "“setup.exe” cannot go in the media library" in refused["error"]["message"]
    status, refused = start(api, tenant, "drawing.svg", 100)
    assert status == 422 and refused["error"]["code"] == "unsupported_file"
    status, refused = start(api, tenant, "huge.pdf", 12 * 1024 * 1024)
    assert status == 422 and refused["error"]["code"] == "file_too_large"
    assert refused["error"]["message"] == "This file is 12 MB; a file in the media library is at most 10 MB"
    status, refused = start(api, tenant, "empty.txt", 0)
    assert status == 422 and refused["error"]["code"] == "empty_file"


def test_s3_refuses_more_than_the_form_allows_and_complete_refuses_another_type(
    api: Api, aws: LocalAws, tenant: Account
) -> None:
    # Given a form for a small text file
    status, started = start(api, tenant, "notes.txt", 10)
    assert status == 201
    form = started["upload"]
    key = form["fields"]["key"]

    # When something else is put there (not through the form: another type), complete refuses it
    aws.client("s3").put_object(
        Bucket=uploads.bucket(), Key=key, Body=b"MZ....", ContentType="application/x-exe"
    )
    status, refused = api.call("POST", f"/media/{started['media_id']}/complete", token=tenant.token)
    assert status == 422 and refused["error"]["code"] == "unsupported_file"
    # Then the object is gone and the upload with it: nothing of it is in the library
    assert _stored(key) is None
    assert api.call("POST", f"/media/{started['media_id']}/complete", token=tenant.token)[0] == 404
    assert api.call("GET", "/media", token=tenant.token)[1]["items"] == []


def test_another_tenants_files_are_not_found_and_roles_are_kept(api: Api, tenant: Account) -> None:
    added = upload(api, tenant)
    other = sign_up(api, "Elsewhere Inc")
    path = f"/media/{added['media_id']}"
    for method, route, body in (
        ("GET", path, None),
        ("GET", f"{path}/link", None),
        ("PATCH", path, {"name": "Mine now"}),
        ("DELETE", path, None),
        ("POST", f"{path}/complete", None),
    ):
        status, refused = api.call(method, route, body, other.token)
        assert status == 404, (method, route, refused)
    assert api.call("GET", "/media", token=other.token)[1]["items"] == []
    assert api.call("GET", path, token=tenant.token)[1]["name"] == "Brochure.pdf"

    # Sales (who email) read the library and change nothing; Staff (who do not) read nothing
    sales = invite(api, tenant, "Sales", "Sam")
    assert api.call("GET", path, token=sales.token)[0] == 200
    assert api.call("DELETE", path, token=sales.token)[0] == 403
    assert start(api, sales, "x.pdf", 10)[0] == 403
    staff = invite(api, tenant, "Staff", "Stu")
    assert api.call("GET", "/media", token=staff.token)[0] == 403
