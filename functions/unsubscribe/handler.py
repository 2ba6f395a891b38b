"""Unsubscribe links, public (the signed token is the permission): `GET /unsubscribe/{token}` says whose
link it is (a small page with a button, or JSON for the web app's page), `POST` unsubscribes the contact
from email (the page's button, the web app, or a mail app's one-click POST of RFC 8058, whatever its
body). Repeating it changes nothing; a token that does not verify is a 404."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.manifest import route_table
from convertly.messaging.domain import UnsubscribeStatus
from convertly.platform.api import FORM, JSON, TEXT, create_resolver
from convertly.platform.errors import ConvertlyError, error_body
from convertly.platform.observability import instrumented
from convertly.platform.snapstart import deferred

if TYPE_CHECKING:
    from convertly.messaging import unsubscribe
else:
    unsubscribe = deferred("convertly.messaging.unsubscribe")

MULTIPART = "multipart/form-data"
# No token, no validation machinery; the bodies a browser form, the web app and mail apps send.
app = create_resolver(
    route_table("unsubscribe"), validation=False, user_routes=False, media_types=(JSON, FORM, MULTIPART, TEXT)
)

_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
_STYLE = (
    "body{font-family:system-ui,sans-serif;background:#f6f7f9;color:#1f2937;margin:0}"
    "main{max-width:32rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;"
    "box-shadow:0 1px 3px rgba(0,0,0,.1)}h1{font-size:1.4rem;margin-top:0}"
    "button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff;"
    "cursor:pointer}"
)


def _wants_json() -> bool:
    headers = app.current_event.headers
    return "application/json" in str(headers.get("accept") or "") or str(
        headers.get("content-type") or ""
    ).startswith(JSON)


def _page(status: int, title: str, body: str) -> Response[str]:
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main><h1>{html.escape(title)}</h1>{body}</main></body></html>"
    )
    return Response(
        status_code=status, content_type="text/html; charset=utf-8", body=page, headers=_PAGE_HEADERS
    )


def _answer(shown: UnsubscribeStatus) -> Response[str]:
    if _wants_json():
        return Response(
            status_code=200,
            content_type=JSON,
            body=shown.model_dump_json(),
            headers={"Cache-Control": "no-store"},
        )
    company = html.escape(shown.company)
    who = html.escape(shown.email or "This address")
    if shown.unsubscribed:
        return _page(
            200, "You are unsubscribed", f"<p>{who} no longer receives marketing email from {company}.</p>"
        )
    return _page(
        200,
        f"Unsubscribe from {shown.company}'s emails?",
        f"<p>{who} will stop receiving marketing email from {company}.</p>"
        "<form method='post'><button type='submit'>Unsubscribe</button></form>",
    )


def _refused(error: ConvertlyError) -> Response[str]:
    if _wants_json():
        return Response(status_code=error.status_code, content_type=JSON, body=json.dumps(error_body(error)))
    if error.status_code == 404:
        return _page(
            404,
            "This link is not valid",
            "<p>Use the unsubscribe link of a recent email, exactly as it reached you.</p>",
        )
    return _page(error.status_code, "Not unsubscribed yet", f"<p>{html.escape(error.message)} Try again.</p>")


_ANSWERS: dict[int, OpenAPIResponse] = {
    200: {
        "description": "Whose link it is: JSON when asked for (Accept: application/json), else an HTML page",
        "content": {
            "application/json": {"model": UnsubscribeStatus},
            "text/html": {"schema": {"type": "string"}},
        },
    },
    404: {"description": "Not a link of ours (altered, or cut short)"},
}


@app.get("/unsubscribe/<token>", responses=_ANSWERS)
def page(token: str) -> Response[str]:
    try:
        return _answer(unsubscribe.status(token))
    except ConvertlyError as error:
        return _refused(error)


@app.post("/unsubscribe/<token>", responses=_ANSWERS)
def unsubscribe_contact(token: str) -> Response[str]:
    try:
        shown, _ = unsubscribe.unsubscribe(token)
    except ConvertlyError as error:
        return _refused(error)
    return _answer(shown)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
