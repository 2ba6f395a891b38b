"""The REST API: one explicit resource and method per manifest route, each proxied to its function.

The API, its authorizer, stage and gateway responses and the functions' invoke permissions are in the
parent stack; the resources and methods under each top-level path segment are a nested stack of their own
(api_routes.py), so the parent stack stays far below CloudFormation's 500 resources as routes are added.
"""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Stack
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from convertly.manifest import ROUTES, Route

from ..constants import API_NAME, API_STAGE, API_THROTTLE_BURST, API_THROTTLE_RATE
from ..constants import construct_id as to_id
from ..nag import acknowledge, resource_of
from .api_routes import ApiRoutes, RouteWiring, routes_by_segment, stack_id


class Api(Construct):
    """API Gateway in front of the HTTP functions; Cognito authorizes USER routes before they are invoked."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        functions: Mapping[str, lambda_.IFunction],
        user_pool: cognito.IUserPool,
        cors_allow_origin: str,
        routes: tuple[Route, ...] = ROUTES,
    ) -> None:
        super().__init__(scope, construct_id)
        self.rest_api = apigw.RestApi(
            self,
            "RestApi",
            rest_api_name=API_NAME,
            description="Convertly CRM API",
            endpoint_types=[apigw.EndpointType.REGIONAL],
            # API Gateway's account-wide logging role is the deploy environment's to set, not one stack's.
            cloud_watch_role=False,
            deploy_options=apigw.StageOptions(
                stage_name=API_STAGE,
                tracing_enabled=True,
                metrics_enabled=True,
                throttling_rate_limit=API_THROTTLE_RATE,
                throttling_burst_limit=API_THROTTLE_BURST,
            ),
        )
        # The stack publishes the URL as ApiUrl; RestApi's own Endpoint output would be a duplicate.
        self.rest_api.node.try_remove_child("Endpoint")
        # Scheme and host only: it depends on the RestApi alone, not on the stage and its deployment, so the
        # web app's CSP can name it while the methods' CORS headers name the web app's origin.
        stack = Stack.of(self)
        self.origin = f"https://{self.rest_api.rest_api_id}.execute-api.{stack.region}.{stack.url_suffix}"
        # The stage's URL, built from the RestApi and the stage's fixed name rather than read from the stage
        # (rest_api.url refers to the stage, which depends on every method, which refer to the functions):
        # functions may name it (PUBLIC_API_URL) without a cycle.
        self.public_url = f"{self.origin}/{API_STAGE}"
        self._cors_on_gateway_errors(cors_allow_origin)
        self.authorizer = apigw.CognitoUserPoolsAuthorizer(
            self, "Authorizer", cognito_user_pools=[user_pool], authorizer_name="convertly-cognito"
        )
        # One integration per function: every route of that function shares it, and so does one invoke
        # permission for this API, created beside the RestApi in this stack whichever route stacks use the
        # function (a permission per method made a hundred resources of the stack's 500; the function still
        # answers only the routes its resolver was given).
        integrations = {
            name: apigw.LambdaIntegration(function, scope_permission_to_method=False)
            for name, function in functions.items()
        }
        wiring = RouteWiring(self.rest_api, self.authorizer, integrations, cors_allow_origin)
        self.route_stacks = [
            ApiRoutes(self, stack_id(segment), segment=segment, routes=segment_routes, wiring=wiring)
            for segment, segment_routes in routes_by_segment(routes).items()
        ]
        self._acknowledge()

    def _cors_on_gateway_errors(self, origin: str) -> None:
        # Errors API Gateway answers itself (401 from the authorizer, throttling) must be readable by the SPA.
        headers = {"Access-Control-Allow-Origin": f"'{origin}'"}
        for response_type in (apigw.ResponseType.DEFAULT_4_XX, apigw.ResponseType.DEFAULT_5_XX):
            self.rest_api.add_gateway_response(
                to_id(response_type.response_type.lower()), type=response_type, response_headers=headers
            )

    def _acknowledge(self) -> None:
        acknowledge(
            resource_of(self.rest_api),
            {
                "AwsSolutions-APIG2": "Each handler validates its body with Pydantic (Powertools resolver) "
                "and answers 422 with field errors; a gateway model would duplicate that contract.",
            },
        )
        findings = {
            "AwsSolutions-APIG1": "Access logging needs the account-level API Gateway CloudWatch role, which "
            "the deploy environment owns; functions log every request with a correlation id.",
            "AwsSolutions-APIG3": "WAF is attached by the deploy environment, which owns the web ACL.",
            "AwsSolutions-APIG6": "Execution logging needs the account-level API Gateway CloudWatch role; "
            "functions log every request.",
        }
        acknowledge(resource_of(self.rest_api.deployment_stage), findings)
