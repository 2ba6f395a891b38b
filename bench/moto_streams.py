"""Keeps moto from holding a table's stream records, for a bench that reads no stream.

moto keeps every record of a table's stream in memory for as long as the server runs (about 5 KB each
in this process, with the item's images). An import row writes some 26 items, so a run of 100,000 rows
would hold 2.6 million records, some 13 GB, that nothing reads: bench/spreadsheet_import.py hands the
runner each chunk's event itself instead of relaying the outbox. `drop_stream_records` stops this moto's
table from keeping them (moto writes stream records only while the table has a shard; the table still
describes its stream). Reads and writes answer as before, so the calls and units measured are the same.
"""

from __future__ import annotations

from bench.env import REGION

ACCOUNT_ID = "123456789012"  # moto's default account: the bench's fake credentials name no other


def drop_stream_records(table: str) -> None:
    """From now on, this process's moto keeps no stream records for `table` (and drops those it has)."""
    from moto.dynamodb.models import dynamodb_backends

    dynamodb_backends[ACCOUNT_ID][REGION].tables[table].stream_shard = None
