"""The whole local stack: starts its parts in order, saves state, stops them in reverse."""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from convertly import resources
from convertly.platform.specs import ScheduleSpec
from devstack import memory, moto_speedups, wakeups
from devstack.ad_fakes import AdFakes
from devstack.api_server import ApiServer
from devstack.aws import LocalAws
from devstack.banner import banner
from devstack.bootstrap import Definitions, Outputs, bootstrap
from devstack.environment import export, function_environment
from devstack.functions import handler_exists
from devstack.mail_sink import MailSink
from devstack.moto_server import MotoServer
from devstack.scheduler import ScheduleRunner
from devstack.seeding import Demo, Login, load_demo, run_seed, save_demo
from devstack.settings import REGION, DevstackSettings
from devstack.snapshot import SnapshotFile, capture, restore
from devstack.sqs_consumer import SqsConsumer
from devstack.state import write_json
from devstack.stream_consumer import Checkpoint, StreamConsumer
from devstack.stripe_server import PUBLISHABLE_KEY, LocalStripe, stripe_environment
from devstack.web_server import WebServer, web_config
from devstack.worker import PollingWorker

# DEVSTACK_SCHEDULE_SECONDS speeds up the schedules that run more often than this (the every-minute ones).
FAST_SCHEDULES_BELOW_MINUTES = 60

log = logging.getLogger("devstack")


def stripe_plans() -> None:
    """Create the plans in localstripe (idempotent); imported late, once the settings are exported."""
    from convertly.billing.stripe_gateway import gateway

    for line in gateway().sync_catalogue():
        log.info("stripe: %s", line)


READY_LINE = "Convertly local stack ready"
SETTLE_SECONDS = 300  # the longest a fresh stack waits for its consumers to work through the seed's events


class LocalStack:
    """moto + bootstrap + seed + API + web app + consumers + schedules, with state in `settings.state_dir`."""

    def __init__(
        self,
        settings: DevstackSettings,
        definitions: Definitions | None = None,
        schedules: tuple[ScheduleSpec, ...] = resources.SCHEDULES,
    ) -> None:
        self.settings = settings
        self.definitions = definitions or Definitions()
        self.schedules = schedules
        self._file = SnapshotFile(settings.snapshot_path)
        self.moto: MotoServer | None = None
        self.api: ApiServer | None = None
        self.web: WebServer | None = None
        self.stripe: LocalStripe | None = None
        self.ad_fakes: AdFakes | None = None
        self.mail: MailSink | None = None
        self.workers: list[PollingWorker] = []

    def start(self) -> dict[str, Any]:
        """Start everything; returns what ready.json holds. Stops what started if a step fails."""
        try:
            return self._start()
        except BaseException:
            self.stop(save=False)
            raise

    def _start(self) -> dict[str, Any]:
        settings = self.settings
        settings.state_dir.mkdir(parents=True, exist_ok=True)
        settings.ready_path.unlink(missing_ok=True)
        memory.tune()
        moto_speedups.apply()
        wakeups.install()
        saved = self._file.read()
        if saved is not None:
            restore(saved)  # before the server starts, so no request sees empty backends
            log.info("restored state from %s", self._file.path)
        self.moto = MotoServer(settings.host, settings.moto_port)
        self.moto.start()
        aws = LocalAws(self.moto.url)
        outputs = bootstrap(aws, self.definitions)
        self.stripe = self._stripe(fresh=saved is None)
        self.ad_fakes = AdFakes(settings.host, settings.ad_fakes_port).start()
        self.mail = MailSink(settings.host, settings.smtp_port, settings.mail_port).start()
        # The web app's port is taken now: links in mail, Checkout's return and the ad platforms' OAuth
        # redirects lead to it (its config.json, which names the API, follows once the API is up).
        self.web = WebServer(settings.host, settings.web_port, settings.web_dist)
        # The API's port too (app.py is loaded when it starts, after the export): an email's one-click
        # unsubscribe posts to it, as on AWS to the API's stage URL.
        self.api = ApiServer(settings.host, settings.api_port)
        environment = {
            **function_environment(outputs, self.moto.url),
            **stripe_environment(self.stripe),
            **self.ad_fakes.environment(),
            **self.mail.environment(),
            "WEB_APP_URL": self.web.url,
            "PUBLIC_API_URL": self.api.url,
        }
        export(environment)
        stripe_plans()
        started = time.monotonic()
        demo = self._demo(fresh=saved is None)
        log.info("demo data ready in %.0f s", time.monotonic() - started)
        self.api.start()
        self.stripe.register_webhook(f"{self.api.url}/webhooks/stripe")
        self.web.configure(self._web_config(outputs))
        self.web.start()
        checkpoints = saved.runner.get("stream_checkpoints", {}) if saved else {}
        self.workers = self._workers(aws, outputs, checkpoints)
        for worker in self.workers:
            worker.start()
        if saved is None and self.settings.seed:
            started = time.monotonic()
            self._settle(aws, outputs)
            log.info("the consumers worked through the demo's events in %.0f s", time.monotonic() - started)
        self.save()  # so the bootstrap and the seed survive even a crash
        memory.freeze_loaded()
        ready = self._ready(outputs, environment, demo.logins)
        write_json(settings.ready_path, ready)
        print(
            banner(
                self.web.url,
                self.web.built,
                self.api.url,
                self.moto.url,
                outputs.user_pool.pool_id,
                outputs.user_pool.client_id,
                str(settings.state_dir),
                demo.logins,
                demo_form_url=f"{self.api.url}/f/{demo.form_id}" if demo.form_id else None,
                stripe_url=self.stripe.url,
                ad_fakes=self.ad_fakes.urls,
                mail_url=f"{self.mail.url}   (SMTP {self.mail.host}:{self.mail.smtp_port})",
            ),
            flush=True,
        )
        print(READY_LINE, flush=True)
        return ready

    def _settle(self, aws: LocalAws, outputs: Outputs) -> None:
        """After a fresh seed, until the consumers have worked through its events (the relay idle,
        every consumer idle with its queue empty, three checks in a row), so the demo is whole when
        the stack says it is ready: notifications, contact roles, smart lists, report cells."""
        sqs = aws.client("sqs")
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        runners = [w for w in self.workers if isinstance(w, SqsConsumer | StreamConsumer)]
        deadline = time.monotonic() + SETTLE_SECONDS
        quiet = 0
        while quiet < 3:
            if time.monotonic() > deadline:
                log.warning("the seed's events are still being worked through; the stack is up anyway")
                return
            time.sleep(0.5)
            waiting = sum(
                int(value)
                for queues in outputs.consumer_queues.values()
                for value in sqs.get_queue_attributes(QueueUrl=queues.queue.url, AttributeNames=names)[
                    "Attributes"
                ].values()
            )
            quiet = quiet + 1 if waiting == 0 and all(w.idle for w in runners) else 0

    def _web_config(self, outputs: Outputs) -> dict[str, str]:
        assert self.api is not None
        return web_config(self.api.url, REGION, outputs.user_pool.pool_id, outputs.user_pool.client_id)

    def _stripe(self, *, fresh: bool) -> LocalStripe:
        """localstripe, its state beside moto's (a fresh stack starts it empty too)."""
        path = self.settings.stripe_state_path
        if fresh:
            path.unlink(missing_ok=True)
        server = LocalStripe(self.settings.host, self.settings.stripe_port, path)
        server.start()
        return server

    def _demo(self, *, fresh: bool) -> Demo:
        path = self.settings.logins_path
        if not fresh:
            return load_demo(path)
        path.unlink(missing_ok=True)
        if not self.settings.seed:
            return Demo()
        demo = run_seed(self.settings.demo_leads)
        save_demo(path, demo)
        return demo

    def _workers(self, aws: LocalAws, outputs: Outputs, checkpoints: dict[str, Any]) -> list[PollingWorker]:
        workers: list[PollingWorker] = []
        for consumer in self.definitions.consumers:
            if self._runnable(consumer.function):
                queue = outputs.consumer_queues[consumer.function].queue
                # Every idle consumer asks moto for messages each poll: the stack's pace, not the tests'.
                workers.append(SqsConsumer(consumer, queue, aws, idle_seconds=self.settings.poll_seconds))
        for stream in self.definitions.stream_consumers:
            if self._runnable(stream.function):
                saved = checkpoints.get(stream.function)
                workers.append(
                    StreamConsumer(
                        stream,
                        outputs.stream_arn,
                        outputs.failure_queues[stream.function],
                        aws,
                        checkpoint=Checkpoint(**saved) if saved else None,
                        idle_seconds=self.settings.poll_seconds,
                    )
                )
        workers += [
            ScheduleRunner(schedule, interval_seconds=self._interval(schedule))
            for schedule in self.schedules
            if self._runnable(schedule.function)
        ]
        return workers

    def _interval(self, schedule: ScheduleSpec) -> float | None:
        """The faster pace (DEVSTACK_SCHEDULE_SECONDS) is for the every-minute schedules; a daily one
        (the score training) keeps its rate: its work is asked for by hand when a test needs it."""
        if schedule.rate_minutes >= FAST_SCHEDULES_BELOW_MINUTES:
            return None
        return self.settings.schedule_seconds

    @staticmethod
    def _runnable(function: str) -> bool:
        if handler_exists(function):
            return True
        log.warning("functions/%s/handler.py does not exist yet: its events wait in place", function)
        return False

    def _ready(self, outputs: Outputs, environment: dict[str, str], logins: list[Login]) -> dict[str, Any]:
        assert self.moto is not None and self.api is not None and self.web is not None
        return {
            "pid": os.getpid(),
            "web_url": self.web.url,
            "web_port": self.web.port,
            "web_built": self.web.built,
            "api_url": self.api.url,
            "docs_url": f"{self.api.url}/docs",
            "openapi_url": f"{self.api.url}/openapi.json",
            "api_port": self.api.port,
            "moto_url": self.moto.url,
            "moto_port": self.moto.port,
            "stripe_url": self.stripe.url if self.stripe else None,
            "stripe_port": self.stripe.port if self.stripe else None,
            "stripe_publishable_key": PUBLISHABLE_KEY,
            "stripe_webhook_url": f"{self.api.url}/webhooks/stripe",
            "ad_fakes": self.ad_fakes.urls if self.ad_fakes else {},
            "mail_url": self.mail.url if self.mail else None,
            "smtp_port": self.mail.smtp_port if self.mail else None,
            "meta_webhook_url": f"{self.api.url}/webhooks/meta",
            "region": REGION,
            "table_name": outputs.table_name,
            "stream_arn": outputs.stream_arn,
            "event_bus_name": outputs.event_bus_name,
            "user_pool_id": outputs.user_pool.pool_id,
            "user_pool_client_id": outputs.user_pool.client_id,
            "queues": {
                function: {"queue_url": refs.queue.url, "dead_letter_queue_url": refs.dead_letter_queue.url}
                for function, refs in outputs.consumer_queues.items()
            },
            "failure_queues": {function: ref.url for function, ref in outputs.failure_queues.items()},
            "web_bucket": outputs.web_bucket,
            "secrets_key_id": outputs.secrets_key_id,
            "mail_sender": outputs.mail_sender,
            "state_dir": str(self.settings.state_dir),
            "env": environment,
            "logins": [login.__dict__ for login in logins],
        }

    def save(self, timeout: float | None = None) -> bool:
        """Snapshot moto and the stream checkpoints together; False if requests kept moto busy."""
        if self.moto is None:
            return False
        try:
            with self.moto.gate.exclusive(timeout):
                # Read the checkpoints under the gate: every effect of a handled record is then in moto.
                streams = {
                    w.spec.function: w.saved_state() for w in self.workers if isinstance(w, StreamConsumer)
                }
                data = capture({"stream_checkpoints": {k: v for k, v in streams.items() if v}})
        except TimeoutError:
            log.debug("moto busy, snapshot postponed")
            return False
        self._file.write(data)
        return True

    def stop(self, *, save: bool = True) -> None:
        """Stop the event runners, then the web app and the API, save, then moto. Safe on a partly
        started stack."""
        for worker in self.workers:
            worker.request_stop()  # all at once: each may be inside a one-second long poll
        for worker in self.workers:
            worker.stop()
        if self.web is not None:
            self.web.stop()
        if self.api is not None:
            self.api.stop()
        if self.stripe is not None:
            self.stripe.stop()
        if self.ad_fakes is not None:
            self.ad_fakes.stop()
        if self.mail is not None:
            self.mail.stop()
        if save and not self.save(timeout=30):
            log.error("could not save state: moto stayed busy")
        if self.moto is not None:
            self.moto.stop()
        self.settings.ready_path.unlink(missing_ok=True)
