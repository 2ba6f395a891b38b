"""localstripe (a stateful fake of Stripe's API, an aiohttp app) served in a thread of the stack.

localstripe keeps its objects in one store that it pickles to a fixed file under /tmp after every
write. The stack points that store at its own state directory instead (so `make reset` clears it
and two stacks never share one file), or at nothing for tests.

What it offers (read from its source, 1.15): customers, payment methods (and the `pm_card_visa` /
`pm_card_chargeCustomerFail` test ids), products, plans (not prices), subscriptions with one item,
invoices and charges, and signed webhooks (`POST /_config/webhooks/<name>` with `url` and `secret`)
for customer.subscription.created/deleted, invoice.created/payment_succeeded/payment_failed and a
few others, each sent once, a second after the change, with no retry. It has no Checkout, no
customer portal, no customer.subscription.updated event and no clock (periods never roll over).
docs/billing.md says what Convertly does about each.
"""

from __future__ import annotations

import asyncio
import logging
import pickle
import socket
import threading
import warnings
from pathlib import Path
from typing import Any

import requests

log = logging.getLogger("devstack.stripe")
# The SDK logs every request at INFO; the stack's log shows only what goes wrong with Stripe.
logging.getLogger("stripe").setLevel(logging.WARNING)

SECRET_KEY = "sk_test_convertly_local"
PUBLISHABLE_KEY = "pk_test_convertly_local"
WEBHOOK_SECRET = "whsec_convertly_local"
WEBHOOK_NAME = "convertly"


def _store_at(path: Path | None) -> None:
    """Keep localstripe's store in `path` (None: in memory only)."""
    from localstripe import resources

    def load(store: Any) -> None:
        if path is None or not path.exists():
            return
        try:
            with path.open("rb") as file:
                saved = pickle.load(file)  # noqa: S301 - the stack's own file, written below
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            log.warning("could not read %s: localstripe starts empty", path)
            return
        dict.clear(store)
        dict.update(store, saved)

    def dump(store: Any) -> None:
        if path is None:
            return
        partial = path.with_suffix(".partial")
        with partial.open("wb") as file:
            pickle.dump(dict(store), file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)

    resources.Store.try_load_from_disk = load
    resources.Store.dump_to_disk = dump


class LocalStripe:
    """localstripe on host:port (0 picks a free port) until `stop()`."""

    def __init__(self, host: str, port: int, state_path: Path | None = None) -> None:
        _store_at(state_path)
        from localstripe import resources

        with warnings.catch_warnings():  # its routes are plain functions, which aiohttp deprecates
            warnings.simplefilter("ignore", DeprecationWarning)
            from localstripe.server import app

        resources.store.try_load_from_disk()
        self._app = app
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host = host
        self.port = int(self._socket.getsockname()[1])
        self._loop = asyncio.new_event_loop()
        self._runner: Any = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="localstripe", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def _serve(self) -> None:
        from aiohttp import web

        asyncio.set_event_loop(self._loop)

        async def start() -> None:
            self._runner = web.AppRunner(self._app, access_log=None)
            await self._runner.setup()
            await web.SockSite(self._runner, self._socket).start()

        self._loop.run_until_complete(start())
        self._ready.set()
        self._loop.run_forever()

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        if not self._ready.wait(timeout):
            raise TimeoutError("localstripe did not start")

    def register_webhook(self, url: str, secret: str = WEBHOOK_SECRET, name: str = WEBHOOK_NAME) -> None:
        """Have localstripe sign and send its events to `url` (replaces an earlier registration)."""
        response = requests.post(
            f"{self.url}/_config/webhooks/{name}", data={"url": url, "secret": secret}, timeout=10
        )
        response.raise_for_status()

    def stop(self) -> None:
        if not self._thread.is_alive():
            return

        async def shutdown() -> None:
            if self._runner is not None:
                await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)


def stripe_environment(server: LocalStripe) -> dict[str, str]:
    """What the functions need to reach this localstripe (convertly.platform.config reads these)."""
    return {
        "STRIPE_API_BASE": server.url,
        "STRIPE_SECRET_KEY": SECRET_KEY,
        "STRIPE_PUBLISHABLE_KEY": PUBLISHABLE_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_FLAVOUR": "localstripe",
    }
