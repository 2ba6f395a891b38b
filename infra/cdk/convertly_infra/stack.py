"""The Convertly stack: composes the capability constructs and publishes what clients need to connect."""

from __future__ import annotations

from typing import Any

from aws_cdk import CfnOutput, Stack
from constructs import Construct

from .constants import CORS_ALLOW_ORIGIN_CONTEXT, DEFAULT_CORS_ALLOW_ORIGIN
from .constructs.api import Api
from .constructs.auth import Auth
from .constructs.consumers import Consumers
from .constructs.data_table import DataTable
from .constructs.events import Events
from .constructs.functions import FunctionResources, Functions
from .constructs.schedules import Schedules
from .constructs.shared_layer import SharedLayer


class ConvertlyStack(Stack):
    """Data, auth, events, the shared layer, functions, API, consumers and schedules."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs: Any) -> None:
        super().__init__(scope, construct_id, **kwargs)
        cors_allow_origin = str(
            self.node.try_get_context(CORS_ALLOW_ORIGIN_CONTEXT) or DEFAULT_CORS_ALLOW_ORIGIN
        )
        data = DataTable(self, "Data")
        auth = Auth(self, "Auth")
        bus = Events(self, "Events")
        layer = SharedLayer(self, "SharedLayer")
        functions = Functions(
            self,
            "Functions",
            resources=FunctionResources(
                layer=layer.layer,
                table=data.table,
                bus=bus.bus,
                user_pool=auth.user_pool,
                user_pool_client=auth.client,
                cors_allow_origin=cors_allow_origin,
            ),
        )
        api = Api(
            self,
            "Api",
            functions=functions.by_name,
            user_pool=auth.user_pool,
            cors_allow_origin=cors_allow_origin,
        )
        Consumers(self, "Consumers", functions=functions.by_name, queues=bus.queues, table=data.table)
        Schedules(self, "Schedules", functions=functions.by_name)

        outputs = {
            "ApiUrl": api.rest_api.url,
            "UserPoolId": auth.user_pool.user_pool_id,
            "UserPoolClientId": auth.client.user_pool_client_id,
            "TableName": data.table.table_name,
            "EventBusName": bus.bus.event_bus_name,
        }
        for name, value in outputs.items():
            CfnOutput(self, name, value=value)
