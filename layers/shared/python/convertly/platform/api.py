"""The HTTP edge shared by every API function: resolver, authentication, permissions, body limit,
and the one mapping from domain errors to `{"error": {"code", "message", "fields"}}`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.exceptions import ServiceError
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError

from convertly.platform.config import get_settings
from convertly.platform.errors import (
    AuthenticationError,
    ConvertlyError,
    ForbiddenError,
    PayloadTooLargeError,
)
from convertly.platform.observability import logger
from convertly.platform.principal import Principal
from convertly.platform.routes import AuthKind, RouteTable

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
        message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
        fields.setdefault(_field_name(tuple(error.get("loc", ()))), message)
    return fields


def _header(event: Mapping[str, Any], name: str) -> str | None:
    for key, value in (event.get("headers") or {}).items():
        if key.lower() == name:
            return str(value)
    return None


def _body_bytes(event: Mapping[str, Any]) -> int:
    body = event.get("body") or ""
    size = len(body.encode("utf-8"))
    return size * 3 // 4 if event.get("isBase64Encoded") else size


def admit(event: Mapping[str, Any], routes: RouteTable, verifier: TokenVerifier | None) -> Principal | None:
    """Checks that run before anything reads the request: body size, then the token and the role.

    They run ahead of request validation, so an anonymous caller learns nothing about the schema
    and an oversized body is never parsed.
    """
    limit = get_settings().max_body_bytes
    if _body_bytes(event) > limit:
        raise PayloadTooLargeError(f"The request body is larger than {limit} bytes")
    route = routes.find(str(event.get("httpMethod", "")), str(event.get("resource", "")))
    if route is None or route.auth is not AuthKind.USER:
        return None
    if verifier is None:  # a function built for public routes only was handed a user route
        raise AuthenticationError("This function does not accept signed-in requests")
    principal = verifier.principal(_header(event, "authorization"))
    logger.append_keys(tenant_id=principal.tenant_id, user_id=principal.user_id, role=principal.role.value)
    if route.permission and not principal.can(route.permission):
        raise ForbiddenError(f"Your role ({principal.role.value}) cannot do this", code="forbidden_role")
    return principal


class ConvertlyResolver(APIGatewayRestResolver):
    """Powertools' REST resolver with admission (size, token, role) ahead of routing and validation."""

    def __init__(self, routes: RouteTable, verifier: TokenVerifier | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self._routes = routes
        self._verifier = verifier

    def resolve(self, event: Mapping[str, Any], context: Any) -> dict[str, Any]:
        try:
            principal = admit(event, self._routes, self._verifier)
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
        return super().resolve(event, context)


def principal_of(app: APIGatewayRestResolver) -> Principal:
    """The verified caller of the current request (user routes only)."""
    principal: Principal = app.context["principal"]
    return principal


def create_resolver(
    routes: RouteTable, *, validation: bool = True, user_routes: bool = True
) -> ConvertlyResolver:
    """A Powertools REST resolver with request validation, auth and the error mapping installed.

    `routes` are the function's own manifest entries (`convertly.manifest.route_table`): admission
    reads each request's auth kind and permission from them.

    `validation=False` suits a function whose routes take no input (it skips loading the OpenAPI
    machinery at cold start). `user_routes=False` suits a function with public and webhook routes
    only: it never verifies a token, so it does not load PyJWT and cryptography at cold start.
    """
    settings = get_settings()
    verifier = None
    if user_routes:
        from convertly.platform.auth import TokenVerifier  # only here: see user_routes

        verifier = TokenVerifier()
    app = ConvertlyResolver(
        routes,
        verifier,
        enable_validation=validation,
        cors=CORSConfig(
            allow_origin=settings.cors_allow_origin,
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-Match"],
            max_age=600,
        ),
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
