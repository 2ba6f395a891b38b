"""The Convertly stack: composes the capability constructs and publishes what clients need to connect."""

from __future__ import annotations

from typing import Any

import jsii
from aws_cdk import Aspects, CfnOutput, IAspect, IStableStringProducer, Lazy, Stack
from aws_cdk import aws_lambda as lambda_
from constructs import Construct, IConstruct

from convertly.manifest import ROUTES
from convertly.resources import FUNCTIONS

from .constants import (
    CORS_ALLOW_ORIGIN_CONTEXT,
    DEFAULT_MAIL_FROM,
    MAIL_FROM_CONTEXT,
    PUBLIC_API_URL_CONTEXT,
    RETRY_ENVIRONMENT,
)
from .constructs.api import Api
from .constructs.auth import Auth
from .constructs.billing import StripeKeys
from .constructs.consumers import Consumers
from .constructs.data_table import DataTable
from .constructs.events import Events
from .constructs.functions import FunctionResources, Functions
from .constructs.google_ads_app import GoogleAdsApp
from .constructs.meta_app import MetaApp
from .constructs.openai_key import OpenAiKey, ai_environment
from .constructs.schedules import Schedules
from .constructs.secrets import Secrets
from .constructs.shared_layer import AiLayer, SharedLayer
from .constructs.unsubscribe import UnsubscribeKey
from .constructs.uploads import Uploads
from .constructs.web import WebAppConfig, WebHosting


@jsii.implements(IStableStringProducer)
class _WebOrigin:
    """The web app's origin, read at synth: the API is built before the distribution that names it."""

    def __init__(self) -> None:
        self.web: WebHosting | None = None

    def produce(self) -> str:
        if self.web is None:
            raise RuntimeError("the stack built no web hosting, so the API has no web origin to allow")
        return self.web.url


@jsii.implements(IStableStringProducer)
class _ApiUrl:
    """The API's public URL, read at synth: the functions that name it are built before the API."""

    def __init__(self) -> None:
        self.api: Api | None = None

    def produce(self) -> str:
        if self.api is None:
            raise RuntimeError("the stack built no API, so the functions have no API URL to name")
        return self.api.public_url


@jsii.implements(IAspect)
class StandardRetryMode:
    """Sets RETRY_ENVIRONMENT on every Lambda function of the stack: the capability functions and the
    handlers CDK adds itself (the web deployment's), so no SDK client anywhere runs the legacy mode."""

    def visit(self, node: IConstruct) -> None:
        if isinstance(node, lambda_.CfnFunction):
            for name, value in RETRY_ENVIRONMENT.items():
                node.add_property_override(f"Environment.Variables.{name}", value)


class ConvertlyStack(Stack):
    """Data, auth, events, uploads, the shared layer, functions, API, consumers, schedules and the web app."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs: Any) -> None:
        super().__init__(scope, construct_id, **kwargs)
        web_origin = _WebOrigin()
        pinned_origin = self.node.try_get_context(CORS_ALLOW_ORIGIN_CONTEXT)
        cors_allow_origin = (
            str(pinned_origin) if pinned_origin else Lazy.string(web_origin, display_hint="WebOrigin")
        )
        api_url = _ApiUrl()
        pinned_api_url = self.node.try_get_context(PUBLIC_API_URL_CONTEXT)
        public_api_url = (
            str(pinned_api_url) if pinned_api_url else Lazy.string(api_url, display_hint="PublicApiUrl")
        )
        data = DataTable(self, "Data")
        auth = Auth(self, "Auth")
        bus = Events(self, "Events")
        layer = SharedLayer(self, "SharedLayer")
        ai_layer = AiLayer(self, "AiLayer")
        secrets = Secrets(self, "Secrets")
        stripe_keys = StripeKeys(self, "Billing")
        meta_app = MetaApp(self, "MetaApp")
        google_ads_app = GoogleAdsApp(self, "GoogleAdsApp")
        unsubscribe_key = UnsubscribeKey(self, "Unsubscribe")
        openai_key = OpenAiKey(self, "OpenAi")
        uploads = Uploads(self, "Uploads", cors_allow_origin=cors_allow_origin, queues=bus.queues)
        functions = Functions(
            self,
            "Functions",
            resources=FunctionResources(
                layer=layer.layer,
                ai_layer=ai_layer.layer,
                table=data.table,
                bus=bus.bus,
                user_pool=auth.user_pool,
                user_pool_client=auth.client,
                cors_allow_origin=cors_allow_origin,
                secrets_key=secrets.key,
                stripe_secret=stripe_keys.secret,
                meta_app_secret=meta_app.secret,
                google_ads_app_secret=google_ads_app.secret,
                unsubscribe_secret=unsubscribe_key.secret,
                mail_from=str(self.node.try_get_context(MAIL_FROM_CONTEXT) or DEFAULT_MAIL_FROM),
                public_api_url=public_api_url,
                uploads_bucket=uploads.bucket,
                openai_secret=openai_key.secret,
                ai_environment=ai_environment(self),
            ),
            api_functions=frozenset(route.function for route in ROUTES),
        )
        api = Api(
            self,
            "Api",
            functions=functions.api_targets,
            user_pool=auth.user_pool,
            cors_allow_origin=cors_allow_origin,
        )
        api_url.api = api
        Consumers(self, "Consumers", functions=functions.by_name, queues=bus.queues, table=data.table)
        # The platform console reads each consumer's dead-letter queue: its depth and a peek at a few.
        for spec in FUNCTIONS:
            if spec.inspects_queues:
                for dlq in bus.dead_letter_queues.values():
                    dlq.grant(
                        functions.by_name[spec.name],
                        "sqs:GetQueueUrl",
                        "sqs:GetQueueAttributes",
                        "sqs:ReceiveMessage",
                    )
        Schedules(self, "Schedules", functions=functions.by_name)
        web = WebHosting(
            self,
            "Web",
            api_origin=api.origin,
            uploads_origin=uploads.origin,
            config=WebAppConfig(
                api_url=api.rest_api.url,
                region=self.region,
                user_pool_id=auth.user_pool.user_pool_id,
                user_pool_client_id=auth.client.user_pool_client_id,
            ),
        )
        web_origin.web = web
        uploads.log_access_to(web.logs)

        outputs = {
            "ApiUrl": api.rest_api.url,
            "UserPoolId": auth.user_pool.user_pool_id,
            "UserPoolClientId": auth.client.user_pool_client_id,
            "TableName": data.table.table_name,
            "EventBusName": bus.bus.event_bus_name,
            "WebUrl": web.url,
            "WebBucketName": web.bucket.bucket_name,
            "DistributionId": web.distribution.distribution_id,
            "UploadsBucketName": uploads.bucket.bucket_name,
        }
        for name, value in outputs.items():
            CfnOutput(self, name, value=value)
        Aspects.of(self).add(StandardRetryMode())
