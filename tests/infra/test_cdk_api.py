"""The API Gateway methods are exactly the route manifest, each wired to its function and auth kind."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from convertly.manifest import ROUTES, AuthKind, Route


def _route_id(route: Route) -> str:
    return f"{route.method} {route.path}"


@pytest.mark.parametrize("route", ROUTES, ids=_route_id)
def test_every_route_has_exactly_one_method_on_its_path(stack_template, route):
    # Given the synthesized stack
    # When we look for the route's method on the route's resource path
    matches = [m for m in stack_template.methods() if (m.http_method, m.path) == (route.method, route.path)]

    # Then there is exactly one
    assert len(matches) == 1, f"{_route_id(route)}: found {len(matches)} methods"


@pytest.mark.parametrize("route", ROUTES, ids=_route_id)
def test_every_route_invokes_its_own_function_through_a_proxy_integration(stack_template, route):
    # Given the route's method and the logical id of the route's function
    properties = stack_template.method(route.method, route.path).properties
    function_id = stack_template.function_ids()[route.function]

    # When we read its integration
    integration = properties["Integration"]

    # Then API Gateway proxies to that function's ARN and to no other
    assert integration["Type"] == "AWS_PROXY"
    assert integration["IntegrationHttpMethod"] == "POST"
    uri_parts = integration["Uri"]["Fn::Join"][1]
    referenced = [
        part["Fn::GetAtt"][0] for part in uri_parts if isinstance(part, dict) and "Fn::GetAtt" in part
    ]
    assert referenced == [function_id]


@pytest.mark.parametrize("route", ROUTES, ids=_route_id)
def test_cognito_authorizes_exactly_the_user_routes(stack_template, route):
    # Given the route's method and the stack's one authorizer
    properties = stack_template.method(route.method, route.path).properties
    authorizer_id, authorizer = stack_template.only("AWS::ApiGateway::Authorizer")

    # When we read how the method authorizes callers
    authorization = properties["AuthorizationType"]

    # Then USER routes go through the Cognito authorizer and PUBLIC/WEBHOOK routes through none
    assert authorizer["Properties"]["Type"] == "COGNITO_USER_POOLS"
    if route.auth is AuthKind.USER:
        assert authorization == "COGNITO_USER_POOLS"
        assert properties["AuthorizerId"] == {"Ref": authorizer_id}
    else:
        assert authorization == "NONE"
        assert "AuthorizerId" not in properties


def _gateway_preflight(method) -> bool:
    """An OPTIONS method API Gateway answers itself (the web app's CORS), not a manifest route."""
    return method.http_method == "OPTIONS" and method.properties["Integration"]["Type"] == "MOCK"


def test_the_api_has_no_method_outside_the_manifest(stack_template):
    # Given the manifest's routes
    expected = Counter((route.method, route.path) for route in ROUTES)

    # When we list every method in the template but the gateway's own preflights
    actual = Counter((m.http_method, m.path) for m in stack_template.methods() if not _gateway_preflight(m))

    # Then they are the same routes, each once
    assert actual == expected


def test_every_route_path_answers_cors_preflight_without_auth(stack_template):
    # Given the preflight methods, by path, and the paths whose function answers CORS itself
    preflights = {m.path: m.properties for m in stack_template.methods() if m.http_method == "OPTIONS"}
    own_cors = {route.path for route in ROUTES if route.method == "OPTIONS"}

    # When we look at the paths of the manifest
    paths = {route.path for route in ROUTES}

    # Then every path has an unauthenticated OPTIONS method: the gateway answers it for the web app
    # (no function call), except where the manifest routes it to a function (the public form paths)
    assert paths <= preflights.keys()
    for path in paths:
        assert preflights[path]["AuthorizationType"] == "NONE", path
        expected = "AWS_PROXY" if path in own_cors else "MOCK"
        assert preflights[path]["Integration"]["Type"] == expected, path


def test_gateway_errors_carry_cors_headers(stack_template):
    # Given the gateway responses (401 from the authorizer, throttling, ...)
    responses = stack_template.resources("AWS::ApiGateway::GatewayResponse").values()

    # When we collect the ones that set an allowed origin
    with_cors = {
        r["Properties"]["ResponseType"]
        for r in responses
        if "gatewayresponse.header.Access-Control-Allow-Origin"
        in r["Properties"].get("ResponseParameters", {})
    }

    # Then both default 4XX and 5XX responses are readable by the browser app
    assert with_cors == {"DEFAULT_4XX", "DEFAULT_5XX"}


def test_each_http_function_has_one_invoke_permission_for_this_api_and_the_stack_fits_cloudformation(
    stack_template,
):
    # Given the functions the API routes to
    routed = {route.function for route in ROUTES}
    ids = stack_template.function_ids()
    permissions = [
        p["Properties"]
        for p in stack_template.resources("AWS::Lambda::Permission").values()
        if p["Properties"]["Principal"] == "apigateway.amazonaws.com"
    ]
    # Then each has exactly one permission, for this REST API's methods only
    for name in routed:
        [permission] = [p for p in permissions if p["FunctionName"] == {"Fn::GetAtt": [ids[name], "Arn"]}]
        source = json.dumps(permission["SourceArn"])
        assert stack_template.only("AWS::ApiGateway::RestApi")[0] in source, name
    # And the stack stays below CloudFormation's limit of 500 resources
    assert len(stack_template.raw["Resources"]) < 500
