"""The spreadsheet the import bench uploads: contacts with leads, as a CRM export would hold them.

Each row has a first and last name, a unique email, a phone for nine in ten (unique, +1 415), a company
from a pool of 500 for four in five, a value (some written as "$1,250.00"), a stage name of the default
pipeline (weighted as bench/board.py spreads its leads), one to three tags, a UTM campaign and, for
three in ten, a gclid. One row in a hundred is bad (an invalid email, or a stage the pipeline lacks:
the row fails) and one in a hundred repeats an earlier good row (skipped as a duplicate in the file),
half of them 7 rows back, usually in the same chunk (found from memory), half 997 rows back, in an
earlier chunk (found by the contact's import id, after its look-up). What the import should count
comes with the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.contact_seeding import company_name
from bench.scenarios import _FIRST, _LAST

HEADER = ["First name", "Last name", "Email", "Phone", "Company", "Value", "Stage", "Tags", "UTM campaign",
          "gclid"]  # fmt: skip
MAPPING = ["first_name", "last_name", "email", "phone", "company", "value", "stage", "tags", "utm_campaign",
           "gclid"]  # fmt: skip
COMPANIES = 500
STAGE_WEIGHTS = (40, 25, 15, 12, 8)  # the default pipeline's stages in board order
TAGS = ("roof-repair", "q3", "storm-damage", "gutters", "referral-partner", "spring-promo")
CAMPAIGNS = ("roof-repair-bay-area", "storm-season", "gutter-guards", "solar-ready", "brand-search",
             "competitor-terms", "retargeting", "spring-promo")  # fmt: skip
BAD_EVERY = 100  # row n is bad when n % BAD_EVERY == BAD_AT
BAD_AT = 37
DUPLICATE_EVERY = 100  # row n repeats an earlier good row when n % DUPLICATE_EVERY == DUPLICATE_AT
DUPLICATE_AT = 71
DUPLICATE_BACK = (7, 997)  # rows back: usually the same chunk of 200, an earlier chunk


@dataclass
class Expected:
    """What the import of the file should count."""

    rows: int = 0
    created: int = 0  # contacts, each with its lead
    failed: int = 0
    skipped: int = 0
    companies: set[str] = field(default_factory=set)

    def as_counts(self) -> dict[str, int]:
        return {
            "rows_total": self.rows,
            "created": self.created,
            "leads_created": self.created,
            "failed": self.failed,
            "skipped": self.skipped,
            "companies_created": len(self.companies),
        }


def _stage(n: int, stages: Sequence[str]) -> str:
    slot, total = (n * 7) % sum(STAGE_WEIGHTS), 0
    for name, weight in zip(stages, STAGE_WEIGHTS, strict=False):
        total += weight
        if slot < total:
            return name
    return stages[-1]


def _good(n: int, stages: Sequence[str]) -> list[str]:
    first, last = _FIRST[n % len(_FIRST)], _LAST[(n // len(_FIRST)) % len(_LAST)]
    digits = 2_000_000 + n  # +1 415 200-0000 on: valid US numbers, one per row
    phone = f"+1 (415) {digits // 10_000}-{digits % 10_000:04d}" if n % 10 != 9 else ""
    company = company_name(n // 2 * 7 % COMPANIES) if n % 5 != 4 else ""  # the 500 in turn
    amount = 500 + (n * 37) % 20_000
    value = f"${amount:,}.00" if n % 4 == 0 else str(amount)
    tags = "; ".join(TAGS[(n + k) % len(TAGS)] for k in range(1 + n % 3))
    gclid = f"Cj0KCQjw{n:08d}BhBhEiwAxK2mO7c3vFqYt0lPz8rN5wQeT1uV9sXbD4hG6jK2m" if n % 10 < 3 else ""
    return [first, last, f"{first}.{last}.{n}@example.test".lower(), phone, company, value,
            _stage(n, stages), tags, CAMPAIGNS[n % len(CAMPAIGNS)], gclid]  # fmt: skip


def rows(count: int, stages: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """`count` data rows, each with what the import should make of it: created, failed or skipped."""
    made: dict[int, list[str]] = {}  # good rows, for the duplicates (only DUPLICATE_BACK back is kept)
    for n in range(count):
        if n % DUPLICATE_EVERY == DUPLICATE_AT:
            back = DUPLICATE_BACK[(n // DUPLICATE_EVERY) % len(DUPLICATE_BACK)]
            back = back if back <= n else DUPLICATE_BACK[0]  # the file's first rows
            source = next(made[m] for m in range(n - back, -1, -1) if m in made)
            yield "skipped", list(source)
            continue
        row = _good(n, stages)
        if n % BAD_EVERY == BAD_AT:
            if (n // BAD_EVERY) % 2:
                row[2] = row[2].replace("@", ".at.")  # "maria.smith.37.at.example.test"
            else:
                row[6] = "Negotiation"  # not a stage of the default pipeline
            yield "failed", row
            continue
        made[n] = row
        made.pop(n - max(DUPLICATE_BACK) - 1, None)
        yield "created", row


def write(
    path: Path, *, stages: Sequence[str], count: int | None = None, size: int | None = None
) -> Expected:
    """The file at `path`: `count` rows, or as many as fit in `size` bytes; what the import should count."""
    expected = Expected()
    with path.open("wb") as target:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADER)
        written = len(out.getvalue().encode("utf-8"))
        target.write(out.getvalue().encode("utf-8"))
        for outcome, row in rows(count if count is not None else 10**9, stages):
            out.seek(0)
            out.truncate()
            writer.writerow(row)
            line = out.getvalue().encode("utf-8")
            if size is not None and written + len(line) > size:
                break
            target.write(line)
            written += len(line)
            expected.rows += 1
            setattr(expected, outcome, getattr(expected, outcome) + 1)
            if outcome == "created" and row[4]:
                expected.companies.add(row[4])
    return expected
