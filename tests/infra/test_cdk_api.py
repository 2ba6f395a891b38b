"""The API Gateway methods are exactly the route manifest, each wired to its function and auth kind."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from convertly.manifest import ROUTES, AuthKind, Route
from tests.infra.conftest import FUNCTION_STACKS


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
    # Given the route's method
    properties = stack_template.method(route.method, route.path).properties

    # When we read its integration
    integration = properties["Integration"]

    # Then API Gateway proxies to the `live` alias of that function (SnapStart's published version) and
    # to no other
    assert integration["Type"] == "AWS_PROXY"
    assert integration["IntegrationHttpMethod"] == "POST"
    assert stack_template.invoked_function(integration["Uri"]) == route.function


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


def test_each_http_function_has_one_invoke_permission_for_this_api(stack_template):
    # Given the functions the API routes to and the API Gateway permissions of the stack
    routed = {route.function for route in ROUTES}
    permissions = [
        p["Properties"]
        for p in stack_template.resources("AWS::Lambda::Permission").values()
        if p["Properties"]["Principal"] == "apigateway.amazonaws.com"
    ]

    # When we look for permissions in the nested stacks that hold the routes
    in_route_stacks = [
        logical_id
        for nested in stack_template.nested
        for logical_id, resource in nested.resources.items()
        if resource["Type"] == "AWS::Lambda::Permission"
    ]

    # Then each function's live alias has exactly one permission, in the stack, for this REST API's methods
    for name in routed:
        [permission] = [p for p in permissions if stack_template.invoked_function(p["FunctionName"]) == name]
        source = json.dumps(permission["SourceArn"])
        assert stack_template.only("AWS::ApiGateway::RestApi")[0] in source, name
    # And none in a route stack, however many of them route to the function
    assert in_route_stacks == []


def test_the_stack_and_each_nested_stack_stay_well_below_cloudformations_limit(stack_template):
    # Given the stack's template and its nested stacks'
    templates = stack_template.every_template()

    # When we count the resources of each
    counts = {path.name: len(template["Resources"]) for path, template in templates.items()}

    # Then each is below 470 (CloudFormation allows 500 per stack). The main stack holds every function,
    # queue and rule (the routes are in nested stacks); the next capability with consumers moves its
    # resources into a nested stack of its own rather than raising this again.
    assert len(counts) > 1, "the API's routes are not in nested stacks"
    assert {name: count for name, count in counts.items() if count >= 470} == {}


def test_each_top_level_path_segment_is_one_nested_stack_that_creates_its_whole_subtree(stack_template):
    # Given the paths of the API Gateway resources each nested stack creates
    subtrees = [list(nested.api_paths().values()) for nested in stack_template.nested]

    # When we take the top-level segments of each stack's paths
    segments = [{path.split("/")[1] for path in paths} for paths in subtrees if paths]

    # Then each stack holds one segment and no segment is in two stacks, so no path is created twice (API
    # Gateway refuses a second resource with the same path); the stack itself creates none
    assert all(len(found) == 1 for found in segments), segments
    tops = [found.pop() for found in segments]
    assert len(tops) == len(set(tops)), tops
    assert {route.path.split("/")[1] for route in ROUTES} == set(tops)
    assert stack_template.resources("AWS::ApiGateway::Resource") == {}
    assert stack_template.resources("AWS::ApiGateway::Method") == {}


def test_the_deployment_waits_for_every_route_stack(stack_template):
    # Given the API's deployment and the nested stacks that hold its routes
    _, deployment = stack_template.only("AWS::ApiGateway::Deployment")
    route_stacks = {
        nested.stack_id for nested in stack_template.nested if not nested.stack_id.startswith(FUNCTION_STACKS)
    }

    # When we read what CloudFormation must create before it
    depends_on = set(deployment.get("DependsOn", []))

    # Then it snapshots the API only once every route stack is done
    assert route_stacks
    assert route_stacks <= depends_on


def _deployment_id(routes: tuple[Route, ...]) -> str:
    """The logical id of the deployment of an API with exactly these routes, outside the main stack."""
    from aws_cdk import App, Stack
    from aws_cdk import aws_cognito as cognito
    from aws_cdk import aws_lambda as lambda_
    from aws_cdk.assertions import Template

    from convertly_infra.constants import RUNTIME
    from convertly_infra.constructs.api import Api

    stack = Stack(App(), "ApiProbe")
    functions = {
        name: lambda_.Function(
            stack,
            name,
            code=lambda_.Code.from_inline("def handler(event, context): pass"),
            handler="index.handler",
            runtime=RUNTIME,
        )
        for name in dict.fromkeys(route.function for route in routes)
    }
    pool = cognito.UserPool(stack, "Pool")
    Api(
        stack, "Api", functions=functions, user_pool=pool, cors_allow_origin="https://app.test", routes=routes
    )
    [logical_id] = Template.from_stack(stack).find_resources("AWS::ApiGateway::Deployment")
    return str(logical_id)


def test_a_route_added_in_a_nested_stack_gets_a_new_deployment():
    # Given an API with a route under /leads and one under /webhooks, and the same API with one more
    # under /leads
    routes = (
        Route("GET", "/leads", "leads", AuthKind.USER),
        Route("POST", "/webhooks/meta", "meta_webhook", AuthKind.WEBHOOK),
    )
    more = (*routes, Route("GET", "/leads/{lead_id}", "leads", AuthKind.USER))

    # When each is synthesized
    # Then the deployments differ, so CloudFormation creates a new one and the stage serves the new route
    assert _deployment_id(routes) == _deployment_id(routes)
    assert _deployment_id(more) != _deployment_id(routes)
