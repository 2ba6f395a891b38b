"""Scheduled invocations: an EventBridge rate rule per `resources.SCHEDULES` entry."""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from convertly.platform.specs import ScheduleSpec
from convertly.resources import SCHEDULES

from ..constants import construct_id as to_id


class Schedules(Construct):
    """Rate rules on the default bus (the only bus schedules run on); none is fine."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        functions: Mapping[str, lambda_.IFunction],
        schedules: tuple[ScheduleSpec, ...] = SCHEDULES,
    ) -> None:
        super().__init__(scope, construct_id)
        self.rules: list[events.Rule] = [
            events.Rule(
                self,
                f"{to_id(schedule.function)}Every{schedule.rate_minutes}Minutes",
                description=f"Runs {schedule.function} every {schedule.rate_minutes} minutes",
                schedule=events.Schedule.rate(Duration.minutes(schedule.rate_minutes)),
                targets=[targets.LambdaFunction(functions[schedule.function])],
            )
            for schedule in schedules
        ]
