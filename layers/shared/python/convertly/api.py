"""The HTTP edge shared by every API function: resolver, authentication, permissions, body limit,
and the one mapping from domain errors to `{"error": {"code", "message", "fields"}}`."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.exceptions import ServiceError
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from convertly.auth.tokens import TokenVerifier
from convertly.config import get_settings
from convertly.domain.principal import Principal
from convertly.errors import (
    ConvertlyError,
    ForbiddenError,
    PayloadTooLargeError,
)
from convertly.manifest import AuthKind, find_route
from convertly.observability import logger

_verifier = TokenVerifier()


def error_response(status: int, code: str, message: str, fields: dict[str, str] | None = None) -> Response[Any]:
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return Response(status_code=status, content_type="application/json", body=json.dumps(body))


def _field_name(location: tuple[Any, ...]) -> str:
    parts = [str(part) for part in location[1:]] if location and location[0] in {"body", "query", "path"} else []
    return ".".join(parts) or (str(location[-1]) if location else "body")


def _validation_fields(errors: list[dict[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
        fields.setdefault(_field_name(tuple(error.get("loc", ()))), message)
    return fields


def _body_size(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    body = app.current_event.body or ""
    if len(body.encode("utf-8")) > get_settings().max_body_bytes:
        raise PayloadTooLargeError(f"The request body is larger than {get_settings().max_body_bytes} bytes")
    return next_middleware(app)


def _authenticate(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response[Any]:
    event = app.current_event
    route = find_route(event.http_method, event.resource)
    if route is not None and route.auth is AuthKind.USER:
        principal = _verifier.principal(event.headers.get("authorization") or event.headers.get("Authorization"))
        logger.append_keys(tenant_id=principal.tenant_id, user_id=principal.user_id, role=principal.role.value)
        if route.permission and not principal.can(route.permission):
            raise ForbiddenError(f"Your role ({principal.role.value}) cannot do this", code="forbidden_role")
        app.append_context(principal=principal)
    return next_middleware(app)


def principal_of(app: APIGatewayRestResolver) -> Principal:
    """The verified caller of the current request (user routes only)."""
    principal: Principal = app.context["principal"]
    return principal


def create_resolver() -> APIGatewayRestResolver:
    """A Powertools REST resolver with request validation, auth and the error mapping installed."""
    settings = get_settings()
    app = APIGatewayRestResolver(
        enable_validation=True,
        cors=CORSConfig(
            allow_origin=settings.cors_allow_origin,
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-Match"],
            max_age=600,
        ),
    )
    app.use(middlewares=[_body_size, _authenticate])

    @app.exception_handler(ConvertlyError)
    def _domain_error(error: ConvertlyError) -> Response[Any]:
        return error_response(error.status_code, error.code, error.message, error.fields)

    @app.exception_handler(RequestValidationError)
    def _invalid_request(error: RequestValidationError) -> Response[Any]:
        errors = list(error.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "invalid_json", "The request body is not valid JSON")
        return error_response(422, "validation_error", "Some fields are not valid", _validation_fields(errors))

    @app.exception_handler(ServiceError)
    def _service_error(error: ServiceError) -> Response[Any]:
        return error_response(error.status_code, "http_error", error.msg)

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
