"""OpenAI's REST API (`/v1`) for the AI features, checked against the documented Chat Completions format
and answering as a deterministic model would (no randomness, no clock in what it says).

Every request needs `Authorization: Bearer <key>` with the configured key; otherwise 401
`invalid_api_key`. Errors are OpenAI's JSON `{"error": {message, type, param, code}}`.

`GET /v1/models`, `GET /v1/models/{model}`: the models the fake knows; a request naming another answers
404 `model_not_found`.

`POST /v1/chat/completions`: each problem in the body answers 400 `invalid_request_error` with `param`
naming the field: `model`; `messages` (roles system/developer/user/assistant/tool, content a string or
text parts, assistant `tool_calls` with JSON `arguments`, each tool call answered by a `tool` message
before the next other message); `tools` (at most 128 functions, names `^[a-zA-Z0-9_-]{1,64}$`,
`parameters` an object schema); `tool_choice` (only with tools); `response_format` (text, json_object
with "json" in the messages, json_schema; a strict schema keeps structured outputs' rules:
`additionalProperties: false` and every property required, in every object); `temperature` 0..2;
`max_tokens` / `max_completion_tokens` >= 1; `stream`, `stream_options` (only when streaming); `n` 1.
Arguments OpenAI documents but the fake does not model answer "Unrecognized request argument supplied",
except those it ignores (IGNORED_FIELDS).

The answer, first that applies:
1. A tool call, when tools are given and `tool_choice` is not "none": after a user message, the tool
   with the most distinct significant words (lower-cased, 4+ letters, not STOP_WORDS; from the name
   split on `_` and from the description) found in the question (the first wins a tie; none found:
   text with "auto", the first tool with "required"; a named choice calls the named one); after tool
   results, another tool not called since the question that scores above 0, else no call. Arguments
   come from the tool's schema (`tool_arguments`).
2. With `response_format` json_schema, content valid against the schema (`StructuredAnswer`); with
   json_object, `{"answer": <first line of the question>}`.
3. After tool results, a summary of every result since the question (`summarise_results`).
4. Otherwise "Summary: " and the question's first 300 characters, whitespace collapsed.

`usage` counts a token per 4 characters (messages' text, the tools' and the schema's JSON; the answer).
With `stream` the same answer comes as `chat.completion.chunk` server-sent events.

A request-format mistake is kept in `problems` as well, so tests can assert the client never makes one.
"""

from __future__ import annotations

import json
import math
import re
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from devstack.fakes.base import FakeAnswer, FakeRequest, FakeServer, LoggedRequest

CHAT = "/v1/chat/completions"
MODELS = "/v1/models"
_MODEL = re.compile(r"^/v1/models/([^/]+)$")
DEFAULT_MODELS = ("gpt-4o-mini", "gpt-4.1-mini", "gpt-4o", "gpt-4.1")
CREATED = 1767225600  # 2026-01-01T00:00:00Z: every answer says it, so the same request answers the same
FINGERPRINT = "fp_convertly_local"
ROLES = ("system", "developer", "user", "assistant", "tool")
TOOL_CHOICES = ("none", "auto", "required")
NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
MAX_TOOLS = 128
CHECKED_FIELDS = frozenset(
    {
        "model",
        "messages",
        "tools",
        "tool_choice",
        "response_format",
        "temperature",
        "max_tokens",
        "max_completion_tokens",
        "stream",
        "stream_options",
        "n",
    }
)
# Documented, and without effect on a deterministic answer: taken and ignored.
IGNORED_FIELDS = frozenset(
    {
        "user",
        "seed",
        "top_p",
        "metadata",
        "store",
        "parallel_tool_calls",
        "frequency_penalty",
        "presence_penalty",
    }
)
_BASE_MESSAGE = {"role", "content", "name"}
MESSAGE_FIELDS = {
    "system": _BASE_MESSAGE,
    "developer": _BASE_MESSAGE,
    "user": _BASE_MESSAGE,
    # what the SDK sends back when a client appends the assistant message it was given
    "assistant": _BASE_MESSAGE | {"tool_calls", "refusal", "annotations", "audio", "function_call"},
    "tool": {"role", "content", "tool_call_id"},
}
# Words of four letters or more that say nothing about which tool a question wants.
STOP_WORDS = frozenset({
    "about", "above", "after", "again", "also", "among", "been", "before", "being", "below", "between",
    "both", "could", "data", "does", "doing", "down", "during", "each", "either", "every", "fetch", "find",
    "from", "given", "have", "having", "here", "into", "just", "like", "list", "many", "more", "most",
    "much", "must", "need", "only", "other", "over", "please", "return", "returns", "same", "should",
    "show", "some", "such", "tell", "than", "that", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "tool", "under", "until", "used", "using", "very", "what", "when", "where",
    "which", "while", "with", "would", "your",
})  # fmt: skip
CHUNK_CHARACTERS = 20  # a streamed answer's content (and a tool call's arguments) comes in pieces this long
MAX_LIST_ITEMS = 20  # a summarised list shows this many items, then how many more
LINK_FIELDS = ("url", "link", "href")
LABEL_FIELDS = ("name", "title", "label")
MAX_DEPTH = 8  # how deep a generated structured answer nests (a schema may refer to itself)
_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class InvalidRequestError(Exception):
    """What OpenAI answers 400 `invalid_request_error`; `param` names the field."""

    def __init__(self, message: str, param: str | None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code


class ModelNotFoundError(Exception):
    """A model the fake does not know: OpenAI's 404 `model_not_found`."""

    def __init__(self, model: str) -> None:
        super().__init__(model)
        self.model = model


def openai_error(
    message: str, error_type: str = "invalid_request_error", param: str | None = None, code: str | None = None
) -> dict[str, Any]:
    return {"error": {"message": message, "type": error_type, "param": param, "code": code}}


# The request ------------------------------------------------------------------------------------------


@dataclass
class Conversation:
    """A checked chat completion request."""

    model: str
    messages: list[dict[str, Any]]
    texts: list[str]  # each message's text ("" for an assistant message with only tool calls)
    tools: list[dict[str, Any]]  # as sent
    choice: str  # none, auto, required, or function (then `forced` names it)
    forced: str | None
    response_format: dict[str, Any] | None  # json_object or json_schema; None for text
    stream: bool
    include_usage: bool
    calls: dict[str, str]  # tool call id -> the function it called

    @property
    def functions(self) -> list[dict[str, Any]]:
        return [tool["function"] for tool in self.tools]

    @property
    def turn(self) -> int:
        """Where the current turn starts: just after the last user message."""
        users = [i for i, message in enumerate(self.messages) if message["role"] == "user"]
        return users[-1] + 1 if users else 0

    @property
    def question(self) -> str:
        """The last user message's text."""
        turn = self.turn
        return self.texts[turn - 1] if turn else ""

    @property
    def user_content(self) -> str:
        return "\n".join(
            text for message, text in zip(self.messages, self.texts, strict=True) if message["role"] == "user"
        )

    @property
    def first_line(self) -> str:
        return next((line.strip() for line in self.question.splitlines() if line.strip()), "")

    def called_this_turn(self) -> set[str]:
        return {
            call["function"]["name"]
            for message in self.messages[self.turn :]
            if message["role"] == "assistant"
            for call in message.get("tool_calls") or []
        }

    def results_this_turn(self) -> list[tuple[str, str]]:
        """(function name, result text) of every tool message since the question, in order."""
        return [
            (self.calls[message["tool_call_id"]], text)
            for message, text in zip(self.messages[self.turn :], self.texts[self.turn :], strict=True)
            if message["role"] == "tool"
        ]

    def prompt_characters(self) -> int:
        schema = (self.response_format or {}).get("json_schema", {}).get("schema")
        return (
            sum(len(text) for text in self.texts)
            + (len(json.dumps(self.tools)) if self.tools else 0)
            + (len(json.dumps(schema)) if schema is not None else 0)
        )


def read_request(body: Any, models: Iterable[str]) -> Conversation:
    """The request checked as OpenAI checks it; raises InvalidRequestError or ModelNotFoundError."""
    if not isinstance(body, dict):
        raise InvalidRequestError(
            "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload.", None
        )
    unknown = [name for name in body if name not in CHECKED_FIELDS | IGNORED_FIELDS]
    if unknown:
        raise InvalidRequestError(
            f"Unrecognized request argument supplied: {unknown[0]}", unknown[0], "unknown_parameter"
        )
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise InvalidRequestError(
            "You must provide a model parameter.", "model", "missing_required_parameter"
        )
    if model not in set(models):
        raise ModelNotFoundError(model)
    messages, texts, calls = _check_messages(body.get("messages"))
    tools = _check_tools(body.get("tools"))
    choice, forced = _check_tool_choice(body.get("tool_choice"), tools)
    response_format = _check_response_format(body.get("response_format"), texts)
    _check_sampling(body)
    stream, include_usage = _check_stream(body)
    return Conversation(
        model, messages, texts, tools, choice, forced, response_format, stream, include_usage, calls
    )


def _json_type(value: Any) -> str:
    for kind, name in ((bool, "a boolean"), (str, "a string"), (dict, "an object"), (list, "an array")):
        if isinstance(value, kind):
            return name
    return "null" if value is None else "a number"


def _type_error(param: str, expected: str, value: Any) -> InvalidRequestError:
    return InvalidRequestError(
        f"Invalid type for '{param}': expected {expected}, but got {_json_type(value)} instead.",
        param,
        "invalid_type",
    )


def _missing(param: str) -> InvalidRequestError:
    return InvalidRequestError(f"Missing required parameter: '{param}'.", param, "missing_required_parameter")


def _empty_array(param: str) -> InvalidRequestError:
    return InvalidRequestError(
        f"Invalid '{param}': empty array. Expected an array with minimum length 1, but got an empty array "
        "instead.",
        param,
        "empty_array",
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_messages(messages: Any) -> tuple[list[dict[str, Any]], list[str], dict[str, str]]:
    if messages is None:
        raise _missing("messages")
    if not isinstance(messages, list):
        raise _type_error("messages", "an array", messages)
    if not messages:
        raise _empty_array("messages")
    flow = _ToolFlow()
    texts = []
    for index, message in enumerate(messages):
        texts.append(_check_message(message, f"messages[{index}]"))
        flow.see(message, f"messages[{index}]")
    flow.finish()
    return messages, texts, flow.calls


def _check_message(message: Any, param: str) -> str:
    """The message's text, once its shape is checked."""
    if not isinstance(message, dict):
        raise _type_error(param, "an object", message)
    role = message.get("role")
    if role not in ROLES:
        raise InvalidRequestError(
            f"Invalid value: {json.dumps(role)}. Supported values are: 'system', 'developer', 'user', "
            "'assistant' and 'tool'.",
            f"{param}.role",
            "invalid_value",
        )
    unknown = sorted(set(message) - MESSAGE_FIELDS[role])
    if unknown:
        raise InvalidRequestError(
            f"Unrecognized argument '{unknown[0]}' in '{param}': a {role} message does not take it.",
            f"{param}.{unknown[0]}",
            "unknown_parameter",
        )
    if role == "assistant":
        return _check_assistant(message, param)
    if role == "tool" and not isinstance(message.get("tool_call_id"), str):
        raise _missing(f"{param}.tool_call_id")
    if "content" not in message:
        raise _missing(f"{param}.content")
    return _text(message["content"], f"{param}.content")


def _text(content: Any, param: str) -> str:
    """A content's text: a string, or its text parts joined by new lines."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        raise _type_error(param, "a string or an array of text parts", content)
    if not content:
        raise _empty_array(param)
    return "\n".join(_part_text(part, f"{param}[{index}]") for index, part in enumerate(content))


def _part_text(part: Any, param: str) -> str:
    if not isinstance(part, dict) or part.get("type") != "text":
        raise InvalidRequestError(
            f"Invalid value for '{param}.type': this fake takes text parts only "
            '({"type": "text", "text": ...}).',
            f"{param}.type",
            "invalid_value",
        )
    if not isinstance(part.get("text"), str):
        raise _type_error(f"{param}.text", "a string", part.get("text"))
    return str(part["text"])


def _check_assistant(message: dict[str, Any], param: str) -> str:
    calls = message.get("tool_calls")
    if calls is not None:
        _check_tool_calls(calls, f"{param}.tool_calls")
    content = message.get("content")
    if content is None:
        if not calls:
            raise InvalidRequestError(
                f"Invalid value for '{param}.content': expected a string, got null (an assistant message "
                "without content needs tool_calls).",
                f"{param}.content",
                "invalid_value",
            )
        return ""
    return _text(content, f"{param}.content")


def _check_tool_calls(calls: Any, param: str) -> None:
    if not isinstance(calls, list):
        raise _type_error(param, "an array", calls)
    if not calls:
        raise _empty_array(param)
    for index, call in enumerate(calls):
        _check_tool_call(call, f"{param}[{index}]")


def _check_tool_call(call: Any, param: str) -> None:
    if not isinstance(call, dict):
        raise _type_error(param, "an object", call)
    if not isinstance(call.get("id"), str) or not call["id"]:
        raise _missing(f"{param}.id")
    if call.get("type") != "function":
        raise InvalidRequestError(
            f"Invalid value for '{param}.type': supported values are: 'function'.",
            f"{param}.type",
            "invalid_value",
        )
    function = call.get("function")
    if not isinstance(function, dict):
        raise _type_error(f"{param}.function", "an object", function)
    if not isinstance(function.get("name"), str) or not function["name"]:
        raise _missing(f"{param}.function.name")
    _check_arguments(function.get("arguments"), f"{param}.function.arguments")


def _check_arguments(arguments: Any, param: str) -> None:
    if not isinstance(arguments, str):
        raise _type_error(param, "a string (the arguments as JSON)", arguments)
    try:
        json.loads(arguments)
    except ValueError:
        raise InvalidRequestError(
            f"Invalid '{param}': the arguments are not valid JSON.", param, "invalid_value"
        ) from None


class _ToolFlow:
    """Tool calls and their results, in order: every call is answered before the next message that is
    not a tool result, and a result answers a call an earlier assistant message made."""

    def __init__(self) -> None:
        self.calls: dict[str, str] = {}
        self.pending: list[str] = []
        self.asked_at = ""

    def see(self, message: dict[str, Any], param: str) -> None:
        if message["role"] == "tool":
            call_id = message["tool_call_id"]
            if call_id not in self.calls:
                raise InvalidRequestError(
                    "Invalid parameter: messages with role 'tool' must be a response to a preceding message "
                    f"with 'tool_calls'; no earlier assistant message made the call '{call_id}'.",
                    f"{param}.tool_call_id",
                    "invalid_value",
                )
            if call_id in self.pending:
                self.pending.remove(call_id)
            return
        self.finish()
        for call in message.get("tool_calls") or []:
            self.calls[call["id"]] = call["function"]["name"]
            self.pending.append(call["id"])
            self.asked_at = param

    def finish(self) -> None:
        if self.pending:
            raise InvalidRequestError(
                "An assistant message with 'tool_calls' must be followed by tool messages responding to "
                "each 'tool_call_id'. The following tool_call_ids did not have response messages: "
                + ", ".join(self.pending),
                f"{self.asked_at}.tool_calls",
                "invalid_value",
            )


def _check_tools(tools: Any) -> list[dict[str, Any]]:
    if tools is None:
        return []
    if not isinstance(tools, list):
        raise _type_error("tools", "an array", tools)
    if not tools:
        raise _empty_array("tools")
    if len(tools) > MAX_TOOLS:
        raise InvalidRequestError(
            f"Invalid 'tools': array too long. Expected an array with maximum length {MAX_TOOLS}, but got an "
            f"array with length {len(tools)} instead.",
            "tools",
            "array_above_max_length",
        )
    for index, tool in enumerate(tools):
        _check_tool(tool, f"tools[{index}]")
    return tools


def _check_tool(tool: Any, param: str) -> None:
    if not isinstance(tool, dict):
        raise _type_error(param, "an object", tool)
    if tool.get("type") != "function":
        raise InvalidRequestError(
            f"Invalid value for '{param}.type': supported values are: 'function'.",
            f"{param}.type",
            "invalid_value",
        )
    function = tool.get("function")
    if not isinstance(function, dict):
        raise _type_error(f"{param}.function", "an object", function)
    name = function.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise InvalidRequestError(
            f"Invalid '{param}.function.name': string does not match pattern. Expected a string that "
            "matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.",
            f"{param}.function.name",
            "invalid_value",
        )
    description = function.get("description")
    if description is not None and not isinstance(description, str):
        raise _type_error(f"{param}.function.description", "a string", description)
    _check_parameters(function, f"{param}.function")


def _check_parameters(function: dict[str, Any], param: str) -> None:
    strict = function.get("strict")
    if strict is not None and not isinstance(strict, bool):
        raise _type_error(f"{param}.strict", "a boolean", strict)
    parameters = function.get("parameters")
    if parameters is None:  # documented as optional: a function that takes nothing
        return
    if not isinstance(parameters, dict) or "object" not in _types(parameters):
        kind = parameters.get("type") if isinstance(parameters, dict) else _json_type(parameters)
        raise InvalidRequestError(
            f"Invalid schema for function '{function['name']}': schema must be a JSON Schema of "
            f"'type: \"object\"', got 'type: \"{kind}\"'.",
            f"{param}.parameters",
            "invalid_function_parameters",
        )
    problem = strict_problem(parameters) if strict else None
    if problem:
        raise InvalidRequestError(
            f"Invalid schema for function '{function['name']}': {problem}",
            f"{param}.parameters",
            "invalid_function_parameters",
        )


def _check_tool_choice(choice: Any, tools: list[dict[str, Any]]) -> tuple[str, str | None]:
    if choice is None:
        return ("auto" if tools else "none"), None
    if not tools:
        raise InvalidRequestError(
            "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
            "tool_choice",
            "invalid_value",
        )
    if isinstance(choice, str):
        if choice not in TOOL_CHOICES:
            raise InvalidRequestError(
                f"Invalid value: {json.dumps(choice)}. Supported values are: 'none', 'auto' and 'required'.",
                "tool_choice",
                "invalid_value",
            )
        return choice, None
    function = choice.get("function") if isinstance(choice, dict) else None
    if not isinstance(choice, dict) or choice.get("type") != "function" or not isinstance(function, dict):
        raise InvalidRequestError(
            "Invalid 'tool_choice': expected 'none', 'auto', 'required' or "
            '{"type": "function", "function": {"name": ...}}.',
            "tool_choice",
            "invalid_value",
        )
    name = function.get("name")
    if name not in {tool["function"]["name"] for tool in tools}:
        raise InvalidRequestError(
            f"Invalid value for 'tool_choice': no function named {json.dumps(name)} was specified in the "
            "'tools' parameter.",
            "tool_choice.function.name",
            "invalid_value",
        )
    return "function", str(name)


def _check_response_format(value: Any, texts: list[str]) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _type_error("response_format", "an object", value)
    kind = value.get("type")
    if kind == "text":
        return None
    if kind == "json_object":
        if not any("json" in text.lower() for text in texts):
            raise InvalidRequestError(
                "'messages' must contain the word 'json' in some form, to use 'response_format' of type "
                "'json_object'.",
                "messages",
                "invalid_value",
            )
        return value
    if kind != "json_schema":
        raise InvalidRequestError(
            f"Invalid value: {json.dumps(kind)}. Supported values are: 'text', 'json_object' and "
            "'json_schema'.",
            "response_format.type",
            "invalid_value",
        )
    _check_json_schema(value.get("json_schema"))
    return value


def _check_json_schema(spec: Any) -> None:
    param = "response_format.json_schema"
    if not isinstance(spec, dict):
        raise _missing(param) if spec is None else _type_error(param, "an object", spec)
    name = spec.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise InvalidRequestError(
            f"Invalid '{param}.name': expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.",
            f"{param}.name",
            "invalid_value",
        )
    schema, strict = spec.get("schema"), spec.get("strict")
    if not isinstance(schema, dict):
        raise (
            _missing(f"{param}.schema")
            if schema is None
            else _type_error(f"{param}.schema", "an object", schema)
        )
    if strict is not None and not isinstance(strict, bool):
        raise _type_error(f"{param}.strict", "a boolean", strict)
    problem = None
    if strict:
        problem = (
            strict_problem(schema)
            if "object" in _types(schema)
            else "schema must be a JSON Schema of 'type: \"object\"'."
        )
    if problem:
        raise InvalidRequestError(
            f"Invalid schema for response_format '{name}': {problem}",
            f"{param}.schema",
            "invalid_json_schema",
        )


def strict_problem(schema: Any, context: tuple[str, ...] = ()) -> str | None:
    """The first way `schema` breaks structured outputs' rules (each object says
    `additionalProperties: false` and requires every property), None when it keeps them."""
    if not isinstance(schema, dict):
        return None
    problem = _object_problem(schema, context) if "object" in _types(schema) else None
    if problem:
        return problem
    for path, child in _children(schema):
        problem = strict_problem(child, (*context, *path))
        if problem:
            return problem
    return None


def _object_problem(schema: dict[str, Any], context: tuple[str, ...]) -> str | None:
    if schema.get("additionalProperties") is not False:
        return f"In context={context}, 'additionalProperties' is required to be supplied and to be false."
    required = schema.get("required") or []
    missing = [name for name in schema.get("properties") or {} if name not in required]
    if missing:
        return (
            f"In context={context}, 'required' is required to be supplied and to be an array including every "
            f"key in properties. Missing '{missing[0]}'."
        )
    return None


def _children(schema: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], Any]]:
    for keyword in ("properties", "$defs", "definitions"):
        children = schema.get(keyword)
        if isinstance(children, dict):
            yield from (((keyword, name), child) for name, child in children.items())
    if isinstance(schema.get("items"), dict):
        yield ("items",), schema["items"]
    if isinstance(schema.get("anyOf"), list):
        yield from ((("anyOf", str(index)), child) for index, child in enumerate(schema["anyOf"]))


def _types(schema: dict[str, Any]) -> list[str]:
    """The schema's types; without `type`, what its keywords imply."""
    kind = schema.get("type")
    if isinstance(kind, list):
        return [str(k) for k in kind]
    if isinstance(kind, str):
        return [kind]
    if "properties" in schema:
        return ["object"]
    return ["array"] if "items" in schema else []


def _first_type(schema: dict[str, Any]) -> str:
    kinds = _types(schema)
    return next((kind for kind in kinds if kind != "null"), "null" if kinds else "string")


def _check_sampling(body: dict[str, Any]) -> None:
    temperature = body.get("temperature")
    if temperature is not None:
        _check_range(temperature, "temperature", 0, 2, integer=False)
    for name in ("max_tokens", "max_completion_tokens"):
        if body.get(name) is not None:
            _check_range(body[name], name, 1, None, integer=True)
    n = body.get("n")
    if n is not None and (not _is_int(n) or n != 1):
        raise InvalidRequestError(
            f"Invalid 'n': this fake answers one choice, so 'n' must be 1 (got {json.dumps(n)}).",
            "n",
            "invalid_value",
        )


def _check_range(value: Any, param: str, low: float, high: float | None, *, integer: bool) -> None:
    noun = "integer" if integer else "decimal"
    if not (_is_int(value) if integer else _is_number(value)):
        raise _type_error(param, "an integer" if integer else "a number", value)
    if value < low:
        raise InvalidRequestError(
            f"Invalid '{param}': {noun} below minimum value. Expected a value >= {low}, but got {value} "
            "instead.",
            param,
            f"{noun}_below_min_value",
        )
    if high is not None and value > high:
        raise InvalidRequestError(
            f"Invalid '{param}': {noun} above maximum value. Expected a value <= {high}, but got {value} "
            "instead.",
            param,
            f"{noun}_above_max_value",
        )


def _check_stream(body: dict[str, Any]) -> tuple[bool, bool]:
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise _type_error("stream", "a boolean", stream)
    options = body.get("stream_options")
    if options is None:
        return bool(stream), False
    if not stream:
        raise InvalidRequestError(
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
            "stream_options",
            "invalid_value",
        )
    if not isinstance(options, dict):
        raise _type_error("stream_options", "an object", options)
    include = options.get("include_usage")
    if include is not None and not isinstance(include, bool):
        raise _type_error("stream_options.include_usage", "a boolean", include)
    return True, bool(include)


# The answer -------------------------------------------------------------------------------------------


@dataclass
class Answer:
    content: str | None
    tool_call: dict[str, Any] | None
    finish_reason: str

    @property
    def characters(self) -> int:
        function = (self.tool_call or {}).get("function", {})
        return len(self.content or "") + len(function.get("name", "")) + len(function.get("arguments", ""))


def reply(conversation: Conversation, next_call_id: Callable[[], str]) -> Answer:
    """What the fake model answers (see the module's docstring for the order)."""
    tool = choose_tool(conversation)
    if tool is not None:
        arguments = json.dumps(tool_arguments(tool, conversation.question))
        call = {
            "id": next_call_id(),
            "type": "function",
            "function": {"name": tool["name"], "arguments": arguments},
        }
        return Answer(None, call, "tool_calls")
    if conversation.response_format is not None:
        return Answer(structured_content(conversation.response_format, conversation), None, "stop")
    if conversation.messages[-1]["role"] == "tool":
        return Answer(summarise_results(conversation.results_this_turn()), None, "stop")
    return Answer(plain_summary(conversation.question), None, "stop")


def significant_words(text: str) -> list[str]:
    """Lower-cased words of 4+ letters not in STOP_WORDS, each once (`_` and `-` split words)."""
    words = _WORD.findall(text.lower())
    return list(dict.fromkeys(word for word in words if len(word) >= 4 and word not in STOP_WORDS))


def tool_score(function: dict[str, Any], question: str) -> int:
    """How many distinct significant words of the function's name and description the question holds
    (as text: "lead" counts in "leads")."""
    words = set(significant_words(function["name"])) | set(
        significant_words(function.get("description") or "")
    )
    asked = question.lower()
    return sum(1 for word in words if word in asked)


def _best_tool(functions: list[dict[str, Any]], question: str) -> dict[str, Any] | None:
    best, best_score = None, 0
    for function in functions:
        score = tool_score(function, question)
        if score > best_score:
            best, best_score = function, score
    return best


def choose_tool(conversation: Conversation) -> dict[str, Any] | None:
    """The function the fake model calls now, or None for a text answer."""
    functions = conversation.functions
    if not functions or conversation.choice == "none":
        return None
    last = conversation.messages[-1]["role"]
    if last == "tool":
        called = conversation.called_this_turn()
        left = [f for f in functions if f["name"] not in called]
        if conversation.forced:
            left = [f for f in left if f["name"] == conversation.forced]
        return _best_tool(left, conversation.question)
    if last != "user":
        return None
    if conversation.forced:
        return next(f for f in functions if f["name"] == conversation.forced)
    best = _best_tool(functions, conversation.question)
    return best if best is not None or conversation.choice != "required" else functions[0]


_NOTHING = object()


def tool_arguments(function: dict[str, Any], question: str) -> dict[str, Any]:
    """Arguments from the function's schema and the question: for each property an enum value the
    question names, else a number near the property's name (integer and number properties), else for a
    string property named `..._id` the first id the question quotes, else its default, else (required)
    the first enum value or an empty value of its type."""
    parameters = function.get("parameters") or {}
    required = set(parameters.get("required") or [])
    arguments: dict[str, Any] = {}
    for name, schema in (parameters.get("properties") or {}).items():
        value = _argument(name, schema if isinstance(schema, dict) else {}, question, name in required)
        if value is not _NOTHING:
            arguments[name] = value
    return arguments


def _spoken(text: str) -> str:
    """Text as a question says it: lower case, `_` and `-` as spaces (same length, so positions hold)."""
    return text.lower().replace("_", " ").replace("-", " ")


def _named_in(value: Any, text: str) -> bool:
    said = _spoken(str(value)).strip()
    return bool(said) and re.search(rf"\b{re.escape(said)}\b", _spoken(text)) is not None


def _argument(name: str, schema: dict[str, Any], question: str, required: bool) -> Any:
    values = schema.get("enum")
    if isinstance(values, list):
        found = next((value for value in values if _named_in(value, question)), _NOTHING)
        if found is not _NOTHING:
            return found
    number = _number_near(name, schema, question)
    if number is not None:
        return number
    identifier = _identifier(name, schema, question)
    if identifier is not None:
        return identifier
    if "default" in schema:
        return schema["default"]
    return _empty(schema) if required else _NOTHING


_ID = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{26}\b")  # Convertly's ids: 26 characters of Crockford base32


def _identifier(name: str, schema: dict[str, Any], question: str) -> str | None:
    """For a string property named `..._id`, the first id the question quotes."""
    if not name.endswith("_id") or _first_type(schema) != "string":
        return None
    found = _ID.search(question)
    return found.group() if found else None


def _number_near(name: str, schema: dict[str, Any], question: str) -> int | float | None:
    """For an integer or number property whose name the question says, the number closest to it."""
    kind = _first_type(schema)
    named = re.search(rf"\b{re.escape(_spoken(name))}", _spoken(question))
    if kind not in ("integer", "number") or named is None:
        return None
    numbers = [m for m in _NUMBER.finditer(question) if kind == "number" or "." not in m.group()]
    if not numbers:
        return None
    closest = min(numbers, key=lambda m: abs(m.start() - named.start()))
    return _clamp(int(closest.group()) if kind == "integer" else float(closest.group()), schema)


def _clamp(value: int | float, schema: dict[str, Any]) -> int | float:
    low, high = schema.get("minimum"), schema.get("maximum")
    if isinstance(low, int | float) and value < low:
        value = low
    if isinstance(high, int | float) and value > high:
        value = high
    return value


def _empty(schema: dict[str, Any]) -> Any:
    values = schema.get("enum")
    if isinstance(values, list) and values:
        return values[0]
    kind = _first_type(schema)
    if kind in ("integer", "number"):
        return _clamp(0, schema)
    return {"string": "", "boolean": False, "array": [], "object": {}, "null": None}.get(kind, "")


class _Number(str):
    """A JSON number as written (json.loads keeps the text, so a summary says it exactly)."""


def summarise_results(results: list[tuple[str, str]]) -> str:
    """For each (function name, result): "From <name>:" and the result's JSON as `- key: value` lines
    (nested keys joined by ".", list items numbered from 1, at most MAX_LIST_ITEMS of them, numbers as
    written, a `url` / `link` / `href` starting with "/" as a markdown link to it)."""
    lines: list[str] = []
    for name, text in results:
        lines.append(f"From {name}:")
        lines += result_lines(text)
    return "\n".join(lines)


def result_lines(text: str) -> list[str]:
    try:
        value = json.loads(text, parse_float=_Number, parse_int=_Number)
    except ValueError:
        return [f"- {' '.join(text.split())}"]
    lines: list[str] = []
    _flatten(value, "", lines)
    return lines


def _flatten(value: Any, key: str, lines: list[str]) -> None:
    if isinstance(value, dict) and value:
        for name, item in value.items():
            path = f"{key}.{name}" if key else str(name)
            if name in LINK_FIELDS and type(item) is str and item.startswith("/"):
                lines.append(f"- {path}: [{_label(value, item)}]({item})")
            else:
                _flatten(item, path, lines)
    elif isinstance(value, list) and value:
        for index, item in enumerate(value[:MAX_LIST_ITEMS], start=1):
            _flatten(item, f"{key}.{index}" if key else str(index), lines)
        if len(value) > MAX_LIST_ITEMS:
            lines.append(f"- {key or 'items'}: … and {len(value) - MAX_LIST_ITEMS} more")
    else:
        lines.append(f"- {key}: {_scalar(value)}" if key else f"- {_scalar(value)}")


def _label(item: dict[str, Any], path: str) -> str:
    return next((str(item[name]) for name in LABEL_FIELDS if type(item.get(name)) is str), path)


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value)  # true, false, null, {} and []


def plain_summary(question: str) -> str:
    return "Summary: " + " ".join(question.split())[:300].rstrip()


def structured_content(response_format: dict[str, Any], conversation: Conversation) -> str:
    if response_format["type"] == "json_object":
        return json.dumps({"answer": conversation.first_line})
    schema = response_format["json_schema"]["schema"]
    answer = StructuredAnswer(schema, conversation.user_content, conversation.first_line)
    return json.dumps(answer.value(schema, response_format["json_schema"]["name"]))


class StructuredAnswer:
    """A value valid against a JSON schema (object, string with enum and maxLength, number and integer
    with minimum and maximum, boolean, array with items, minItems and maxItems, anyOf with null, $ref to
    $defs), read from the user's messages, where a property's line is one starting "<name>:"
    (case-insensitive, `_` read as a space): a string takes its first line's text, else the question's
    first line; an array of strings every such line; a number the first number on its line (clamped),
    else the minimum or 0; a boolean true when its line says yes or true; an enum the first value its
    line names, else the first the user's messages name, else the first. anyOf takes its first branch
    that is not null; other arrays hold minItems items (at least one)."""

    def __init__(self, root: dict[str, Any], content: str, fallback: str) -> None:
        self.root = root
        self.lines = [line.strip() for line in content.splitlines()]
        self.content = content
        self.fallback = fallback

    def value(self, schema: Any, name: str, depth: int = 0) -> Any:
        schema = self._resolve(schema)
        if "const" in schema:
            return schema["const"]
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return self._enum(schema["enum"], name)
        if isinstance(schema.get("anyOf"), list) and schema["anyOf"]:
            return self._any_of(schema["anyOf"], name, depth)
        kind = _first_type(schema)
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            return self._array(schema, name, depth)
        if kind in ("integer", "number"):
            return self._number(schema, name, kind)
        if kind == "boolean":
            return self._boolean(name)
        return None if kind == "null" else self._string(schema, name)

    def said(self, name: str) -> list[str]:
        """What the lines starting "<name>:" say, in order."""
        key = _spoken_name(name) + ":"
        return [line[len(key) :].strip() for line in self.lines if _spoken_name(line).startswith(key)]

    def _resolve(self, schema: Any) -> dict[str, Any]:
        for _ in range(MAX_DEPTH):
            if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
                break
            schema = self._target(schema["$ref"])
        return schema if isinstance(schema, dict) else {}

    def _target(self, ref: str) -> Any:
        found: Any = self.root
        for part in ref.removeprefix("#").strip("/").split("/") if ref != "#" else []:
            found = found.get(part) if isinstance(found, dict) else None
        return found

    def _enum(self, values: list[Any], name: str) -> Any:
        for text in (*self.said(name), self.content):
            found = next((value for value in values if _named_in(value, text)), _NOTHING)
            if found is not _NOTHING:
                return found
        return values[0]

    def _any_of(self, options: list[Any], name: str, depth: int) -> Any:
        others = [option for option in options if _first_type(self._resolve(option)) != "null"]
        if not others or (depth >= MAX_DEPTH and len(others) < len(options)):
            return None
        return self.value(others[0], name, depth + 1)

    def _object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        properties = schema.get("properties") or {}
        if depth >= MAX_DEPTH:
            return {}
        return {name: self.value(child, name, depth + 1) for name, child in properties.items()}

    def _array(self, schema: dict[str, Any], name: str, depth: int) -> list[Any]:
        items = self._resolve(schema.get("items") or {})
        least, most = schema.get("minItems") or 0, schema.get("maxItems")
        if _first_type(items) == "string" and not items.get("enum"):
            values = [self._cut(text, items) for text in self.said(name)]
            values += [self._cut(self.fallback, items)] * (least - len(values))
        else:
            values = [self.value(items, name, depth + 1) for _ in range(max(least, 1))]
        return values[:most] if _is_int(most) else values

    def _string(self, schema: dict[str, Any], name: str) -> str:
        said = self.said(name)
        return self._cut(said[0] if said else self.fallback, schema)

    @staticmethod
    def _cut(text: str, schema: dict[str, Any]) -> str:
        most = schema.get("maxLength")
        return text[:most] if _is_int(most) else text

    def _number(self, schema: dict[str, Any], name: str, kind: str) -> int | float:
        said = self.said(name)
        found = _NUMBER.search(said[0]) if said else None
        value: int | float = float(found.group()) if found else schema.get("minimum", 0)
        value = _clamp(value, schema)
        return int(value) if kind == "integer" else value

    def _boolean(self, name: str) -> bool:
        said = self.said(name)
        return bool(said) and said[0].lower().split(" ")[0].strip(".,!") in ("true", "yes", "y")


def _spoken_name(text: str) -> str:
    return text.lower().replace("_", " ")


# The response -----------------------------------------------------------------------------------------


def usage(conversation: Conversation, answer: Answer) -> dict[str, Any]:
    prompt = math.ceil(conversation.prompt_characters() / 4)
    completion = max(1, math.ceil(answer.characters / 4))
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def completion(conversation: Conversation, answer: Answer, completion_id: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "role": "assistant",
        "content": answer.content,
        "refusal": None,
        "annotations": [],
    }
    if answer.tool_call is not None:
        message["tool_calls"] = [answer.tool_call]
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": CREATED,
        "model": conversation.model,
        "choices": [
            {"index": 0, "message": message, "logprobs": None, "finish_reason": answer.finish_reason}
        ],
        "usage": usage(conversation, answer),
        "service_tier": "default",
        "system_fingerprint": FINGERPRINT,
    }


def _pieces(text: str) -> list[str]:
    return [text[at : at + CHUNK_CHARACTERS] for at in range(0, len(text), CHUNK_CHARACTERS)]


def _deltas(answer: Answer) -> list[dict[str, Any]]:
    if answer.tool_call is None:
        content = answer.content or ""
        return [{"role": "assistant", "content": "", "refusal": None}] + [
            {"content": piece} for piece in _pieces(content)
        ]
    call, function = answer.tool_call, answer.tool_call["function"]
    opening = {
        "index": 0,
        "id": call["id"],
        "type": "function",
        "function": {"name": function["name"], "arguments": ""},
    }
    return [{"role": "assistant", "content": None, "tool_calls": [opening], "refusal": None}] + [
        {"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}
        for piece in _pieces(function["arguments"])
    ]


def chunks(conversation: Conversation, answer: Answer, completion_id: str) -> list[dict[str, Any]]:
    """The answer as `chat.completion.chunk`s: the role first, the content (or the tool call's arguments)
    in pieces, the finish reason, and with include_usage a last chunk without choices and with usage."""
    head = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": CREATED,
        "model": conversation.model,
    }
    tail: dict[str, Any] = {"service_tier": "default", "system_fingerprint": FINGERPRINT}
    if conversation.include_usage:
        tail["usage"] = None
    endings: list[tuple[dict[str, Any], str | None]] = [(delta, None) for delta in _deltas(answer)]
    endings.append(({}, answer.finish_reason))
    listed = [
        {**head, "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": reason}], **tail}
        for delta, reason in endings
    ]
    if conversation.include_usage:
        listed.append({**head, "choices": [], **tail, "usage": usage(conversation, answer)})
    return listed


def event_stream(listed: list[dict[str, Any]]) -> bytes:
    events = [f"data: {json.dumps(chunk)}\n\n" for chunk in listed] + ["data: [DONE]\n\n"]
    return "".join(events).encode()


# The server -------------------------------------------------------------------------------------------


def _redacted(key: str) -> str:
    return f"{key[:3]}{'*' * (len(key) - 7)}{key[-4:]}" if len(key) > 10 else "****"


class OpenAIFake(FakeServer):
    name = "openai"

    def __init__(
        self, host: str = "127.0.0.1", port: int = 0, *, api_key: str, models: Iterable[str] = DEFAULT_MODELS
    ) -> None:
        super().__init__(host, port)
        self.api_key = api_key
        self.models = tuple(models)
        self._counters = threading.Lock()
        self._completions = 0  # chatcmpl-<n>
        self._calls = 0  # call_<n>

    def reset(self) -> None:
        super().reset()
        with self._counters:
            self._completions = 0
            self._calls = 0

    def error_body(self, status: int) -> Any:
        if status == 429:
            return openai_error(
                "Rate limit reached for requests in organization org-convertly-local on requests per min "
                "(RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.",
                "requests",
                code="rate_limit_exceeded",
            )
        if status >= 500:
            return openai_error(
                "The server had an error while processing your request. Sorry about that!", "server_error"
            )
        return openai_error(f"scripted {status}")

    def exhaust_quota(self, times: int = 1) -> None:
        """The next `times` requests answer 429 `insufficient_quota` (the account is out of credit)."""
        body = openai_error(
            "You exceeded your current quota, please check your plan and billing details.",
            "insufficient_quota",
            code="insufficient_quota",
        )
        self.fail_next(429, times, body=body)

    def requests_to(self, path: str) -> list[LoggedRequest]:
        """The logged requests to exactly `path` (e.g. CHAT), oldest first."""
        return [request for request in self.requests if request.path == path]

    def last_messages(self) -> list[dict[str, Any]]:
        """The `messages` of the last chat completion request ([] before any)."""
        for logged in reversed(self.requests_to(CHAT)):
            if isinstance(logged.body, dict) and isinstance(logged.body.get("messages"), list):
                return list(logged.body["messages"])
        return []

    # Serving ----------------------------------------------------------------------------------------

    def answer(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        serve = self._route(request)
        if serve is None:
            message = f"Invalid URL ({request.method} {request.path})"
            return FakeAnswer(404, openai_error(message)), [
                f"{request.method} {request.path}: no such endpoint"
            ]
        refused = self._authenticate(request)
        return refused if refused is not None else serve()

    def _route(self, request: FakeRequest) -> Callable[[], tuple[FakeAnswer, list[str]]] | None:
        if request.method == "POST" and request.path == CHAT:
            return lambda: self._chat(request)
        if request.method == "GET" and request.path == MODELS:
            return self._list_models
        found = _MODEL.match(request.path)
        if request.method == "GET" and found:
            return lambda: self._model(found.group(1))
        return None

    def _authenticate(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]] | None:
        scheme, _, key = request.headers.get("authorization", "").partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key:
            message = (
                "You didn't provide an API key. You need to provide your API key in an Authorization header "
                "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
            )
            return FakeAnswer(401, openai_error(message, code="invalid_api_key")), [
                "no Authorization: Bearer header"
            ]
        if not secrets.compare_digest(key.encode(), self.api_key.encode()):
            message = (
                f"Incorrect API key provided: {_redacted(key)}. You can find your API key at "
                "https://platform.openai.com/account/api-keys."
            )
            return FakeAnswer(401, openai_error(message, code="invalid_api_key")), []
        return None

    def _model_object(self, model: str) -> dict[str, Any]:
        return {"id": model, "object": "model", "created": CREATED, "owned_by": "system"}

    def _list_models(self) -> tuple[FakeAnswer, list[str]]:
        return FakeAnswer(200, {"object": "list", "data": [self._model_object(m) for m in self.models]}), []

    def _model(self, model: str) -> tuple[FakeAnswer, list[str]]:
        if model not in self.models:
            return self._no_model(model)
        return FakeAnswer(200, self._model_object(model)), []

    @staticmethod
    def _no_model(model: str) -> tuple[FakeAnswer, list[str]]:
        message = f"The model `{model}` does not exist or you do not have access to it."
        return FakeAnswer(404, openai_error(message, code="model_not_found")), [f"model: {model} is unknown"]

    def _chat(self, request: FakeRequest) -> tuple[FakeAnswer, list[str]]:
        try:
            conversation = read_request(request.json(), self.models)
        except ModelNotFoundError as error:
            return self._no_model(error.model)
        except InvalidRequestError as error:
            body = openai_error(error.message, param=error.param, code=error.code)
            return FakeAnswer(400, body), [f"{error.param or 'body'}: {error.message}"]
        answer = reply(conversation, self._next_call_id)
        with self._counters:
            self._completions += 1
            completion_id = f"chatcmpl-{self._completions}"
        if conversation.stream:
            payload = event_stream(chunks(conversation, answer, completion_id))
            return FakeAnswer(200, payload, {"Content-Type": "text/event-stream; charset=utf-8"}), []
        return FakeAnswer(200, completion(conversation, answer, completion_id)), []

    def _next_call_id(self) -> str:
        with self._counters:
            self._calls += 1
            return f"call_{self._calls}"
