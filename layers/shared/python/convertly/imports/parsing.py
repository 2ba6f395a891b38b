"""An uploaded spreadsheet as a normalised UTF-8 CSV, and that CSV read back in chunks by byte offset.

`normalise` streams a CSV (UTF-8, Windows-1252 or UTF-16; comma, semicolon or tab) or the first sheet
of an XLSX workbook into one shape: UTF-8 without BOM, "," delimiter, minimal quoting, "\\n" line
endings, header first, a fully blank row as an empty line (later rows keep their sheet numbers).
Memory stays constant in the file's size: the import
runs in a 256 MB Lambda on files up to 50 MB. `read_chunk` then reads that file from a byte offset (an
S3 ranged GET) and says exactly where the next chunk starts, so a long import resumes anywhere.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import tempfile
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import IO, BinaryIO, TextIO

MAX_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 200
MAX_CELL = 10_000  # characters; a longer cell fails its row (mapping.clean_row), not the file
SAMPLE_ROWS = 5
# One physical line past this cannot be a spreadsheet row worth importing (200 columns of 10,000
# characters fit well within it); the bound keeps a file without line breaks from filling memory.
MAX_LINE_BYTES = 4 * 1024 * 1024

BLOCK = 65536
HEAD_BYTES = 65536  # what the encoding, junk and delimiter checks look at
UTF16_PROBE = 4096
DELIMITERS = (",", ";", "\t")  # in tie-break order
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)")
# Windows-1252, with the five bytes it leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) read as Latin-1.
_CP1252 = "".join(bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(256))


class FileProblem(Exception):
    """The file cannot be imported at all; `message` is for a person (it says what to do)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Normalised:
    format: str  # "csv" or "xlsx"
    encoding: str  # the source's: "utf-8", "utf-8-sig", "windows-1252", "utf-16-le", "utf-16-be"; "" for xlsx
    delimiter: str  # the source's: ",", ";" or "\t" ("," for xlsx)
    header: list[str]  # trimmed header cells
    sample: list[list[str]]  # the first data rows (up to SAMPLE_ROWS), trimmed, padded or cut to the header
    rows: int  # data rows in the file: header and fully blank rows excluded
    data_offset: int  # byte offset in the output where the first data row starts


@dataclass(frozen=True)
class Row:
    number: int  # the spreadsheet row: the header is row 1, the first data row row 2 (records, not lines)
    cells: list[str]


@dataclass(frozen=True)
class Chunk:
    rows: list[Row]
    next_offset: int  # byte offset just after the last row returned
    next_number: int  # the number the next row will have
    done: bool  # no rows left after these


class _RowError(Exception):
    """A problem found while reading one record; the reader adds the row number ({row} in message)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _size_text(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{size:,} bytes"


class _Upload:
    """The uploaded bytes, read in blocks and counted: past MAX_BYTES reading stops with file_too_large.
    `peek` keeps the first bytes so the checks can look at them before the real read starts."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._size = 0
        self._kept = b""

    def peek(self, size: int) -> bytes:
        while len(self._kept) < size:
            block = self._take(size - len(self._kept))
            if not block:
                break
            self._kept += block
        return self._kept

    def skip(self, size: int) -> None:
        self._kept = self._kept[size:]

    def read(self, size: int = BLOCK) -> bytes:
        if self._kept:
            data, self._kept = self._kept, b""
            return data
        return self._take(size)

    def _take(self, size: int) -> bytes:
        data = self._stream.read(size)
        self._size += len(data)
        if self._size > MAX_BYTES:
            raise FileProblem(
                "file_too_large",
                f"This file is larger than {_size_text(MAX_BYTES)}. "
                "Split it into smaller files and upload each one.",
            )
        return data


class _Lines:
    """Physical lines (each with its "\\r\\n", "\\n" or "\\r") cut from blocks `read` returns; `consumed` is
    the byte length of the lines handed out so far. Works on any text encoding where CR and LF are one
    byte each (UTF-8, Windows-1252)."""

    def __init__(self, read: Callable[[int], bytes]) -> None:
        self._read = read
        self._ready: deque[bytes] = deque()
        self._pending = b""
        self._eof = False
        self.consumed = 0

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        self._fill()
        if not self._ready:
            raise StopIteration
        line = self._ready.popleft()
        self.consumed += len(line)
        return line

    def at_end(self) -> bool:
        self._fill()
        return not self._ready

    def _fill(self) -> None:
        while not self._ready and not self._eof:
            block = self._read(BLOCK)
            if not block:
                self._eof = True
                if self._pending:
                    self._ready.append(self._pending)
                    self._pending = b""
                return
            lines = (self._pending + block).splitlines(keepends=True)
            # The last piece may be cut mid-line, or be a "\r" whose "\n" comes in the next block.
            self._pending = b"" if lines[-1].endswith(b"\n") else lines.pop()
            self._ready.extend(lines)
            if not self._ready and len(self._pending) > MAX_LINE_BYTES:
                raise _RowError(
                    "row_too_long",
                    f"Row {{row}} is longer than {_size_text(MAX_LINE_BYTES)}, so this is probably not a "
                    "spreadsheet saved as CSV. Save it from your spreadsheet app as CSV UTF-8 and upload "
                    "it again.",
                )


class _LineDecoder:
    """Decodes physical lines as UTF-8; a file that is not UTF-8 before any non-ASCII UTF-8 was seen is
    read as Windows-1252 from there on (every line so far was ASCII, so nothing written changes)."""

    def __init__(self, encoding: str, *, fallback: bool) -> None:
        self.encoding = encoding
        self._fallback = fallback
        self._seen_utf8 = False

    def decode(self, line: bytes) -> str:
        if self.encoding == "windows-1252":
            return codecs.charmap_decode(line, "strict", _CP1252)[0]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            if self._fallback and not self._seen_utf8 and line[: error.start].isascii():
                self.encoding = "windows-1252"
                return self.decode(line)
            raise _RowError(
                "mixed_encoding",
                "Row {row} has characters in a different encoding from the rows before it. "
                'Save the file as "CSV UTF-8" from your spreadsheet app and upload it again.',
            ) from error
        if not self._seen_utf8 and not text.isascii():
            self._seen_utf8 = True
        return text


def _utf16_blocks(upload: _Upload, encoding: str) -> Iterator[bytes]:
    """UTF-16 blocks re-encoded as UTF-8, so the UTF-8 line reader serves every encoding."""
    decoder = codecs.getincrementaldecoder(encoding)()
    while True:
        block = upload.read(BLOCK)
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as error:
            raise FileProblem(
                "bad_encoding",
                'This file\'s text cannot be read as UTF-16. Save it as "CSV UTF-8" and upload it again.',
            ) from error
        if text:
            yield text.encode("utf-8")
        if not block:
            return


def _detect_encoding(head: bytes) -> tuple[str, int]:
    """The source's encoding and the length of its byte order mark."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", len(codecs.BOM_UTF8)
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    pairs = min(len(head), UTF16_PROBE) // 2
    probe = head[: pairs * 2]
    if pairs:
        even_nuls, odd_nuls = probe[0::2].count(0), probe[1::2].count(0)
        # ASCII text in UTF-16 has a NUL in every other byte: on the odd side little-endian.
        if odd_nuls >= 0.6 * pairs and even_nuls <= 0.1 * pairs:
            return "utf-16-le", 0
        if even_nuls >= 0.6 * pairs and odd_nuls <= 0.1 * pairs:
            return "utf-16-be", 0
    return "utf-8", 0


def _check_text(head: bytes, encoding: str, file_name: str) -> None:
    """Binary files renamed .csv (an image, a PDF, an old .xls) stop here, before anything is written."""
    if head.startswith(_OLE_MAGIC):
        raise FileProblem(
            "not_a_spreadsheet",
            f"{file_name} is an old Excel 97-2003 (.xls) workbook. Open it in Excel, save it as "
            "Excel Workbook (.xlsx) or CSV UTF-8, and upload that file.",
        )
    if encoding.startswith("utf-16"):
        text = head.decode(encoding, errors="replace")
        controls, length, nul = len(_CONTROL_CHARS.findall(text)), len(text), False
    else:
        controls, length, nul = len(_CONTROL_BYTES.findall(head)), len(head), b"\x00" in head
    if nul or controls > 0.02 * length:
        raise FileProblem(
            "not_a_spreadsheet",
            f"{file_name} is not a CSV or Excel spreadsheet. Upload a .csv file or an Excel "
            "workbook (.xlsx) with the column names in the first row.",
        )


def _first_record(lines: Iterator[str]) -> tuple[list[str], str]:
    """The lines of the first record (to be read again) and the delimiter counted in it: the most
    frequent of DELIMITERS outside quotes; a tie, or none, is ","."""
    taken: list[str] = []
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted, size = False, 0
    for line in lines:
        taken.append(line)
        size += len(line)
        for char in line[:HEAD_BYTES]:
            if char == '"':
                quoted = not quoted
            elif not quoted and char in counts:
                counts[char] += 1
        if not quoted or size > HEAD_BYTES:
            break
    return taken, max(DELIMITERS, key=lambda delimiter: counts[delimiter])


def _csv_records(lines: Iterable[str], delimiter: str) -> Iterator[list[str]]:
    """The records of the decoded lines; a problem found in one names its row."""
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    number = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except _RowError as error:
            raise FileProblem(error.code, error.message.format(row=number)) from None
        except csv.Error as error:
            raise FileProblem(
                "malformed_csv",
                f"Row {number} cannot be read ({error}). Check it for a quote that is never closed, "
                "then upload the file again.",
            ) from None
        yield record
        number += 1


def _is_blank(cells: list[str]) -> bool:
    return all(not cell.strip() for cell in cells)


def _fit(cells: list[str], width: int) -> list[str]:
    trimmed = [cell.strip() for cell in cells[:width]]
    return trimmed + [""] * (width - len(trimmed))


class _Output:
    """UTF-8 CSV rows written to `target` in blocks; `size` counts the bytes written."""

    def __init__(self, target: IO[bytes]) -> None:
        self._target = target
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")
        self.size = 0

    def write(self, cells: list[str]) -> None:
        self._writer.writerow(cells)
        if self._buffer.tell() >= BLOCK:
            self.flush()

    def flush(self) -> int:
        data = self._buffer.getvalue().encode("utf-8")
        self._target.write(data)
        self.size += len(data)
        self._buffer.seek(0)
        self._buffer.truncate()
        return self.size


def _read_header(records: Iterator[list[str]]) -> list[str]:
    first = next(records, None)
    if first is None or _is_blank(first):
        if first is None or all(_is_blank(record) for record in records):
            raise FileProblem(
                "empty_file", "This file is empty. Add a header row and your data, then upload it."
            )
        raise FileProblem(
            "blank_header",
            "The first row of this file is empty. Put the column names (Name, Email, ...) in row 1 "
            "and upload it again.",
        )
    header = [cell.strip().lstrip("\ufeff").strip() for cell in first]
    if len(header) > MAX_COLUMNS:
        raise FileProblem(
            "too_many_columns",
            f"This file has {len(header):,} columns; an import takes at most {MAX_COLUMNS}. "
            "Delete the columns you do not need and upload it again.",
        )
    return header


@dataclass(frozen=True)
class _Written:
    header: list[str]
    sample: list[list[str]]
    rows: int
    data_offset: int


def _write(records: Iterator[list[str]], target: IO[bytes]) -> _Written:
    header = _read_header(records)
    output = _Output(target)
    output.write(header)
    data_offset = output.flush()
    sample: list[list[str]] = []
    rows = 0
    for record in records:
        if _is_blank(record):
            output.write([])  # an empty line: the rows after it keep their spreadsheet row numbers
            continue
        rows += 1
        if len(sample) < SAMPLE_ROWS:
            sample.append(_fit(record, len(header)))
        output.write(record)
    output.flush()
    if not rows:
        raise FileProblem(
            "header_only",
            "This file has a header row but no data rows. Add your data below it and upload again.",
        )
    return _Written(header, sample, rows, data_offset)


def _normalise_csv(upload: _Upload, head: bytes, target: IO[bytes], file_name: str) -> Normalised:
    encoding, bom = _detect_encoding(head)
    _check_text(head[bom:], encoding, file_name)
    upload.skip(bom)
    if encoding.startswith("utf-16"):
        decoder = _LineDecoder("utf-8", fallback=False)
        blocks = _utf16_blocks(upload, encoding)
        lines = _Lines(lambda _size: next(blocks, b""))
    else:
        decoder = _LineDecoder(encoding, fallback=encoding == "utf-8")
        lines = _Lines(upload.read)
    text_lines = map(decoder.decode, lines)
    try:
        first, delimiter = _first_record(text_lines)
    except _RowError as error:
        raise FileProblem(error.code, error.message.format(row=1)) from None
    written = _write(_csv_records(itertools.chain(first, text_lines), delimiter), target)
    source_encoding = encoding if encoding != "utf-8" else decoder.encoding
    return Normalised(
        "csv", source_encoding, delimiter, written.header, written.sample, written.rows, written.data_offset
    )


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        moment = (value + timedelta(microseconds=500_000)).replace(microsecond=0)
        if moment.time() == time(0) and moment.tzinfo is None:
            return moment.date().isoformat()
        return moment.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float):
        # Excel keeps 15 significant digits: 1234.5600000000001 in the file is 1234.56 on screen.
        shown = float(f"{value:.15g}")
        return str(int(shown)) if shown.is_integer() else repr(shown)
    return str(value)


def _trim_end(cells: list[str]) -> list[str]:
    """Cells up to the last non-empty one: a sheet's formatted but empty columns are no data."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _xlsx_records(file: IO[bytes]) -> Generator[list[str], None, None]:
    import openpyxl  # on first use: the modules that never read a workbook never load it

    unreadable = FileProblem(
        "unreadable_workbook",
        "This Excel file cannot be read. Open it in Excel, save it again as Excel Workbook (.xlsx) "
        "or CSV UTF-8, and upload that file.",
    )
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # a damaged or foreign zip fails in many ways; each means the same here
        raise unreadable from error
    try:
        if not workbook.worksheets:
            raise unreadable
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a file's stated dimensions can be wrong; read the cells it has
        for values in sheet.iter_rows(values_only=True):
            yield _trim_end([_xlsx_cell(value) for value in values])
    except FileProblem:
        raise
    except Exception as error:
        raise unreadable from error
    finally:
        workbook.close()


def _normalise_xlsx(upload: _Upload, target: IO[bytes]) -> Normalised:
    with tempfile.TemporaryFile() as copy:  # openpyxl seeks; the upload may be a one-way stream
        while block := upload.read(BLOCK):
            copy.write(block)
        copy.seek(0)
        with closing(_xlsx_records(copy)) as records:
            written = _write(records, target)
    return Normalised("xlsx", "", ",", written.header, written.sample, written.rows, written.data_offset)


def normalise(source: BinaryIO, target: BinaryIO, *, file_name: str) -> Normalised:
    """Write `source` (a CSV or XLSX upload, read once from start to end) to `target` as a UTF-8 CSV
    with "," delimiter, "\\n" line endings and the header first; raise FileProblem when it cannot be
    imported at all."""
    upload = _Upload(source)
    head = upload.peek(HEAD_BYTES)
    if head.startswith(_ZIP_MAGIC):
        return _normalise_xlsx(upload, target)
    return _normalise_csv(upload, head, target, file_name)


def read_chunk(stream: BinaryIO, *, offset: int, number: int, max_rows: int) -> Chunk:
    """Up to `max_rows` rows of a normalised file from `stream`, whose first byte is the file's byte
    `offset` and whose first row has the spreadsheet row `number`; reads only as far as it needs."""
    lines = _Lines(stream.read)
    reader = csv.reader(line.decode("utf-8") for line in lines)
    rows: list[Row] = []
    end = 0
    if max_rows > 0:
        for cells in reader:
            rows.append(Row(number + len(rows), cells))
            end = lines.consumed  # the reader pulls exactly the lines one record needs
            if len(rows) == max_rows:
                break
    done = len(rows) < max_rows or lines.at_end()
    return Chunk(rows, offset + end, number + len(rows), done)


def safe_cell(value: str) -> str:
    """The cell for a CSV a person opens in Excel: text that Excel would run as a formula (CSV injection)
    gets a leading apostrophe; a plain number such as "-12.5" and all other text stay as they are."""
    if value.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(target: TextIO, header: list[str], rows: Iterable[list[str]]) -> None:
    """`header` then `rows` as CSV (the csv module's default dialect), every cell through `safe_cell`."""
    writer = csv.writer(target)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
