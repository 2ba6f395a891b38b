"""What the media library takes: the type from the extension (never SVG or HTML), the size limit in
words, a file's key under its tenant's prefix, safe whatever its name, and a rename keeping the
extension."""

from __future__ import annotations

import pytest

from convertly.media import files


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Brochure.PDF", ("application/pdf", "pdf")),
        ("logo.png", ("image/png", "image")),
        ("photo.JPEG", ("image/jpeg", "image")),
        (
            "price list.xlsx",
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "spreadsheet"),
        ),
        ("notes.txt", ("text/plain", "text")),
        ("rows.csv", ("text/csv", "text")),
        (
            "deck.pptx",
            ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "presentation"),
        ),
    ],
)
def test_a_file_type_is_read_from_its_extension(name: str, expected: tuple[str, str]) -> None:
    assert files.type_of(name) == expected


@pytest.mark.parametrize("name", ["drawing.svg", "page.html", "setup.exe", "archive.zip", "README", ".pdf"])
def test_types_a_preview_could_run_or_that_are_not_documents_are_refused(name: str) -> None:
    assert files.type_of(name) is None


def test_a_files_key_is_under_its_tenants_prefix_with_a_safe_name() -> None:
    key = files.object_key("T1", "M1", "Brochure (v2) für Kunden/../x.pdf")

    assert key.startswith("tenants/T1/media/M1/")
    name = key.rsplit("/", 1)[1]
    assert name.endswith(".pdf") and ".." not in name and " " not in name and "/" not in name
    assert files.safe_name("¿¿.png") == "file.png"
    assert len(files.safe_name("a" * 300 + ".docx")) == 100


def test_a_rename_keeps_the_extension_and_sizes_read_as_people_say_them() -> None:
    assert files.with_extension("Spring offer", "brochure.pdf") == "Spring offer.pdf"
    assert files.with_extension("Spring offer.pdf", "brochure.pdf") == "Spring offer.pdf"
    assert files.megabytes(10 * 1024 * 1024) == "10 MB"
    assert files.megabytes(1572864) == "1.5 MB"
    assert files.megabytes(3 * 1024 * 1024) == "3 MB"


def test_a_shown_name_has_no_path_separators_or_control_characters() -> None:
    assert files.display_name("../reports/Q1\\summary.pdf") == "..-reports-Q1-summary.pdf"
    assert files.display_name("Offer\u0007\n.pdf") == "Offer.pdf"
    assert files.display_name("   ") == "file"
