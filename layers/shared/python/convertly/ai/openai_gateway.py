"""Convertly's one door to the OpenAI API (or any endpoint that speaks it: OPENAI_BASE_URL).

The official `openai` SDK, loaded on first use (a function that never asks the model never pays for
its import), with the timeout and retries of the settings: the SDK retries connection errors, 408,
409, 429 and 5xx with its own backoff, then we answer 503 with a sentence. Every answer's token usage
is added to the tenant's month (convertly.ai.usage) before the caller sees it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from convertly.ai import usage
from convertly.platform.config import Settings, get_settings
from convertly.platform.errors import ServiceUnavailableError

log = logging.getLogger(__name__)

_KEY: dict[str, str | None] = {}


def api_key(settings: Settings | None = None) -> str | None:
    """The platform's OpenAI key: set directly, or the `api_key` of the OPENAI_SECRET_ARN secret
    (kept per process once set). None when AI is not set up on this installation."""
    settings = settings or get_settings()
    if settings.openai_api_key:
        return settings.openai_api_key
    if not settings.openai_secret_arn:
        return None
    if not _KEY.get(settings.openai_secret_arn):  # a key set after the container started is read then
        _KEY[settings.openai_secret_arn] = _read_secret(settings)
    return _KEY[settings.openai_secret_arn]


def _read_secret(settings: Settings) -> str | None:
    import boto3  # only where a secret is named
    from botocore.exceptions import BotoCoreError, ClientError

    client = boto3.client(
        "secretsmanager", region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url
    )
    try:
        secret = json.loads(client.get_secret_value(SecretId=settings.openai_secret_arn)["SecretString"])
    except (BotoCoreError, ClientError, ValueError, TypeError) as error:
        log.warning("the OpenAI secret could not be read: %s", type(error).__name__)
        raise ServiceUnavailableError(
            "The AI service's settings could not be read. Try again in a minute.", code="ai_unavailable"
        ) from error
    return str(secret.get("api_key") or "") or None


@dataclass(frozen=True)
class Completion:
    """One answer of the model: its message (text or tool calls) and what it cost."""

    content: str | None
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model: str = ""
    finish_reason: str | None = None

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class OpenAIGateway:
    """Chat Completions for one tenant's request; a client per process and key."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings or get_settings()
        self._client: Any = None

    @property
    def configured(self) -> bool:
        return bool(api_key(self._settings))

    def _sdk(self) -> Any:
        if self._client is None:
            import openai  # first use only: cold starts that never ask the model skip it

            key = api_key(self._settings)
            if not key:
                raise ServiceUnavailableError(
                    "AI is not set up on this Convertly installation (no OpenAI API key).",
                    code="ai_not_configured",
                )
            self._client = openai.OpenAI(
                api_key=key,
                base_url=self._settings.openai_base_url or None,
                timeout=float(self._settings.ai_timeout_seconds),
                max_retries=self._settings.ai_max_retries,
            )
        return self._client

    def complete(
        self,
        tenant_id: str,
        *,
        model: str,
        messages: list[dict[str, Any]],
        response_format: dict[str, Any] | None = None,
        tools: list[dict[str, Any]] | None = None,
        max_tokens: int = 800,
    ) -> Completion:
        """Ask the model; the tokens it used are counted to the tenant's month whatever came back."""
        import openai

        request: dict[str, Any] = {
            "model": model,
            "messages": messages,
            "max_completion_tokens": max_tokens,
            "temperature": 0.2,
        }
        if response_format is not None:
            request["response_format"] = response_format
        if tools:
            request["tools"] = tools
            request["tool_choice"] = "auto"
            request["parallel_tool_calls"] = False
        try:
            answer = self._sdk().chat.completions.create(**request)
        except openai.AuthenticationError as error:
            log.error("the OpenAI API refused the platform's key")
            raise ServiceUnavailableError(
                "The AI service refused this installation's key. An administrator of Convertly must "
                "set a valid OpenAI API key.",
                code="ai_not_configured",
            ) from error
        except (openai.APITimeoutError, openai.APIConnectionError) as error:
            raise ServiceUnavailableError(
                "The AI service did not answer in time. Try again in a minute.", code="ai_unavailable"
            ) from error
        except openai.RateLimitError as error:
            raise ServiceUnavailableError(
                "The AI service is busy right now. Try again in a minute.", code="ai_unavailable"
            ) from error
        except openai.APIStatusError as error:
            log.warning("the OpenAI API answered %s", error.status_code)
            raise ServiceUnavailableError(
                f"The AI service could not answer (status {error.status_code}). Try again in a minute.",
                code="ai_unavailable",
            ) from error
        spent = answer.usage
        prompt = int(getattr(spent, "prompt_tokens", 0) or 0)
        completion = int(getattr(spent, "completion_tokens", 0) or 0)
        usage.record(tenant_id, prompt, completion)
        choice = answer.choices[0]
        calls = [
            {"id": call.id, "name": call.function.name, "arguments": call.function.arguments}
            for call in (choice.message.tool_calls or [])
            if getattr(call, "function", None) is not None
        ]
        return Completion(
            content=choice.message.content,
            tool_calls=calls,
            prompt_tokens=prompt,
            completion_tokens=completion,
            model=str(answer.model or model),
            finish_reason=choice.finish_reason,
        )
