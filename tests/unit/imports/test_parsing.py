"""Uploads as a normalised UTF-8 CSV, and that CSV read back in chunks: plain functions, no AWS."""

from __future__ import annotations

import codecs
import csv
import io
import os
import random
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO, cast

import pytest

from convertly.imports import parsing
from convertly.imports.parsing import (
    BLOCK,
    Chunk,
    FileProblem,
    Normalised,
    Row,
    normalise,
    read_chunk,
    safe_cell,
    write_csv,
)


class OneWayStream:
    """An upload as S3 hands it over: read-only, not seekable, at most `step` bytes per read."""

    def __init__(self, data: bytes, step: int | None = None) -> None:
        self._data = data
        self._position = 0
        self._step = step
        self.sizes: list[int] = []  # every size asked for

    @property
    def bytes_read(self) -> int:
        return self._position

    def read(self, size: int = -1) -> bytes:
        self.sizes.append(size)
        end = len(self._data) if size < 0 else self._position + size
        if self._step is not None:
            end = min(end, self._position + self._step)
        chunk = self._data[self._position : end]
        self._position += len(chunk)
        return chunk

    def seekable(self) -> bool:
        return False

    def binary(self) -> BinaryIO:
        """As the functions take it (an S3 StreamingBody is no BinaryIO either, only reads like one)."""
        return cast(BinaryIO, self)


def run(data: bytes, *, file_name: str = "people.csv", step: int | None = None) -> tuple[Normalised, bytes]:
    target = io.BytesIO()
    result = normalise(OneWayStream(data, step).binary(), target, file_name=file_name)
    return result, target.getvalue()


def records(output: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(output.decode("utf-8"), newline="")))


def problem(data: bytes, *, file_name: str = "people.csv") -> FileProblem:
    with pytest.raises(FileProblem) as raised:
        run(data, file_name=file_name)
    return raised.value


# Encodings


def test_utf8_is_copied_with_its_accents() -> None:
    result, output = run("Name,Email\nJosé Müller,jose@example.com\n北京,b@example.com\n".encode())

    assert result.format == "csv"
    assert result.encoding == "utf-8"
    assert result.delimiter == ","
    assert result.header == ["Name", "Email"]
    assert result.rows == 2
    assert output == "Name,Email\nJosé Müller,jose@example.com\n北京,b@example.com\n".encode()


def test_utf8_bom_is_dropped_from_the_output_and_the_header() -> None:
    result, output = run(codecs.BOM_UTF8 + "Name,City\nAda,Zürich\n".encode())

    assert result.encoding == "utf-8-sig"
    assert result.header == ["Name", "City"]
    assert output == "Name,City\nAda,Zürich\n".encode()


def test_windows_1252_is_recognised_and_written_as_utf8() -> None:
    source = "Name,City,Note\nMüller,Café,O\u2019Brien \u2014 \u201cquoted\u201d\n".encode("cp1252")

    result, output = run(source)

    assert result.encoding == "windows-1252"
    assert records(output) == [
        ["Name", "City", "Note"],
        ["Müller", "Café", "O\u2019Brien \u2014 \u201cquoted\u201d"],  # bytes 0x92 0x97 0x93 0x94
    ]


def test_windows_1252_first_seen_far_into_the_file_keeps_the_ascii_rows_before_it() -> None:
    ascii_rows = "".join(f"Person {n},p{n}@example.com\n" for n in range(5000))  # well past one block
    source = ("Name,Email\n" + ascii_rows).encode() + "Müller,m@example.com\n".encode("cp1252")

    result, output = run(source, step=1000)

    assert result.encoding == "windows-1252"
    assert result.rows == 5001
    assert records(output)[1] == ["Person 0", "p0@example.com"]
    assert records(output)[-1] == ["Müller", "m@example.com"]


def test_bytes_windows_1252_leaves_undefined_are_read_as_latin1() -> None:
    result, output = run(b"Name\nA\x81B\x8dC\x90\x9d\n")

    assert result.encoding == "windows-1252"
    assert records(output)[1] == ["A\x81B\x8dC\x90\x9d"]


def test_utf16_le_with_bom_tab_separated_as_excel_unicode_text_saves_it() -> None:
    text = "Name\tEmail\r\nJosé\tjose@example.com\r\nZoë\tzoe@example.com\r\n"

    result, output = run(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), step=7)  # code units split

    assert (result.encoding, result.delimiter) == ("utf-16-le", "\t")
    assert output == "Name,Email\nJosé,jose@example.com\nZoë,zoe@example.com\n".encode()


def test_utf16_be_with_bom() -> None:
    result, output = run(codecs.BOM_UTF16_BE + "Name,City\nAda,Köln\n".encode("utf-16-be"))

    assert result.encoding == "utf-16-be"
    assert records(output) == [["Name", "City"], ["Ada", "Köln"]]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(encoding: str) -> None:
    result, output = run("Name,City\nAda,Köln\nBob,Paris\n".encode(encoding))

    assert result.encoding == encoding
    assert records(output)[1:] == [["Ada", "Köln"], ["Bob", "Paris"]]


def test_utf16_larger_than_one_block() -> None:
    text = "Name,Note\n" + "".join(f"Person {n},naïve {n}\n" for n in range(8000))

    result, output = run(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))

    assert result.rows == 8000
    assert output == text.encode()


def test_utf8_then_a_lone_windows_1252_byte_names_the_row() -> None:
    source = "Name,City\nJosé,Paris\nBob,Lyon\n".encode() + b"M\xfcller,Berlin\n"

    raised = problem(source)

    assert raised.code == "mixed_encoding"
    assert "Row 4" in raised.message
    assert '"CSV UTF-8"' in raised.message


def test_utf8_and_a_windows_1252_byte_on_the_same_row_is_mixed() -> None:
    raised = problem("Name\nJosé ".encode() + b"M\xfcller\n")

    assert raised.code == "mixed_encoding"
    assert "Row 2" in raised.message


def test_a_bom_declares_utf8_so_an_invalid_byte_later_is_mixed() -> None:
    raised = problem(codecs.BOM_UTF8 + b"Name\nM\xfcller\n")

    assert raised.code == "mixed_encoding"


# Not a spreadsheet


def test_png_renamed_csv_is_refused() -> None:
    junk = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(7).randbytes(20_000)

    raised = problem(junk, file_name="logo.csv")

    assert raised.code == "not_a_spreadsheet"
    assert "logo.csv is not a CSV or Excel spreadsheet" in raised.message


def test_pdf_without_nul_bytes_is_refused_for_its_control_characters() -> None:
    body = bytes(byte for byte in random.Random(3).randbytes(20_000) if byte)  # no NUL at all
    raised = problem(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + body, file_name="quote.csv")

    assert raised.code == "not_a_spreadsheet"


def test_old_excel_xls_is_refused_with_what_to_do() -> None:
    raised = problem(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), file_name="leads.xls")

    assert raised.code == "not_a_spreadsheet"
    assert ".xlsx" in raised.message


def test_a_few_control_characters_in_real_text_are_fine() -> None:
    result, output = run(b"Name,Note\nAda,bell\x07 here\n" + b"Bob,plain text\n" * 20)

    assert result.rows == 21
    assert records(output)[1] == ["Ada", "bell\x07 here"]


# Delimiters and quoting


def test_semicolon_file_from_european_excel() -> None:
    result, output = run("Name;Value;City\nAda;1,5;Köln\n".encode())

    assert result.delimiter == ";"
    assert records(output) == [["Name", "Value", "City"], ["Ada", "1,5", "Köln"]]


def test_tab_separated() -> None:
    result, output = run(b"Name\tEmail\nAda Lovelace\tada@example.com\n")

    assert result.delimiter == "\t"
    assert records(output)[1] == ["Ada Lovelace", "ada@example.com"]


def test_delimiters_inside_quoted_header_cells_do_not_count() -> None:
    result, _ = run(b'"Last, First, Middle";Email\n"Lovelace, Ada";ada@example.com\n')

    assert result.delimiter == ";"
    assert result.header == ["Last, First, Middle", "Email"]


def test_a_tie_is_a_comma_and_a_single_column_is_fine() -> None:
    tie, _ = run(b"a;b,c\n1;2,3\n")
    single, output = run(b"Email\nada@example.com\n")

    assert tie.delimiter == ","
    assert single.delimiter == ","
    assert records(output) == [["Email"], ["ada@example.com"]]


def test_quoted_fields_keep_newlines_delimiters_and_quotes() -> None:
    source = b'Name,Notes\r\n"Ada","first line\r\nsecond, with ""quotes"""\r\nBob,"a;b"\r\n'

    result, output = run(source)

    assert result.rows == 2
    assert records(output) == [
        ["Name", "Notes"],
        ["Ada", 'first line\r\nsecond, with "quotes"'],
        ["Bob", "a;b"],
    ]
    assert output.count(b"\r\n") == 1  # only inside the quoted cell: rows end in "\n"


def test_old_mac_line_endings() -> None:
    result, output = run(b"Name,Email\rAda,ada@example.com\rBob,bob@example.com")

    assert result.rows == 2
    assert output == b"Name,Email\nAda,ada@example.com\nBob,bob@example.com\n"


def test_crlf_split_between_two_reads_is_one_line_end() -> None:
    result, output = run(b"Name\r\nAda\r\nBob\r\n", step=5)  # "Name\r" | "\nAda\r" | ...

    assert result.rows == 2
    assert output == b"Name\nAda\nBob\n"


# Problems with the whole file


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n  ", b",,\n , ,\n"])
def test_empty_file(data: bytes) -> None:
    raised = problem(data)

    assert raised.code == "empty_file"
    assert "empty" in raised.message


@pytest.mark.parametrize("data", [b"Name,Email\n", b"Name,Email", b"Name,Email\n\n , \n,\n"])
def test_header_only(data: bytes) -> None:
    raised = problem(data)

    assert raised.code == "header_only"
    assert "no data rows" in raised.message


def test_blank_header_row() -> None:
    raised = problem(b" , \nAda,ada@example.com\n")

    assert raised.code == "blank_header"
    assert "row 1" in raised.message


def test_300_columns_is_too_many() -> None:
    header = ",".join(f"c{n}" for n in range(300))

    raised = problem(f"{header}\n{','.join('x' * 300)}\n".encode())

    assert raised.code == "too_many_columns"
    assert "300 columns" in raised.message
    assert "at most 200" in raised.message


def test_200_columns_is_the_limit_and_allowed() -> None:
    result, _ = run((",".join(f"c{n}" for n in range(200)) + "\n" + "x," * 199 + "x\n").encode())

    assert len(result.header) == 200


def test_file_too_large_stops_reading_once_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "MAX_BYTES", 100_000)
    stream = OneWayStream(b"Name\n" + b"Ada Lovelace\n" * 1_000_000)  # 13 MB

    with pytest.raises(FileProblem) as raised:
        normalise(stream.binary(), io.BytesIO(), file_name="big.csv")

    assert raised.value.code == "file_too_large"
    assert "larger than" in raised.value.message
    assert stream.bytes_read <= 100_000 + BLOCK


def test_a_file_of_exactly_the_limit_is_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"Name\nAda\nBob\n"
    monkeypatch.setattr(parsing, "MAX_BYTES", len(data))

    result, _ = run(data)

    assert result.rows == 2


def test_a_line_longer_than_any_row_stops_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "MAX_LINE_BYTES", 1000)

    raised = problem(b"Name,Note\nAda,short\n" + b"Bob," + b"x" * 200_000 + b"\n")

    assert raised.code == "row_too_long"
    assert "Row 3" in raised.message


def test_a_quote_never_closed_names_its_row() -> None:
    raised = problem(b'Name,Note\nAda,fine\nBob,"runs on' + b" and on" * 30_000 + b"\n")

    assert raised.code == "malformed_csv"
    assert "Row 3" in raised.message


# Rows


def test_blank_rows_are_not_counted_and_keep_the_rows_after_them_numbered_as_in_the_sheet() -> None:
    result, output = run(b"Name,Email\nAda,a@example.com\n\n , \n,,,\nBob,b@example.com\n")

    assert result.rows == 2
    assert records(output) == [
        ["Name", "Email"],
        ["Ada", "a@example.com"],
        [],
        [],
        [],
        ["Bob", "b@example.com"],
    ]
    # Bob is the sixth row of the sheet, and the chunk reader says so
    chunk = read_chunk(
        io.BytesIO(output[result.data_offset :]), offset=result.data_offset, number=2, max_rows=10
    )
    assert [(row.number, row.cells) for row in chunk.rows if row.cells] == [
        (2, ["Ada", "a@example.com"]),
        (6, ["Bob", "b@example.com"]),
    ]


def test_rows_wider_or_narrower_than_the_header_are_kept_as_they_are() -> None:
    _, output = run(b"Name,Email\nAda,a@example.com,extra,\nBob\n")

    assert records(output)[1:] == [["Ada", "a@example.com", "extra", ""], ["Bob"]]


def test_header_cells_are_trimmed_of_spaces_and_a_stray_bom() -> None:
    result, output = run(" Name ,\ufeffEmail , Phone\nAda,a@example.com,1\n".encode())

    assert result.header == ["Name", "Email", "Phone"]
    assert output.startswith(b"Name,Email,Phone\n")


def test_duplicate_header_names_are_allowed() -> None:
    result, _ = run(b"Email,Email\na@example.com,b@example.com\n")

    assert result.header == ["Email", "Email"]


def test_sample_is_the_first_five_rows_fitted_to_the_header() -> None:
    rows = "Ada, a@example.com \nBob\nCy,c@example.com,extra\n" + "".join(
        f"P{n},p{n}@x.com\n" for n in range(9)
    )

    result, _ = run(("Name,Email\n" + rows).encode())

    assert result.rows == 12
    assert result.sample == [
        ["Ada", "a@example.com"],
        ["Bob", ""],
        ["Cy", "c@example.com"],
        ["P0", "p0@x.com"],
        ["P1", "p1@x.com"],
    ]


def test_data_offset_is_where_the_first_data_row_starts() -> None:
    result, output = run(b'"Name, full",Email\nAda,a@example.com\n')

    assert output[: result.data_offset] == b'"Name, full",Email\n'
    assert output[result.data_offset :] == b"Ada,a@example.com\n"


def test_a_cell_needing_quotes_is_quoted_in_the_output() -> None:
    _, output = run(b'Name;Note\nAda;"say ""hi"", then go"\n')

    assert output == b'Name,Note\nAda,"say ""hi"", then go"\n'


def test_the_upload_is_read_in_blocks_never_whole() -> None:
    stream = OneWayStream(b"Name\n" + b"Ada\n" * 100_000)

    normalise(stream.binary(), io.BytesIO(), file_name="people.csv")

    assert stream.sizes and all(0 < size <= BLOCK for size in stream.sizes)


# XLSX


def xlsx_bytes(rows: list[list[object]], *, second_sheet: bool = False) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if second_sheet:
        workbook.create_sheet("Other").append(["Not", "this"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_first_sheet_with_strings_numbers_dates_and_booleans() -> None:
    data = xlsx_bytes(
        [
            [" Name ", "Seats", "Value", "Signed", "Called", "Paid", "Note"],
            ["Ada", 12, 1234.5, datetime(2026, 3, 1), datetime(2026, 3, 1, 14, 30), True, None],
            ["Bob", 123.0, 0.1, date(2025, 12, 31), datetime(2026, 3, 1, 9, 5, 59, 999_999), False, "=1+1"],
            [None, None, None],
            ["Cy", 4155550123, 1234.5600000000001, "2026-01-02", "x", None, "multi\nline"],
        ],
        second_sheet=True,
    )

    result, output = run(data, file_name="people.xlsx", step=4096)

    assert (result.format, result.encoding, result.delimiter) == ("xlsx", "", ",")
    assert result.header == ["Name", "Seats", "Value", "Signed", "Called", "Paid", "Note"]
    assert result.rows == 3
    assert [r for r in records(output)[1:] if r] == [
        ["Ada", "12", "1234.5", "2026-03-01", "2026-03-01T14:30:00", "true"],
        [
            "Bob",
            "123",
            "0.1",
            "2025-12-31",
            "2026-03-01T09:06:00",
            "false",
        ],  # a formula never calculated: empty
        ["Cy", "4155550123", "1234.56", "2026-01-02", "x", "", "multi\nline"],
    ]
    assert result.sample[0] == ["Ada", "12", "1234.5", "2026-03-01", "2026-03-01T14:30:00", "true", ""]


def test_xlsx_trailing_empty_cells_are_no_columns() -> None:
    data = xlsx_bytes([["Name", "Email", None, None], ["Ada", "a@example.com", None, ""]])

    result, output = run(data, file_name="people.xlsx")

    assert result.header == ["Name", "Email"]
    assert output == b"Name,Email\nAda,a@example.com\n"


def test_xlsx_header_only_and_too_many_columns() -> None:
    header_only = problem(xlsx_bytes([["Name", "Email"]]), file_name="people.xlsx")
    too_wide = problem(xlsx_bytes([[f"c{n}" for n in range(201)], ["x"]]), file_name="wide.xlsx")

    assert header_only.code == "header_only"
    assert too_wide.code == "too_many_columns"
    assert "201 columns" in too_wide.message


def test_a_zip_that_is_not_a_workbook_is_unreadable() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")

    raised = problem(buffer.getvalue(), file_name="people.xlsx")

    assert raised.code == "unreadable_workbook"
    assert "save it again" in raised.message


def test_a_truncated_workbook_is_unreadable() -> None:
    data = xlsx_bytes([["Name"], ["Ada"]])

    raised = problem(data[: len(data) // 2], file_name="people.xlsx")

    assert raised.code == "unreadable_workbook"


def test_openpyxl_and_phonenumbers_load_only_when_used() -> None:
    code = (
        "import sys, convertly.imports.parsing, convertly.imports.mapping; "
        "assert 'openpyxl' not in sys.modules and 'phonenumbers' not in sys.modules"
    )
    layer = Path(__file__).resolve().parents[3] / "layers" / "shared" / "python"
    env = {**os.environ, "PYTHONPATH": str(layer)}

    completed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=False)  # noqa: S603

    assert completed.returncode == 0, completed.stderr.decode()


# read_chunk


def normalised(text: str) -> tuple[Normalised, bytes]:
    return run(text.encode())


def first_chunk(result: Normalised, output: bytes, *, max_rows: int) -> Chunk:
    stream = OneWayStream(output[result.data_offset :])
    return read_chunk(stream.binary(), offset=result.data_offset, number=2, max_rows=max_rows)


def read_all(output: bytes, start: int, max_rows: int) -> list[tuple[Row, int]]:
    """Every row by chained chunks, each chunk's stream starting at the previous chunk's next_offset,
    as a ranged GET would; with the offset each row's chunk ended at."""
    offset, number, seen = start, 2, []
    for _ in range(10_000):
        chunk = read_chunk(
            OneWayStream(output[offset:], step=97).binary(), offset=offset, number=number, max_rows=max_rows
        )
        assert chunk.next_number == number + len(chunk.rows)
        seen += [(row, chunk.next_offset) for row in chunk.rows]
        offset, number = chunk.next_offset, chunk.next_number
        if chunk.done:
            assert offset == len(output)
            return seen
    raise AssertionError("never done")


@pytest.mark.parametrize("max_rows", [1, 2, 3, 7, 1000])
def test_chained_chunks_reproduce_every_row_exactly(max_rows: int) -> None:
    text = (
        "Name,Notes,Email\n"
        'Ada,"two\nlines",ada@example.com\n'
        'Bob,"with ""quotes"", and commas",bob@example.com\n'
        "Cy,,cy@example.com,extra\n"
        'Dee,"three\r\nphysical\nlines",\n'
        "Émile,naïve,e@example.com\n"
        "Fay\n"
    )
    result, output = normalised(text)

    seen = read_all(output, result.data_offset, max_rows)

    assert [row.cells for row, _ in seen] == records(output)[1:]
    assert [row.number for row, _ in seen] == [2, 3, 4, 5, 6, 7]


def test_a_chunk_ending_right_after_a_multiline_row_resumes_at_the_next_row() -> None:
    result, output = normalised('Name,Notes\nAda,"line one\nline two"\nBob,after\n')

    chunk = first_chunk(result, output, max_rows=1)

    assert chunk.rows == [Row(2, ["Ada", "line one\nline two"])]
    assert output[chunk.next_offset :] == b"Bob,after\n"
    assert chunk.next_number == 3
    assert chunk.done is False


def test_done_when_the_last_row_fills_the_chunk_exactly() -> None:
    result, output = normalised("Name\nAda\nBob\n")

    chunk = first_chunk(result, output, max_rows=2)

    assert [row.cells for row in chunk.rows] == [["Ada"], ["Bob"]]
    assert chunk.done is True
    assert chunk.next_offset == len(output)


def test_reading_at_the_end_returns_no_rows_and_done() -> None:
    chunk = read_chunk(OneWayStream(b"").binary(), offset=500, number=9, max_rows=10)

    assert chunk.rows == []
    assert (chunk.next_offset, chunk.next_number, chunk.done) == (500, 9, True)


def test_read_chunk_reads_only_what_the_chunk_needs() -> None:
    output = b"Name\n" + b"Ada Lovelace\n" * 200_000  # 2.6 MB
    stream = OneWayStream(output[5:])

    chunk = read_chunk(stream.binary(), offset=5, number=2, max_rows=10)

    assert len(chunk.rows) == 10
    assert chunk.next_offset == 5 + 10 * len(b"Ada Lovelace\n")
    assert stream.bytes_read <= 2 * BLOCK


def test_a_cell_over_the_limit_is_still_returned() -> None:
    result, output = normalised(f"Name,Notes\nAda,{'x' * 20_000}\n")

    chunk = first_chunk(result, output, max_rows=5)

    assert len(chunk.rows[0].cells[1]) == 20_000


# Files a person opens


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+44 20 7946 0958", "'+44 20 7946 0958"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        ("-12.5", "-12.5"),
        ("-1,234.50", "-1,234.50"),
        ("+15", "+15"),
        ("Ada Lovelace", "Ada Lovelace"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_cell(value: str, expected: str) -> None:
    assert safe_cell(value) == expected


def test_write_csv_escapes_every_cell_and_quotes_as_csv_needs() -> None:
    target = io.StringIO(newline="")

    write_csv(target, ["Row", "=Reason"], [["2", "invalid email: =cmd"], ["3", 'a, "b"\nc'], ["4", "-3"]])

    assert list(csv.reader(io.StringIO(target.getvalue(), newline=""))) == [
        ["Row", "'=Reason"],
        ["2", "invalid email: =cmd"],
        ["3", 'a, "b"\nc'],
        ["4", "-3"],
    ]
    assert target.getvalue().startswith("Row,'=Reason\r\n")
