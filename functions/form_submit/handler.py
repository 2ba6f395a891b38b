"""Public form capability: what embedded forms and the hosted page talk to, without a token.

`POST /f/{form_id}` takes JSON (the embed script) or a classic form post (a plain HTML form: answered
with a 303 to the thank-you page or redirect URL, or the page again with its errors).
`GET /f/{form_id}` is the hosted page, `GET /f/{form_id}/definition` the form for the embed script,
and OPTIONS answers the CORS preflight. CORS is per form: a page may read the answers only if its
origin is one of the form's allowed domains, so the resolver has no CORS configuration of its own.
The platform resolver admits the body: the media types below, UTF-8 text (else 415 / 400).
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from urllib.parse import urlencode

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from convertly.capture import hosted_page
from convertly.capture.cors import cors_headers
from convertly.capture.domain import CLIENT_ATTRIBUTION_KEYS, PublicForm, SubmitReceipt
from convertly.capture.parsing import (
    FORM_TYPE,
    IDEMPOTENCY_FIELD,
    JSON_TYPES,
    STARTED_AT_FIELD,
    is_classic,
    parse_submission,
)
from convertly.capture.submissions import CLOSED_MESSAGE, FormSubmissions, Receipt, SubmitRequest
from convertly.manifest import route_table
from convertly.platform.api import JSON, create_resolver
from convertly.platform.errors import ConvertlyError, TooManyRequestsError, ValidationError, error_body
from convertly.platform.observability import MetricUnit, instrumented, metrics

# Public routes only (no token), no input validation of the platform's (capture parses the post), no
# web-app CORS (per form, below); the bodies the embed script and a plain HTML form send.
app = create_resolver(
    route_table("form_submit"),
    validation=False,
    user_routes=False,
    media_types=(*JSON_TYPES, FORM_TYPE),
    cors=False,
)
submissions = FormSubmissions()

_HTML = "text/html; charset=utf-8"
_PAGE_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}
_ERROR_TITLES = {
    404: "Form not found",
    413: "Too much",
    429: "Slow down",
    403: "Not allowed",
    423: "Not accepting submissions",
}


def _header(name: str) -> str | None:
    value = app.current_event.headers.get(name)  # case-insensitive
    return str(value) if value else None


def _origin() -> str | None:
    return _header("origin")


def _cors(form_id: str, *, preflight: bool = False) -> dict[str, str]:
    origin = _origin()
    if origin and submissions.allowed_origin(form_id, origin, _header("host")):
        return cors_headers(origin, preflight=preflight)
    return {}


def _json(status: int, body: dict[str, Any], headers: dict[str, str]) -> Response[str]:
    return Response(
        status_code=status, content_type="application/json", body=json.dumps(body), headers=headers
    )


def _html(
    status: int, page: str, headers: dict[str, str] | None = None, form_id: str | None = None
) -> Response[str]:
    settings = None
    if form_id:
        published = submissions.forms.published(form_id)
        settings = published.settings if published else None
    all_headers = {
        **_PAGE_HEADERS,
        "Content-Security-Policy": hosted_page.content_security_policy(settings),
        "Cache-Control": "no-store",
        **(headers or {}),
    }
    return Response(status_code=status, content_type=_HTML, body=page, headers=all_headers)


def _retry_after(error: ConvertlyError) -> dict[str, str]:
    return {"Retry-After": str(error.retry_after)} if isinstance(error, TooManyRequestsError) else {}


# Preflight ---------------------------------------------------------------------------------------


def _preflight(form_id: str) -> Response[str]:
    headers = _cors(form_id, preflight=True)
    if not headers:
        # No Access-Control-Allow-Origin: the browser refuses the page's request.
        return Response(status_code=403, content_type="text/plain", body="Origin not allowed")
    return Response(status_code=204, body="", headers=headers)


@app.route("/f/<form_id>", method="OPTIONS")
def preflight_submit(form_id: str) -> Response[str]:
    return _preflight(form_id)


@app.route("/f/<form_id>/definition", method="OPTIONS")
def preflight_definition(form_id: str) -> Response[str]:
    return _preflight(form_id)


# Definition and hosted page ----------------------------------------------------------------------


@app.get(
    "/f/<form_id>/definition",
    responses={
        200: {"description": "The published form", "content": {"application/json": {"model": PublicForm}}}
    },
)
def definition(form_id: str) -> Response[str]:
    headers = _cors(form_id)
    try:
        public = submissions.definition(form_id)
    except ConvertlyError as error:
        return _json(error.status_code, error_body(error), headers)
    # Cacheable, so it varies by Origin even when this origin gets no CORS header.
    cache = {"Cache-Control": "public, max-age=60", "Vary": "Origin"}
    return _json(200, public.model_dump(mode="json"), {**headers, **cache})


def _page_url() -> str:
    event = app.current_event
    scheme = _header("x-forwarded-proto") or "http"
    path = event.request_context.path or event.path
    query = urlencode(event.query_string_parameters or {})
    return f"{scheme}://{_header('host') or ''}{path}" + (f"?{query}" if query else "")


def _hidden_for_visit() -> dict[str, str]:
    """What a visitor without JavaScript carries: the page's click ids and UTMs, the page itself as the
    landing page and as the page the form is sent from, where they came from, when the form was shown,
    and a key for resends."""
    query = app.current_event.query_string_parameters or {}
    hidden = {
        key: query[key][:2048]
        for key in CLIENT_ATTRIBUTION_KEYS
        if query.get(key) and key not in ("landing_page", "referrer", "first_seen_at", "page_url")
    }
    hidden["landing_page"] = hidden["page_url"] = _page_url()[:2048]
    if _header("referer"):
        hidden["referrer"] = str(_header("referer"))[:2048]
    now_ms = str(int(time.time() * 1000))
    hidden |= {"first_seen_at": now_ms, STARTED_AT_FIELD: now_ms, IDEMPOTENCY_FIELD: secrets.token_hex(16)}
    return hidden


@app.get("/f/<form_id>")
def hosted(form_id: str) -> Response[str]:
    form = submissions.forms.published(form_id)
    if form is None:
        return _html(
            404, hosted_page.message_page("Form not found", "This form does not exist or is closed.")
        )
    if form.suspended:
        return _html(423, hosted_page.message_page("Not accepting submissions", CLOSED_MESSAGE))
    if (app.current_event.query_string_parameters or {}).get("submitted"):
        return _html(200, hosted_page.thanks_page(form.settings), form_id=form_id)
    site_key = form.settings.captcha.site_key if form.settings.captcha else None
    page = hosted_page.form_page(form.settings, site_key=site_key, hidden=_hidden_for_visit())
    return _html(200, page, form_id=form_id)


# Submitting --------------------------------------------------------------------------------------


def _submit_request(form_id: str) -> SubmitRequest:
    event = app.current_event
    return SubmitRequest(
        form_id=form_id,
        body=event.decoded_body or "",
        # No Content-Type is read as JSON, as on every other route (the platform admitted the body).
        content_type=_header("content-type") or JSON,
        ip=event.request_context.identity.source_ip or "",
        user_agent=_header("user-agent") or "",
        origin=_origin(),
        referer=_header("referer"),
        own_host=_header("host"),
        idempotency_key=_header("idempotency-key"),
    )


def _classic_answer(receipt: Receipt) -> Response[str]:
    # "?submitted=1" resolves against the URL posted to, whatever stage or domain prefixes it.
    location = receipt.redirect_url or "?submitted=1"
    return Response(status_code=303, body="", headers={"Location": location, "Cache-Control": "no-store"})


def _classic_error(form_id: str, request: SubmitRequest, error: ConvertlyError) -> Response[str]:
    form = submissions.forms.published(form_id)
    if isinstance(error, ValidationError) and form is not None:
        raw = parse_submission(request.body, request.content_type)
        hidden = {
            **raw.attribution,
            STARTED_AT_FIELD: str(raw.started_at or ""),
            IDEMPOTENCY_FIELD: raw.idempotency_key or "",
        }
        site_key = form.settings.captcha.site_key if form.settings.captcha else None
        page = hosted_page.form_page(
            form.settings,
            site_key=site_key,
            hidden={name: value for name, value in hidden.items() if value},
            values=raw.fields,
            errors=error.fields,
            notice="Please correct the fields marked below.",
        )
        return _html(422, page, form_id=form_id)
    title = _ERROR_TITLES.get(error.status_code, "Something went wrong")
    return _html(error.status_code, hosted_page.message_page(title, error.message), _retry_after(error))


@app.post(
    "/f/<form_id>",
    responses={
        201: {"description": "A JSON post", "content": {"application/json": {"model": SubmitReceipt}}},
        303: {"description": "A form post: to the redirect URL or `?submitted=1`", "content": {}},
    },
)
def submit(form_id: str) -> Response[str]:
    request = _submit_request(form_id)
    classic = is_classic(request.content_type)
    try:
        receipt = submissions.submit(request)
    except ConvertlyError as error:
        metrics.add_metric(name="FormSubmissionsRefused", unit=MetricUnit.Count, value=1)
        if classic:
            return _classic_error(form_id, request, error)
        return _json(error.status_code, error_body(error), {**_cors(form_id), **_retry_after(error)})
    metrics.add_metric(name="FormSubmissions", unit=MetricUnit.Count, value=1)
    if classic:
        return _classic_answer(receipt)
    headers = _cors(form_id)
    if receipt.replayed:
        headers["Idempotent-Replayed"] = "true"
    return _json(201, receipt.body(), headers)


@instrumented(correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
