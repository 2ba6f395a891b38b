"""The ad platforms, locally: the Google Ads, Google OAuth and Meta Graph fakes, and the environment
that points the functions at them, with Convertly's platform secrets (the Google Ads developer token and
OAuth client, the Meta app) set to values the fakes know, so "Connect Google Ads" and "Connect Meta" work
end to end on the local stack. Beside them Twilio's fake (SMS), with one account the demo tenant is
connected to (LOCAL_TWILIO_*), and OpenAI's (the AI features), which takes LOCAL_OPENAI_API_KEY."""

from __future__ import annotations

from devstack.fakes.google_ads import GoogleAdsFake, GoogleOAuthFake
from devstack.fakes.meta_graph import MetaGraphFake
from devstack.fakes.openai_api import OpenAIFake
from devstack.fakes.twilio import TwilioFake

LOCAL_META_APP_ID = "100200300400500"
LOCAL_META_APP_SECRET = "convertly-local-meta-app-secret"
LOCAL_META_VERIFY_TOKEN = "convertly-local-meta-verify-token"
LOCAL_GOOGLE_DEVELOPER_TOKEN = "convertly-local-developer-token"
LOCAL_GOOGLE_CLIENT_ID = "convertly-local.apps.googleusercontent.com"
LOCAL_GOOGLE_CLIENT_SECRET = "convertly-local-google-client-secret"
# The local Twilio account: its SID, Auth Token, sending number (Twilio's documented test "From") and
# Messaging Service, as the Twilio fake knows them.
LOCAL_TWILIO_ACCOUNT_SID = "AC" + "c0ffee00" * 4
LOCAL_TWILIO_AUTH_TOKEN = "5ca1ab1e" * 4
LOCAL_TWILIO_NUMBER = "+15005550006"
LOCAL_TWILIO_MESSAGING_SERVICE_SID = "MG" + "5e4d1c0d" * 4
# The key the OpenAI fake takes (the functions' OPENAI_API_KEY locally); shaped like a project key.
LOCAL_OPENAI_API_KEY = "sk-local-convertly-" + "a1b2c3d4" * 4


class AdFakes:
    """Five threaded servers on consecutive ports from `port` (0: free ports): Google Ads, Google OAuth,
    Meta Graph, Twilio and OpenAI."""

    def __init__(self, host: str, port: int) -> None:
        self.oauth = GoogleOAuthFake(
            host, port + 1 if port else 0, clients={LOCAL_GOOGLE_CLIENT_ID: LOCAL_GOOGLE_CLIENT_SECRET}
        )
        self.google_ads = GoogleAdsFake(self.oauth, host, port)
        self.meta = MetaGraphFake(
            host, port + 2 if port else 0, app_id=LOCAL_META_APP_ID, app_secret=LOCAL_META_APP_SECRET
        )
        self.twilio = local_twilio(host, port + 3 if port else 0)
        self.openai = OpenAIFake(host, port + 4 if port else 0, api_key=LOCAL_OPENAI_API_KEY)

    def start(self) -> AdFakes:
        for fake in (self.oauth, self.google_ads, self.meta, self.twilio, self.openai):
            fake.start()
        return self

    def stop(self) -> None:
        for fake in (self.openai, self.twilio, self.meta, self.google_ads, self.oauth):
            fake.stop()

    def environment(self) -> dict[str, str]:
        return {
            "GOOGLE_ADS_API_BASE": self.google_ads.url,
            "GOOGLE_OAUTH_TOKEN_URL": self.oauth.token_url,
            "GOOGLE_OAUTH_AUTHORIZE_URL": self.oauth.authorize_url,
            "GOOGLE_OAUTH_REVOKE_URL": self.oauth.revoke_url,
            "GOOGLE_ADS_DEVELOPER_TOKEN": LOCAL_GOOGLE_DEVELOPER_TOKEN,
            "GOOGLE_OAUTH_CLIENT_ID": LOCAL_GOOGLE_CLIENT_ID,
            "GOOGLE_OAUTH_CLIENT_SECRET": LOCAL_GOOGLE_CLIENT_SECRET,
            "META_GRAPH_API_BASE": self.meta.url,
            "META_DIALOG_BASE": self.meta.url,
            "META_APP_ID": LOCAL_META_APP_ID,
            "META_APP_SECRET": LOCAL_META_APP_SECRET,
            "META_WEBHOOK_VERIFY_TOKEN": LOCAL_META_VERIFY_TOKEN,
            "TWILIO_API_BASE": self.twilio.url,
            # what the openai SDK reads when a client is built without base_url / api_key
            "OPENAI_BASE_URL": f"{self.openai.url}/v1",
            "OPENAI_API_KEY": LOCAL_OPENAI_API_KEY,
        }

    @property
    def urls(self) -> dict[str, str]:
        """Each fake's base URL; `<url>/__log` lists what it received."""
        return {
            "google_ads": self.google_ads.url,
            "google_oauth": self.oauth.url,
            "meta_graph": self.meta.url,
            "twilio": self.twilio.url,
            "openai": self.openai.url,
        }


def local_twilio(host: str = "127.0.0.1", port: int = 0) -> TwilioFake:
    """The Twilio fake with the local account (not started)."""
    fake = TwilioFake(host, port)
    fake.add_account(
        LOCAL_TWILIO_ACCOUNT_SID,
        LOCAL_TWILIO_AUTH_TOKEN,
        numbers=[LOCAL_TWILIO_NUMBER],
        services=[LOCAL_TWILIO_MESSAGING_SERVICE_SID],
        friendly_name="Summit Roofing (local Twilio)",
    )
    return fake
