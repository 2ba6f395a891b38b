"""`python -m bench.import_memory <inspect|chunk> <tenant_id> <import_id> <n>`: one message to the import
runner's handler in a fresh process, and the memory it took.

bench/spreadsheet_import.py runs this as a child of its own process, with the environment that points at
its moto server (which serves from the parent, so none of moto's memory is counted here). The child
imports the handler as a cold Lambda does (functions/import_runner/handler.py), notes its peak RSS so
far, then hands the handler one SQS record: the uploads bucket's ObjectCreated notification of the
import's source file of `n` bytes (`inspect`), or the run's event for chunk `n` (`chunk`), as EventBridge
delivers it through the queue. It prints one JSON line: the peak resident set size before and after the
message (`resource.getrusage(RUSAGE_SELF).ru_maxrss`, what the Lambda's memory setting caps), and the
peak of Python's own allocations during the message (tracemalloc, started just before it; its own
bookkeeping is in the RSS, so that is an upper bound).
"""

from __future__ import annotations

import json
import resource
import sys
import time
import tracemalloc
import uuid
from pathlib import Path
from typing import Any

REGION = "us-east-1"
QUEUE_ARN = f"arn:aws:sqs:{REGION}:123456789012:convertly-imports"


class _Context:
    """The attributes of a Lambda context object that Powertools reads (256 MB, the runner's size)."""

    function_name = "convertly-import_runner"
    function_version = "$LATEST"
    invoked_function_arn = f"arn:aws:lambda:{REGION}:123456789012:function:convertly-import_runner"
    memory_limit_in_mb = 256
    aws_request_id = "bench-import-memory"
    log_group_name = "/aws/lambda/convertly-import_runner"
    log_stream_name = "bench"

    def get_remaining_time_in_millis(self) -> int:
        return 300_000


def _megabytes_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KB


def _high_water_mb() -> float:
    """The process's own peak RSS as the kernel keeps it for its memory map (VmHWM): a check on
    ru_maxrss, which also carries over the peak of whatever process this one was exec'd from."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _body(mode: str, tenant_id: str, import_id: str, n: int) -> dict[str, Any]:
    if mode == "inspect":
        key = f"imports/{tenant_id}/{import_id}/source"
        return {
            "Records": [
                {
                    "eventSource": "aws:s3",
                    "eventName": "ObjectCreated:Post",
                    "s3": {"bucket": {"name": "convertly-uploads"}, "object": {"key": key, "size": n}},
                }
            ]
        }
    detail_type = "ImportStarted" if n == 0 else "ImportContinued"
    detail = {
        "tenant_id": tenant_id,
        "event_id": uuid.uuid4().hex,
        "occurred_at": "2026-12-06T00:00:00.000Z",
        "subject_id": import_id,
        "data": {"import_id": import_id, "chunk": n},
    }
    return {"version": "0", "detail-type": detail_type, "source": "convertly", "detail": detail}


def _record(body: dict[str, Any]) -> dict[str, Any]:
    text = json.dumps(body)
    return {
        "messageId": str(uuid.uuid4()),
        "receiptHandle": "bench",
        "body": text,
        "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": str(int(time.time() * 1000))},
        "messageAttributes": {},
        "md5OfBody": "",
        "eventSource": "aws:sqs",
        "eventSourceARN": QUEUE_ARN,
        "awsRegion": REGION,
    }


def main(argv: list[str]) -> int:
    mode, tenant_id, import_id, n = argv[1], argv[2], argv[3], int(argv[4])
    if mode not in ("inspect", "chunk"):
        raise SystemExit(f"unknown mode {mode!r}")
    started = time.perf_counter()
    from functions.import_runner.handler import handler

    imported = time.perf_counter() - started
    loaded = _megabytes_peak()
    event = {"Records": [_record(_body(mode, tenant_id, import_id, n))]}
    tracemalloc.start()
    started = time.perf_counter()
    answer = handler(event, _Context())  # type: ignore[arg-type]  # the attributes Powertools reads
    seconds = time.perf_counter() - started
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    failures = answer.get("batchItemFailures")
    print(
        json.dumps(
            {
                "mode": mode,
                "rss_after_import_mb": round(loaded, 1),
                "rss_peak_mb": round(_megabytes_peak(), 1),
                "hwm_peak_mb": round(_high_water_mb(), 1),
                "traced_peak_mb": round(traced / 1024 / 1024, 1),
                "import_seconds": round(imported, 2),
                "seconds": round(seconds, 2),
                "failures": failures,
            }
        )
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
