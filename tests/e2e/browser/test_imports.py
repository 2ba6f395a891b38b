"""Settings > Imports in the browser, against the running stack: a CSV with every kind of problem is
previewed, uploaded straight to S3, checked by the runner, mapped, run with a progress bar; the
problems file lists each bad row with its reason; undo deletes what the import created. A file that
is not a spreadsheet is refused with a reason."""

from __future__ import annotations

import csv
import io
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.browser.api import Account
from tests.e2e.browser.conftest import log_in, main_nav


def open_imports(page: Page, account: Account | None = None) -> None:
    if account is not None:
        log_in(page, account.email, account.password)
    main_nav(page).get_by_role("link", name="Settings").click()
    page.get_by_role("navigation", name="Settings").get_by_role("link", name="Imports").click()
    expect(page.get_by_role("heading", name="Imports", exact=True)).to_be_visible()


def problem_file(tmp_path: Path, tag: str) -> Path:
    rows = [
        ["Full name", "Email", "Phone", "Stage", "Deal value", "Notes"],
        [f"Ada {tag}", f"ada.{tag}@example.com", "+1 415 555 0134", "Contacted", "$1,250.50", "good"],
        [f"Bob {tag}", "bob@", "", "", "", "invalid email"],
        [f"Cy {tag}", f"cy.{tag}@example.com", "12", "", "", "invalid phone"],
        [f"Dee {tag}", f"dee.{tag}@example.com", "", "No Such Stage", "", "unknown stage"],
        [f"Ada again {tag}", f"ADA.{tag}@example.com", "", "", "", "duplicate in file"],
        ["", "", "", "", "", ""],
        [f"Eve {tag}", f"eve.{tag}@example.com", "", "", "abc", "bad value"],
        ['=HYPERLINK("http://evil.test","x")', f"fm.{tag}@example.com", "", "", "", "formula as text"],
    ]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path = tmp_path / f"leads {tag}.csv"
    path.write_bytes(out.getvalue().encode("cp1252"))  # a Windows-1252 export with semicolons
    return path


def test_a_csv_with_problems_is_mapped_imported_reported_and_undone(
    page: Page, account: Account, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    open_imports(page, account)
    page.get_by_role("link", name="Import a file").first.click()
    page.get_by_test_id("import-file-input").set_input_files(str(problem_file(tmp_path, tag)))

    # The browser previews the first rows while the file uploads; then the server's check maps it
    expect(page.get_by_test_id("import-preview")).to_contain_text(f"Ada {tag}")
    mapping = page.get_by_test_id("import-mapping")
    expect(mapping).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("map-0")).to_have_value("name")
    expect(page.get_by_test_id("map-1")).to_have_value("email")
    expect(page.get_by_test_id("map-3")).to_have_value("stage")
    expect(page.get_by_test_id("map-4")).to_have_value("value")
    page.get_by_test_id("map-5").select_option("")  # the notes stay out
    page.get_by_test_id("option-creates").get_by_label("Contacts, each with a lead").check()
    page.get_by_test_id("start-import").click()

    # It runs with a progress bar, then reports
    report = page.get_by_test_id("import-report")
    expect(report).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("count-created")).to_contain_text("2")
    expect(page.get_by_test_id("count-leads_created")).to_contain_text("2")
    expect(page.get_by_test_id("count-failed")).to_contain_text("4")
    expect(page.get_by_test_id("count-skipped")).to_contain_text("1")

    # The problems file: each bad row, its outcome and reason, then the row as it was
    with page.expect_download() as download:
        page.get_by_test_id("download-problems").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    reasons = {row[0]: row[2] for row in rows[1:]}
    assert reasons["3"].startswith("invalid email"), reasons
    assert reasons["4"].startswith("invalid phone"), reasons
    assert reasons["5"].startswith("unknown stage"), reasons
    assert "duplicate in file" in reasons["6"], reasons
    assert reasons["8"].startswith("value is not an amount"), reasons

    # The formula came in as text, and the imported leads are on the lead list
    main_nav(page).get_by_role("link", name="Leads").click()
    expect(page.get_by_role("row").filter(has_text=f"Ada {tag}")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text='=HYPERLINK("http://evil.test","x")')).to_be_visible()

    # Undo deletes what it created
    page.go_back()
    expect(report).to_be_visible()
    page.get_by_test_id("undo-import").click()
    page.get_by_test_id("confirm-dialog").click()
    expect(page.get_by_test_id("undone-note")).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("undone-note")).to_contain_text("2 contacts")
    main_nav(page).get_by_role("link", name="Leads").click()
    expect(page.get_by_role("heading", name="Leads", exact=True)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=f"Ada {tag}")).to_have_count(0)

    # The import is in the list with its counts
    open_imports(page)
    row = page.get_by_test_id("import-row").filter(has_text=f"leads {tag}.csv")
    expect(row).to_be_visible()
    expect(row.get_by_test_id("import-status")).to_contain_text("Undone")


def test_a_file_that_is_not_a_spreadsheet_is_refused_with_a_reason(
    page: Page, account: Account, tmp_path: Path
) -> None:
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    open_imports(page, account)
    page.get_by_role("link", name="Import a file").first.click()
    page.get_by_test_id("import-file-input").set_input_files(str(junk))
    rejected = page.get_by_test_id("import-rejected")
    expect(rejected).to_be_visible(timeout=30_000)
    expect(rejected).to_contain_text("not a CSV")
    expect(page.get_by_role("link", name="Choose another file")).to_be_visible()
