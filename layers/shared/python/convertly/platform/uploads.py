"""The uploads bucket (private): the presigned POST the browser sends a spreadsheet (or a media
library file) with, the reads and writes of an import's files, of exports and of the media library
(docs/media.md), and the links that download them (docs/imports.md).
A POST's policy caps the size, so S3 itself refuses a file over the limit; what the file holds is
checked by whoever reads it."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import Any, BinaryIO
from urllib.parse import quote

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

from convertly.platform.clock import iso, now
from convertly.platform.config import get_settings
from convertly.platform.snapstart import keep_client

MAX_BYTES = 50 * 1024 * 1024
POST_SECONDS = 15 * 60  # how long the browser has to start the upload
LINK_SECONDS = 10 * 60  # a download link's life


@lru_cache(maxsize=1)
def _s3() -> Any:
    """Signature V4, on the bucket's regional host (the web app's Content-Security-Policy names that
    origin; S3 refuses V2 for new buckets). Locally, moto's endpoint with the bucket in the path."""
    settings = get_settings()
    style = "path" if settings.aws_endpoint_url else "virtual"
    config = Config(
        signature_version="s3v4",
        s3={"addressing_style": style, "us_east_1_regional_endpoint": "regional"},
    )
    return keep_client(boto3.client("s3", region_name=settings.aws_region, config=config))


def bucket() -> str:
    return get_settings().uploads_bucket


def presigned_post(key: str, max_bytes: int = MAX_BYTES, content_type: str | None = None) -> dict[str, Any]:
    """The form the browser posts the file with: only this key, at most `max_bytes`, and with
    `content_type` the object's Content-Type, exactly that one (the media library's files)."""
    fields = {"success_action_status": "201"}
    conditions: list[Any] = [["content-length-range", 1, max_bytes], {"success_action_status": "201"}]
    if content_type:
        fields["Content-Type"] = content_type
        conditions.append({"Content-Type": content_type})
    post = _s3().generate_presigned_post(
        Bucket=bucket(), Key=key, Fields=fields, Conditions=conditions, ExpiresIn=POST_SECONDS
    )
    return {
        "url": str(post["url"]),
        "fields": {str(k): str(v) for k, v in post["fields"].items()},
        "max_bytes": max_bytes,
        "expires_at": iso(now() + timedelta(seconds=POST_SECONDS)),
    }


def size_of(key: str) -> int | None:
    """The object's size, or None when nothing was uploaded."""
    try:
        return int(_s3().head_object(Bucket=bucket(), Key=key)["ContentLength"])
    except _s3().exceptions.ClientError:
        return None


@dataclass(frozen=True)
class StoredObject:
    size: int
    content_type: str


# What S3 answers for a key with nothing there. A function allowed to read the key but not to list the
# bucket (the mail sender, the media library outside its prefix) is told 403, not 404, so as not to
# learn which keys exist: for a key the function's policy lets it read, that too means absent.
_ABSENT = frozenset({"404", "NoSuchKey", "NotFound", "403", "AccessDenied", "Forbidden"})


def _absent(error: Exception) -> bool:
    response = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", "")) in _ABSENT


def head(key: str) -> StoredObject | None:
    """The object's size and Content-Type (HeadObject), or None when nothing was uploaded there."""
    try:
        found = _s3().head_object(Bucket=bucket(), Key=key)
    except _s3().exceptions.ClientError as error:
        if _absent(error):
            return None
        raise
    return StoredObject(int(found["ContentLength"]), str(found.get("ContentType") or ""))


def read_bytes(key: str) -> bytes | None:
    """The whole object (a media file: 10 MB at most), or None when it is not there (deleted)."""
    try:
        body = _s3().get_object(Bucket=bucket(), Key=key)["Body"]
    except _s3().exceptions.ClientError as error:
        if _absent(error):
            return None
        raise
    return bytes(body.read())


def open_object(key: str, offset: int = 0) -> BinaryIO:
    """The object's bytes from `offset` on, as a stream (a ranged GET: memory stays flat)."""
    extra = {"Range": f"bytes={offset}-"} if offset else {}
    body: BinaryIO = _s3().get_object(Bucket=bucket(), Key=key, **extra)["Body"]
    return body


# A large file goes up in 8 MB parts, one at a time: memory holds a part, not the file (the import
# runner's 256 MB hold whatever the file's size; bench/README.md, "Imports").
_TRANSFER = TransferConfig(
    multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024, max_concurrency=1
)


def upload(fileobj: BinaryIO, key: str, content_type: str = "text/csv") -> None:
    _s3().upload_fileobj(fileobj, bucket(), key, ExtraArgs={"ContentType": content_type}, Config=_TRANSFER)


def put_text(key: str, text: str, content_type: str = "text/csv; charset=utf-8") -> None:
    _s3().put_object(Bucket=bucket(), Key=key, Body=text.encode("utf-8"), ContentType=content_type)


def read_text(key: str) -> str | None:
    try:
        body = _s3().get_object(Bucket=bucket(), Key=key)["Body"]
    except _s3().exceptions.NoSuchKey:
        return None
    return str(body.read().decode("utf-8"))


def list_keys(prefix: str) -> list[str]:
    """Every object key under `prefix` (an import's problem parts: a few hundred at most)."""
    found: list[str] = []
    for page in _s3().get_paginator("list_objects_v2").paginate(Bucket=bucket(), Prefix=prefix):
        found += [str(entry["Key"]) for entry in page.get("Contents", [])]
    return found


def delete(*object_keys: str) -> None:
    if object_keys:
        _s3().delete_objects(
            Bucket=bucket(), Delete={"Objects": [{"Key": k} for k in object_keys], "Quiet": True}
        )


def download_link(key: str, file_name: str, *, inline: bool = False) -> str:
    """A link that downloads the object under `file_name` (`inline`: that a browser shows it, as a
    preview of an image or a PDF), valid for LINK_SECONDS."""
    disposition = f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(file_name)}"
    return str(
        _s3().generate_presigned_url(
            "get_object",
            Params={"Bucket": bucket(), "Key": key, "ResponseContentDisposition": disposition},
            ExpiresIn=LINK_SECONDS,
        )
    )


def join_csv(header: list[str], part_keys: Iterable[str], key: str, *, bom: bool = False) -> int:
    """Write one CSV at `key`: `header`, then every record of the parts in order (the parts of a
    chunked run); through a temporary file, so memory holds a part, not the whole. The records' count."""
    rows = 0
    with tempfile.TemporaryFile() as target:
        text = io.TextIOWrapper(target, encoding="utf-8-sig" if bom else "utf-8", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(header)
        for part_key in part_keys:
            for record in csv.reader(io.StringIO(read_text(part_key) or "")):
                writer.writerow(record)
                rows += 1
        text.flush()
        text.detach()  # the bytes stay in `target`, which the upload reads from the start
        target.seek(0)
        upload(target, key)
    return rows
