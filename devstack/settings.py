"""The runner's own settings (ports, state directory, snapshot cadence), read from DEVSTACK_* variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
REGION = "us-east-1"  # the snapshot is keyed by region, so the local stack always uses one


class DevstackSettings(BaseSettings):
    """`DEVSTACK_MOTO_PORT=0` / `DEVSTACK_API_PORT=0` / `DEVSTACK_WEB_PORT=0` pick free ports (written to
    ready.json)."""

    model_config = SettingsConfigDict(env_prefix="DEVSTACK_", extra="ignore", frozen=True)

    host: str = "127.0.0.1"
    moto_port: int = 4566
    api_port: int = 8000
    web_port: int = 3000
    stripe_port: int = 8420  # localstripe
    smtp_port: int = 1025  # the mail sink's SMTP server
    mail_port: int = 8025  # the mail sink's page
    # the Google Ads fake; Google OAuth on the next port, then Meta Graph, Twilio and OpenAI (4614)
    ad_fakes_port: int = 4610
    web_dist: Path = Field(default=REPO_ROOT / "web" / "dist")
    state_dir: Path = Field(default=REPO_ROOT / ".devstack")
    snapshot_seconds: float = 30.0
    # How often the scheduled functions run; unset, each at its schedule's rate (a minute). The
    # browser tests' stacks run them every few seconds, so mail waits seconds, not a minute.
    schedule_seconds: float | None = None
    seed: bool = True
    # How many leads the demo tenant gets; the e2e tests' stacks seed fewer (tests/e2e/conftest.py).
    demo_leads: int = 200
    poll_seconds: float = 0.5

    @property
    def snapshot_path(self) -> Path:
        return self.state_dir / "moto-state.pickle"

    @property
    def stripe_state_path(self) -> Path:
        return self.state_dir / "localstripe.pickle"

    @property
    def logins_path(self) -> Path:
        return self.state_dir / "logins.json"

    @property
    def ready_path(self) -> Path:
        return self.state_dir / "ready.json"
