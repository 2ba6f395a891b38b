"""Media library API: upload forms, completing an upload, the library with its search, renames,
deletes and links to view or download a file (the bytes go straight between the browser and S3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.manifest import route_table
from convertly.media.domain import MediaFile, MediaLink, MediaPage, MediaRename, MediaUpload, UploadRequest
from convertly.platform.api import create_resolver, principal_of
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.media import use_cases as media
else:
    media = deferred("convertly.media.use_cases")

app = create_resolver(route_table("media"))


@app.get("/media")
def list_media(
    q: Annotated[str | None, Query(max_length=100)] = None,
    cursor: Annotated[str | None, Query(max_length=2048)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
) -> MediaPage:
    return media.list_media(principal_of(app), q, cursor, limit)


@app.post("/media/uploads", status_code=201)
def start_upload(body: UploadRequest) -> MediaUpload:
    return media.start_upload(principal_of(app), body)


@app.post(
    "/media/<media_id>/complete",
    status_code=201,
    responses={
        200: {"description": "Completed before: the file as it stands"},
        201: {"description": "Added to the library"},
    },
)
def complete_upload(media_id: str) -> Response[MediaFile]:
    found, added = media.complete_upload(principal_of(app), media_id)
    return Response(
        status_code=201 if added else 200, content_type=content_types.APPLICATION_JSON, body=found
    )


@app.get("/media/<media_id>")
def get_file(media_id: str) -> MediaFile:
    return media.get_file(principal_of(app), media_id)


@app.patch("/media/<media_id>")
def rename(media_id: str, body: MediaRename) -> MediaFile:
    return media.rename(principal_of(app), media_id, body)


@app.delete(
    "/media/<media_id>",
    status_code=204,
    responses={204: {"description": "The file is deleted", "content": {}}},
)
def delete_file(media_id: str) -> Response[Any]:
    media.delete(principal_of(app), media_id)
    return Response(status_code=204)


@app.get("/media/<media_id>/link")
def link(media_id: str, inline: Annotated[bool, Query()] = False) -> MediaLink:
    return media.link(principal_of(app), media_id, inline=inline)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
