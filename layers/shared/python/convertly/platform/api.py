"""The HTTP edge shared by every API function: resolver, authentication, permissions, the request
body (size, media type, encoding), and the one mapping from domain errors to
`{"error": {"code", "message", "fields"}}`."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Collection, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.exceptions import ServiceError
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)

from convertly.platform import snapstart
from convertly.platform.config import get_settings
from convertly.platform.errors import (
    AuthenticationError,
    BadRequestError,
    ConvertlyError,
    ForbiddenError,
    PayloadTooLargeError,
    UnsupportedMediaTypeError,
    readable_message,
)
from convertly.platform.observability import logger
from convertly.platform.principal import Principal
from convertly.platform.routes import AuthKind, Route, RouteTable

if TYPE_CHECKING:
    from convertly.platform.auth import TokenVerifier


def error_response(
    status: int,
    code: str,
    message: str,
    fields: dict[str, str] | None = None,
    details: dict[str, Any] | None = None,
) -> Response[Any]:
    error: dict[str, Any] = {"code": code, "message": message, "fields": fields or {}}
    if details:
        error["details"] = details
    body = {"error": error}
    return Response(status_code=status, content_type="application/json", body=json.dumps(body))


def _field_name(location: tuple[Any, ...]) -> str:
    parts = (
        [str(part) for part in location[1:]] if location and location[0] in {"body", "query", "path"} else []
    )
    return ".".join(parts) or (str(location[-1]) if location else "body")


def _validation_fields(errors: list[dict[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        fields.setdefault(_field_name(tuple(error.get("loc", ()))), readable_message(error))
    return fields


def _header(event: Mapping[str, Any], name: str) -> str | None:
    for key, value in (event.get("headers") or {}).items():
        if key.lower() == name:
            return str(value)
    return None


def _body_bytes(event: Mapping[str, Any]) -> int:
    body = event.get("body") or ""
    # surrogatepass: a body that is not text is refused by check_body, after the size is known.
    size = len(body) if isinstance(body, bytes) else len(body.encode("utf-8", "surrogatepass"))
    return size * 3 // 4 if event.get("isBase64Encoded") else size


# Request bodies -----------------------------------------------------------------------------------

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
TEXT = "text/plain"


def media_type(content_type: str | None) -> str:
    """`Application/JSON; charset=utf-8` -> `application/json`."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def _named(media_types: Collection[str]) -> str:
    names = sorted(media_types, key=lambda name: (name != JSON, name))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" or {names[-1]}"


def check_body(event: Mapping[str, Any], media_types: Collection[str] = (JSON,)) -> None:
    """A request body the function can read, or the reason it cannot: 415 `unsupported_media_type`
    for a Content-Type the function does not take, 400 `invalid_body` for bytes that are not UTF-8
    text (or base64 that does not decode). No body passes.

    A body without a Content-Type is read as JSON, as API Gateway and today's clients assume.
    """
    body = event.get("body")
    if body is None or len(body) == 0:
        return
    declared = media_type(_header(event, "content-type")) or JSON
    if declared not in media_types:
        raise UnsupportedMediaTypeError(
            f"Send the body as {_named(media_types)}, with a Content-Type header that says so; "
            f"{declared} is not accepted here"
        )
    if event.get("isBase64Encoded"):
        try:
            body = base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError, TypeError) as error:
            raise BadRequestError(
                "The request body is marked as base64 but does not decode", code="invalid_body"
            ) from error
    try:
        body.decode("utf-8") if isinstance(body, bytes) else body.encode("utf-8")
    except UnicodeError as error:
        raise BadRequestError(
            "The request body is not UTF-8 text: send it encoded as UTF-8", code="invalid_body"
        ) from error


def _canonical_content_type(event: Mapping[str, Any]) -> Mapping[str, Any]:
    """The event with its Content-Type's media type in lower case (`Application/JSON` ->
    `application/json`), as Powertools' body parser compares it case-sensitively."""
    headers = event.get("headers") or {}
    key = next((name for name in headers if name.lower() == "content-type"), None)
    if key is None:
        return event
    value = str(headers[key])
    kind, separator, parameters = value.partition(";")
    canonical = kind.strip().lower() + separator + parameters
    if canonical == value:
        return event
    multi = {name: values for name, values in (event.get("multiValueHeaders") or {}).items()}
    for name in multi:
        if name.lower() == "content-type":
            multi[name] = [canonical]
    return {**event, "headers": {**headers, key: canonical}, "multiValueHeaders": multi or None}


# Admission ----------------------------------------------------------------------------------------

_READS = frozenset({"GET", "HEAD", "OPTIONS"})


def admit(
    event: Mapping[str, Any],
    routes: RouteTable,
    verifier: TokenVerifier | None,
    media_types: Collection[str] = (JSON,),
) -> Principal | None:
    """Checks that run before anything reads the request: body size, then the token and the role,
    then the body's media type and encoding.

    They run ahead of request validation, so an anonymous caller learns nothing about the schema
    and an oversized body is never parsed. The token comes before the body as on AWS, where API
    Gateway's authorizer refuses a user route's request before the function sees its body.
    """
    limit = get_settings().max_body_bytes
    if _body_bytes(event) > limit:
        raise PayloadTooLargeError(f"The request body is larger than {limit} bytes")
    route = routes.find(str(event.get("httpMethod", "")), str(event.get("resource", "")))
    principal = None
    if route is not None and route.auth is AuthKind.USER:
        if verifier is None:  # a function built for public routes only was handed a user route
            raise AuthenticationError("This function does not accept signed-in requests")
        principal = verifier.principal(_header(event, "authorization"))
        from convertly.platform import access  # the table's models: only functions with user routes

        logger.append_keys(
            tenant_id=principal.tenant_id, user_id=principal.user_id, role=principal.role.value
        )
        viewer = principal.impersonator
        claim = None
        if viewer is not None:
            claim = access.ImpersonationClaim(
                viewer.session_id, viewer.user_id, viewer.tenant_id, viewer.role, viewer.secret
            )
        standing = access.check(
            access.Session(
                principal.tenant_id,
                principal.user_id,
                principal.role.value,
                principal.issued_at,
                principal.session_id,
                claim,
            )
        )
        if standing.viewing is not None:
            principal = _viewing(principal, standing.viewing)
        if route.permission and not principal.can(route.permission):
            raise ForbiddenError(f"Your role ({principal.role.value}) cannot do this", code="forbidden_role")
        write = str(event.get("httpMethod", "")).upper() not in _READS
        if principal.impersonator is not None:
            _admit_viewing(route, write, standing, principal.impersonator.role)
        if write and not route.during_suspension:
            access.refuse_write_when_suspended(standing)
    check_body(event, media_types)
    return principal


def _viewing(principal: Principal, record: Any) -> Principal:
    """The principal of a checked view-as session: the target's name and email, the viewer's name."""
    viewer = principal.impersonator
    assert viewer is not None
    return replace(
        principal,
        name=str(record.target_name),
        email=str(record.target_email),
        impersonator=replace(viewer, name=str(record.actor_name), secret=""),
    )


def _admit_viewing(route: Route, write: bool, standing: Any, viewer_role: str) -> None:
    """While viewing as someone: no route that acts on one's own sign-in or hands out access, and no
    write unless a Developer Admin has the tenant's support access."""
    if route.impersonation == "never":
        raise ForbiddenError(
            "Not while viewing as someone else: exit the view first", code="impersonation_not_allowed"
        )
    if write and route.impersonation != "always" and not standing.impersonation_writes:
        message = "Viewing as someone is read-only: exit the view to make changes"
        if viewer_role == "DeveloperAdmin":
            message = (
                "Viewing as someone is read-only until the account grants support access "
                "(Settings > Audit log > Support access)"
            )
        raise ForbiddenError(message, code="impersonation_read_only")


class ConvertlyResolver(APIGatewayRestResolver):
    """Powertools' REST resolver with admission (size, token, role, body) ahead of routing and validation."""

    def __init__(
        self,
        routes: RouteTable,
        verifier: TokenVerifier | None = None,
        media_types: Collection[str] = (JSON,),
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self._routes = routes
        self._verifier = verifier
        self.media_types = frozenset(media_type(name) for name in media_types)

    def resolve(self, event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        try:
            principal = admit(event, self._routes, self._verifier, self.media_types)
            event = _canonical_content_type(event)
        except ConvertlyError as error:
            headers = {"Content-Type": "application/json"}
            if self._cors:
                headers.update(self._cors.to_dict(_header(event, "origin")))
            body = {"error": {"code": error.code, "message": error.message, "fields": error.fields}}
            return {
                "statusCode": error.status_code,
                "headers": headers,
                "body": json.dumps(body),
                "isBase64Encoded": False,
            }
        if principal is not None:
            self.append_context(principal=principal)
        response = super().resolve(event, context)
        if principal is not None:
            route = self._routes.find(str(event.get("httpMethod", "")), str(event.get("resource", "")))
            if route is not None and route.audit:
                _record_action(principal, route.audit, event, response)
            write = str(event.get("httpMethod", "")).upper() not in _READS
            if (
                principal.impersonator is not None
                and write
                and route is not None
                and route.impersonation != "always"
            ):
                _record_viewing_write(principal, event, response)
        return response


def _record_viewing_write(
    principal: Principal, event: Mapping[str, Any], response: Mapping[str, Any]
) -> None:
    """A write made while viewing as someone: in the tenant's audit log and the platform's (when the
    viewer is Convertly's), whatever the handler answered. A write refused at admission (read-only,
    not allowed) never ran and is not recorded."""
    from convertly.platform.events.envelope import DomainEvent
    from convertly.platform.events.outbox import outbox_item

    viewer = principal.impersonator
    assert viewer is not None
    owners = dict.fromkeys([principal.tenant_id, viewer.tenant_id])
    data = {
        "actor_name": viewer.name,
        "target_name": principal.name,
        "target_id": principal.user_id,
        "tenant_id": principal.tenant_id,
        "method": str(event.get("httpMethod", "")),
        "path": str(event.get("path", "")),
        "status": str(response.get("statusCode", "")),
    }
    for owner in owners:
        record = DomainEvent(
            detail_type="ImpersonatedWrite", tenant_id=owner, actor_id=viewer.user_id, data=data
        )
        try:
            outbox_item(record).save()
        except Exception:
            logger.exception("could not record a write made while viewing as someone")


def _record_action(
    principal: Principal, action: str, event: Mapping[str, Any], response: Mapping[str, Any]
) -> None:
    """A successful audited call's `AuditedAction` event, for the tenant's audit log (an outbox item
    the relay publishes). The call has happened: a failure to record it is logged, not answered."""
    if not 200 <= int(response.get("statusCode", 500)) < 300:
        return
    from convertly.platform.events.envelope import DomainEvent
    from convertly.platform.events.outbox import outbox_item

    record = DomainEvent(
        detail_type="AuditedAction",
        tenant_id=principal.tenant_id,
        actor_id=principal.user_id,
        data={
            "action": action,
            "method": str(event.get("httpMethod", "")),
            "path": str(event.get("path", "")),
        },
    )
    try:
        outbox_item(record).save()
    except Exception:
        logger.exception("could not record an audited action")


def principal_of(app: APIGatewayRestResolver) -> Principal:
    """The verified caller of the current request (user routes only)."""
    principal: Principal = app.context["principal"]
    return principal


def create_resolver(
    routes: RouteTable,
    *,
    validation: bool = True,
    user_routes: bool = True,
    media_types: Collection[str] = (JSON,),
    cors: bool = True,
) -> ConvertlyResolver:
    """A Powertools REST resolver with request validation, auth and the error mapping installed.

    `routes` are the function's own manifest entries (`convertly.manifest.route_table`): admission
    reads each request's auth kind and permission from them.

    `validation=False` suits a function whose routes take no input (it skips loading the OpenAPI
    machinery at cold start). `user_routes=False` suits a function with public and webhook routes
    only: it never verifies a token, so it does not load PyJWT and cryptography at cold start.
    `media_types` are the request bodies' Content-Types the function reads (JSON unless it says
    otherwise); any other body is 415 before a route runs. `cors=False` leaves CORS to the function
    (the public form routes answer each form's own sites, not the web app).
    """
    settings = get_settings()
    snapstart.install()  # an API function restores from a snapshot (docs/architecture.md, "Cold starts")
    verifier = None
    if user_routes:
        from convertly.platform.auth import TokenVerifier  # only here: see user_routes

        verifier = TokenVerifier()
    app = ConvertlyResolver(
        routes,
        verifier,
        media_types,
        enable_validation=validation,
        cors=CORSConfig(
            allow_origin=settings.cors_allow_origin,
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-Match"],
            max_age=600,
        )
        if cors
        else None,
    )

    @app.exception_handler(ConvertlyError)
    def _domain_error(error: ConvertlyError) -> Response[Any]:
        return error_response(error.status_code, error.code, error.message, error.fields, error.details)

    @app.exception_handler(RequestValidationError)
    def _invalid_request(error: RequestValidationError) -> Response[Any]:
        errors = list(error.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "invalid_json", "The request body is not valid JSON")
        return error_response(
            422, "validation_error", "Some fields are not valid", _validation_fields(errors)
        )

    @app.exception_handler(RequestUnsupportedContentType)
    def _unsupported_body(_: RequestUnsupportedContentType) -> Response[Any]:
        # check_body refuses these first; this covers a type a function declared but cannot parse.
        return error_response(415, "unsupported_media_type", f"Send the body as {JSON}")

    @app.exception_handler(ServiceError)
    def _service_error(error: ServiceError) -> Response[Any]:
        return error_response(error.status_code, "http_error", str(error.msg))

    @app.exception_handler(Exception)
    def _unexpected(error: Exception) -> Response[Any]:
        logger.exception("Unhandled error")
        return error_response(500, "internal_error", "Something went wrong on our side; try again")

    @app.not_found
    def _not_found(_: Exception) -> Response[Any]:
        return error_response(404, "not_found", "No such route")

    return app


def created(body: dict[str, Any]) -> tuple[dict[str, Any], int]:
    return body, 201
