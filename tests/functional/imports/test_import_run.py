"""An import end to end on moto: upload, inspection, mapping, the run a chunk per message, the
report, the problems file, undo."""

from __future__ import annotations

import csv
import io

import pytest
import requests

from convertly.imports import run
from tests.functional.conftest import Account, Api, LocalAws, sign_up
from tests.functional.imports.support import Outbox, csv_bytes, get, start, upload

HEADER = ["Full name", "Email", "Phone", "Company", "Tags"]


def test_a_contacts_file_is_inspected_mapped_and_imported_with_a_report(
    api: Api, aws: LocalAws, tenant: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "CHUNK", 2)  # several chunks: the continuation and checkpoint run
    rows = [
        HEADER,
        ["Ada Lovelace", "ada@example.com", "+44 20 7946 0018", "Analytical", "vip; 2026"],
        ["Bob Broken", "bob@", "", "", ""],
        ["Cy Copy", "ADA@example.com", "", "", ""],
        ["Dee Phone", "", "(415) 555-0134", "", ""],
        ['=HYPERLINK("http://x")', "eve@example.com", "", "", ""],
    ]
    imported = upload(api, aws, tenant, "people.csv", csv_bytes(rows))
    assert imported["status"] == "ready", imported
    assert imported["header"] == HEADER and imported["counts"]["rows_total"] == 5
    assert imported["proposed"] == ["name", "email", "phone", "company", "tags"]
    start(api, tenant, imported["import_id"], imported["proposed"], default_country="US")
    outbox = Outbox(aws, tenant.tenant_id)
    assert outbox.deliver() == 3  # 5 rows, 2 per chunk
    done = get(api, tenant, imported["import_id"])
    assert done["status"] == "done", done
    counts = done["counts"]
    assert (counts["rows_read"], counts["created"], counts["skipped"], counts["failed"]) == (5, 3, 1, 1)
    assert done["problem_rows"] == 2 and done["undo_until"]
    # The problems file: the row, what happened, why, then the row as it was
    status, link = api.call("GET", f"/imports/{imported['import_id']}/problems", token=tenant.token)
    assert status == 200 and link["rows"] == 2
    text = requests.get(link["url"], timeout=30).content.decode("utf-8")
    records = list(csv.reader(io.StringIO(text)))
    assert records[0][:3] == ["Row", "Outcome", "Reason"]
    assert [(r[0], r[1]) for r in records[1:]] == [("3", "failed"), ("4", "skipped")]
    assert records[1][2].startswith("invalid email") and "duplicate in file" in records[2][2]
    # The contacts exist, the formula is kept as text
    status, page = api.call("GET", "/contacts?limit=100", token=tenant.token)
    names = sorted(c["name"] for c in page["items"])
    assert "Ada Lovelace" in names and '=HYPERLINK("http://x")' in names and "Dee Phone" in names
    ada = next(c for c in page["items"] if c["name"] == "Ada Lovelace")
    assert ada["phone"] == "+442079460018" and ada["tags"] == ["vip", "2026"]
    # Undo deletes what it created
    status, undoing = api.call("POST", f"/imports/{imported['import_id']}/undo", token=tenant.token)
    assert status == 202 and undoing["status"] == "undoing"
    outbox.deliver()
    undone = get(api, tenant, imported["import_id"])
    assert undone["status"] == "undone" and undone["undone_contacts"] == 3
    page = api.call("GET", "/contacts?limit=100", token=tenant.token)[1]
    assert not {"Ada Lovelace", "Dee Phone"} & {c["name"] for c in page["items"]}
    other = sign_up(api, "Other Imports")
    assert api.call("GET", f"/imports/{imported['import_id']}", token=other.token)[0] == 404
