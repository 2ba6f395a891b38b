"""The routes under one top-level path segment of the REST API (/leads, /settings, ...), in a nested stack.

CloudFormation allows 500 resources in a stack and every route costs a method, most paths a resource and
a preflight; one nested stack per segment keeps the parent stack's share of the API to a resource per
segment, whatever the number of routes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from aws_cdk import Duration, NestedStack
from aws_cdk import aws_apigateway as apigw
from constructs import Construct

from convertly.manifest import AuthKind, Route

from ..constants import CORS_ALLOW_HEADERS, CORS_MAX_AGE_SECONDS
from ..nag import acknowledge, resource_of

_OPEN_BY_DESIGN = (
    "Open by design: public routes (sign-up, login, forms, docs) take no token and webhooks verify "
    "the sender's signature in the handler."
)


@dataclass(frozen=True)
class RouteWiring:
    """What every route stack attaches its methods to: the API, its Cognito authorizer, one integration
    per function (each carries the function's one invoke permission for the API) and the web app's origin."""

    rest_api: apigw.RestApi
    authorizer: apigw.IAuthorizer
    integrations: Mapping[str, apigw.LambdaIntegration]
    cors_allow_origin: str


def top_segment(path: str) -> str:
    """The first segment of a route's path, which names the nested stack it lives in: /leads/{id} -> leads."""
    segment = path.split("/")[1]
    if not segment:
        raise ValueError(f"route path {path!r} has no top-level segment to group it by")
    return segment


def routes_by_segment(routes: tuple[Route, ...]) -> dict[str, tuple[Route, ...]]:
    """The routes grouped by their top-level segment, in manifest order."""
    groups: dict[str, list[Route]] = {}
    for route in routes:
        groups.setdefault(top_segment(route.path), []).append(route)
    return {segment: tuple(group) for segment, group in groups.items()}


def stack_id(segment: str) -> str:
    """The nested stack's construct id: leads -> LeadsRoutes, openapi.json -> OpenapiJsonRoutes. It names
    the segment alone, so a deployed segment keeps its stack; a new scheme would move every path at once."""
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", segment)) + "Routes"


class ApiRoutes(NestedStack):
    """Every resource, method and preflight under /<segment>.

    A segment's whole subtree is in this one stack, so no two stacks create the same resource, and the
    segment stays here as routes are added: moving a subtree to another stack would create it there before
    CloudFormation deletes it here, which API Gateway refuses. The resources hang off the RestApi itself
    (not an import of it), so its deployment hashes these methods into its logical id and waits for this
    stack, as it does for methods of its own stack.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        segment: str,
        routes: tuple[Route, ...],
        wiring: RouteWiring,
    ) -> None:
        super().__init__(scope, construct_id, description=f"Convertly API: the routes under /{segment}")
        self._wiring = wiring
        self._segment = segment
        self._top = apigw.Resource(self, segment, parent=wiring.rest_api.root, path_part=segment)
        for route in routes:
            self._add_route(route)
        self._add_web_app_preflights(routes)

    def _resource(self, path: str) -> apigw.IResource:
        return self._top.resource_for_path(path.removeprefix(f"/{self._segment}").lstrip("/"))

    def _add_route(self, route: Route) -> None:
        resource = self._resource(route.path)
        integration = self._wiring.integrations[route.function]
        if route.auth is AuthKind.USER:
            resource.add_method(
                route.method,
                integration,
                authorization_type=apigw.AuthorizationType.COGNITO,
                authorizer=self._wiring.authorizer,
            )
            return
        # PUBLIC routes need no caller identity; WEBHOOK handlers verify the sender's signature. Only the
        # methods open by design are acknowledged: a USER route without the authorizer still fails the checks.
        method = resource.add_method(
            route.method, integration, authorization_type=apigw.AuthorizationType.NONE
        )
        acknowledge(
            resource_of(method), {"AwsSolutions-APIG4": _OPEN_BY_DESIGN, "AwsSolutions-COG4": _OPEN_BY_DESIGN}
        )

    def _add_web_app_preflights(self, routes: tuple[Route, ...]) -> None:
        """A gateway-answered preflight for the web app's origin on every path, except where the manifest
        routes OPTIONS to a function: the public form paths, whose function allows each form's own sites (a
        default preflight on the whole API would hand them the web app's)."""
        own_cors = {route.path for route in routes if route.method == "OPTIONS"}
        for path in dict.fromkeys(route.path for route in routes):
            if path in own_cors:
                continue
            self._resource(path).add_cors_preflight(
                allow_origins=[self._wiring.cors_allow_origin],
                allow_methods=apigw.Cors.ALL_METHODS,
                allow_headers=CORS_ALLOW_HEADERS,
                max_age=Duration.seconds(CORS_MAX_AGE_SECONDS),
            )
