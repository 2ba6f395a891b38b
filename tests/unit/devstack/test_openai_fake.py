"""OpenAI's fake answers the real `openai` SDK as the Chat Completions API does: a text answer, a tool
call chosen by the question (and a second one after the first result), a summary of tool results with
their numbers and links exactly as given, structured output valid against the schema (also through
`chat.completions.parse`), and the same answers streamed. It refuses what OpenAI refuses (400 with the
field named in `param`, 401 for a missing or wrong key, 404 for an unknown model), answers scripted
429s and 500s in OpenAI's shape so the SDK's retries can be exercised, and lists what it got at
`/__log`."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any, Literal

import jsonschema
import openai
import pytest
from pydantic import BaseModel, Field

from devstack.ad_fakes import LOCAL_OPENAI_API_KEY, AdFakes
from devstack.banner import banner
from devstack.fakes.openai_api import CHAT, CREATED, OpenAIFake

MODEL = "gpt-4o-mini"
PIPELINE = {
    "type": "function",
    "function": {
        "name": "pipeline_summary",
        "description": "Totals of open deals by stage in the pipeline",
        "parameters": {
            "type": "object",
            "properties": {
                "stage": {"type": "string", "enum": ["new", "qualified", "proposal_sent"]},
                "currency": {"type": "string", "default": "USD"},
            },
            "required": ["stage"],
        },
    },
}
TOP_DEALS = {
    "type": "function",
    "function": {
        "name": "top_deals",
        "description": "The largest open deals, biggest first",
        "parameters": {
            "type": "object",
            "properties": {
                "limit": {"type": "integer", "minimum": 1, "maximum": 50},
                "owner": {"type": "string"},
                "include_closed": {"type": "boolean"},
            },
            "required": ["owner", "include_closed"],
        },
    },
}
WEATHER = {
    "type": "function",
    "function": {"name": "local_weather", "description": "Weather forecast for a city"},
}
SCORE_SCHEMA = {
    "type": "object",
    "properties": {
        "probability": {"type": "integer", "minimum": 0, "maximum": 100},
        "stage": {"type": "string", "enum": ["new", "qualified", "won", "lost"]},
        "summary": {"type": "string", "maxLength": 24},
        "reasons": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
        "risks": {"type": "array", "items": {"type": "string"}, "minItems": 0},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "follow_up": {"type": "boolean"},
        "next_step": {"anyOf": [{"type": "string"}, {"type": "null"}]},
    },
    "required": [
        "probability",
        "stage",
        "summary",
        "reasons",
        "risks",
        "confidence",
        "follow_up",
        "next_step",
    ],
    "additionalProperties": False,
}
LEAD_NOTES = (
    "Ada Lovelace from Summit Roofing wants a quote for a full roof replacement before winter\n"
    "Probability: 140 out of 100, she says\n"
    "Stage: qualified, moving towards won\n"
    "Reasons: budget approved\n"
    "Reasons: decision maker on the call\n"
    "Reasons: asked for references\n"
    "Confidence: 0.85\n"
    "Follow up: yes\n"
    "Next step: send the quote on Monday"
)


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIFake]:
    fake = OpenAIFake(api_key=LOCAL_OPENAI_API_KEY).start()
    yield fake
    fake.stop()


@pytest.fixture
def fake(server: OpenAIFake) -> OpenAIFake:
    server.reset()
    return server


@pytest.fixture
def client(fake: OpenAIFake) -> openai.OpenAI:
    return openai.OpenAI(base_url=fake.url + "/v1", api_key=LOCAL_OPENAI_API_KEY, max_retries=0)


def call(
    fake: OpenAIFake,
    method: str,
    path: str,
    body: Any = None,
    *,
    key: str | None = LOCAL_OPENAI_API_KEY,
    raw: bytes | None = None,
) -> tuple[int, dict[str, Any]]:
    headers = {"Content-Type": "application/json"}
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(fake.url + path, data=data, headers=headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def ask(question: str, **fields: Any) -> dict[str, Any]:
    return {"model": MODEL, "messages": [{"role": "user", "content": question}], **fields}


def tool_result(call_id: str, result: Any) -> dict[str, Any]:
    return {"role": "tool", "tool_call_id": call_id, "content": json.dumps(result)}


# Answers through the SDK ------------------------------------------------------------------------------


def test_a_question_without_tools_is_answered_with_a_summary_of_it(
    fake: OpenAIFake, client: openai.OpenAI
) -> None:
    # When a plain question is asked
    question = "Summarise   this lead:\n\n" + "Ada wants a new roof. " * 20
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": "You are Convertly's assistant."},
            {"role": "user", "content": question},
        ],
        temperature=0.2,
        max_tokens=200,
        seed=7,
        user="tenant-1",
    )
    # Then the answer echoes its first 300 characters, whitespace collapsed, as OpenAI's chat.completion
    expected = "Summary: " + " ".join(question.split())[:300].rstrip()
    (choice,) = completion.choices
    assert choice.message.content == expected
    assert (choice.index, choice.finish_reason, choice.message.role) == (0, "stop", "assistant")
    assert choice.message.refusal is None and choice.message.tool_calls is None
    assert (completion.id, completion.object, completion.created, completion.model) == (
        "chatcmpl-1",
        "chat.completion",
        CREATED,
        MODEL,
    )
    # And usage counts a token per 4 characters (rounded up), the prompt's and the answer's
    prompt_characters = len("You are Convertly's assistant.") + len(question)
    assert completion.usage is not None
    assert completion.usage.prompt_tokens == -(-prompt_characters // 4)
    assert completion.usage.completion_tokens == -(-len(expected) // 4)
    assert (
        completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    )
    # And the same request answers the same (only the id counts on)
    again = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}])
    assert again.choices[0].message.content == expected and again.id == "chatcmpl-2"
    assert fake.problems == []


def test_the_tool_the_question_names_is_called_with_arguments_from_its_schema(
    fake: OpenAIFake, client: openai.OpenAI
) -> None:
    # When the question names the pipeline's totals and a stage, with three tools on offer
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "What are the totals in the pipeline for Proposal Sent?"}],
        tools=[WEATHER, TOP_DEALS, PIPELINE],
    )
    # Then the model calls pipeline_summary: the stage the question names, the default currency
    (choice,) = completion.choices
    assert choice.finish_reason == "tool_calls" and choice.message.content is None
    (tool_call,) = choice.message.tool_calls or []
    assert tool_call.type == "function" and tool_call.id == "call_1"
    assert tool_call.function.name == "pipeline_summary"
    assert json.loads(tool_call.function.arguments) == {"stage": "proposal_sent", "currency": "USD"}
    assert fake.last_messages() == [
        {"role": "user", "content": "What are the totals in the pipeline for Proposal Sent?"}
    ]


def test_tool_arguments_take_a_number_near_the_propertys_name_and_empty_values_when_required(
    client: openai.OpenAI,
) -> None:
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Show the 2 biggest deals, limit 7, for this quarter"}],
        tools=[PIPELINE, TOP_DEALS],
    )
    (tool_call,) = completion.choices[0].message.tool_calls or []
    assert tool_call.function.name == "top_deals"
    # limit: the number beside the word; owner and include_closed are required but not said
    assert json.loads(tool_call.function.arguments) == {"limit": 7, "owner": "", "include_closed": False}


def test_tool_choice_decides_when_the_question_names_no_tool(client: openai.OpenAI) -> None:
    question = [{"role": "user", "content": "Hello, how are you?"}]
    tools: Any = [PIPELINE, TOP_DEALS]
    auto = client.chat.completions.create(model=MODEL, messages=question, tools=tools)
    assert auto.choices[0].finish_reason == "stop"
    assert auto.choices[0].message.content == "Summary: Hello, how are you?"
    required = client.chat.completions.create(
        model=MODEL,
        messages=question,
        tools=tools,
        tool_choice="required",
    )
    assert [c.function.name for c in required.choices[0].message.tool_calls or []] == ["pipeline_summary"]
    named = client.chat.completions.create(
        model=MODEL,
        messages=question,
        tools=tools,
        tool_choice={"type": "function", "function": {"name": "top_deals"}},
    )
    assert [c.function.name for c in named.choices[0].message.tool_calls or []] == ["top_deals"]
    # "none" answers in text even when the question names a tool
    none = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Pipeline totals please"}],
        tools=tools,
        tool_choice="none",
    )
    assert none.choices[0].finish_reason == "stop" and none.choices[0].message.tool_calls is None


def test_a_question_naming_two_tools_calls_both_then_answers_from_their_results(
    fake: OpenAIFake, client: openai.OpenAI
) -> None:
    tools: Any = [PIPELINE, TOP_DEALS]
    messages: list[Any] = [
        {"role": "system", "content": "Answer from the tools only."},
        {"role": "user", "content": "What are the pipeline totals for qualified, and the largest deals?"},
    ]
    # Given the first tool was called and answered
    first = client.chat.completions.create(model=MODEL, messages=messages, tools=tools)
    (first_call,) = first.choices[0].message.tool_calls or []
    assert first_call.function.name == "pipeline_summary" and first_call.id == "call_1"
    # (numbers written as a tool may write them: trailing zeros and exponents kept)
    totals = '{"stage": "qualified", "total": 1250000.50, "count": 12}'
    messages += [
        first.choices[0].message,  # the SDK's message object, sent back as the SDK serialises it
        {"role": "tool", "tool_call_id": first_call.id, "content": totals},
    ]
    # When the result arrives, the other tool the question named is called next
    second = client.chat.completions.create(model=MODEL, messages=messages, tools=tools)
    (second_call,) = second.choices[0].message.tool_calls or []
    assert second_call.function.name == "top_deals" and second_call.id == "call_2"
    # And once both answered, the model answers from them: numbers as written, paths as links
    deals = (
        '{"deals": [{"name": "Acme Roofing", "amount": 98000.00, "url": "/leads/01ACME"}, '
        '{"title": "Hill & Sons", "amount": 1.5e3, "link": "/leads/01HILL", "tags": ["hot", "q3"]}, '
        '{"amount": 0.1, "href": "/leads/01NONAME", "site": "https://example.com/x", "won": true}]}'
    )
    messages += [
        second.choices[0].message,
        {"role": "tool", "tool_call_id": second_call.id, "content": deals},
    ]
    answer = client.chat.completions.create(model=MODEL, messages=messages, tools=tools)
    assert answer.choices[0].finish_reason == "stop" and answer.choices[0].message.tool_calls is None
    assert answer.choices[0].message.content == "\n".join(
        [
            "From pipeline_summary:",
            "- stage: qualified",
            "- total: 1250000.50",
            "- count: 12",
            "From top_deals:",
            "- deals.1.name: Acme Roofing",
            "- deals.1.amount: 98000.00",
            "- deals.1.url: [Acme Roofing](/leads/01ACME)",
            "- deals.2.title: Hill & Sons",
            "- deals.2.amount: 1.5e3",
            "- deals.2.link: [Hill & Sons](/leads/01HILL)",
            "- deals.2.tags.1: hot",
            "- deals.2.tags.2: q3",
            "- deals.3.amount: 0.1",
            "- deals.3.href: [/leads/01NONAME](/leads/01NONAME)",
            "- deals.3.site: https://example.com/x",
            "- deals.3.won: true",
        ]
    )
    # And the fake kept each request's messages; no request broke the documented format
    roles = [m["role"] for m in fake.last_messages()]
    assert roles == ["system", "user", "assistant", "tool", "assistant", "tool"]
    assert len(fake.requests_to(CHAT)) == 3 and fake.problems == []


def test_a_long_list_in_a_tool_result_is_cut_after_twenty_items(client: openai.OpenAI) -> None:
    messages: Any = [
        {"role": "user", "content": "List the largest deals"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_9", "type": "function", "function": {"name": "top_deals", "arguments": "{}"}}
            ],
        },
        tool_result("call_9", {"ids": list(range(1, 26))}),
    ]
    answer = client.chat.completions.create(model=MODEL, messages=messages, tools=[TOP_DEALS])
    lines = (answer.choices[0].message.content or "").splitlines()
    assert lines[0] == "From top_deals:"
    assert lines[1:] == [f"- ids.{n}: {n}" for n in range(1, 21)] + ["- ids: … and 5 more"]


def test_structured_output_is_valid_against_the_schema_and_read_from_the_question(
    client: openai.OpenAI,
) -> None:
    # When a strict json_schema is asked for
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "developer", "content": "Score the lead."},
            {"role": "user", "content": [{"type": "text", "text": LEAD_NOTES}]},
        ],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "lead_score", "schema": SCORE_SCHEMA, "strict": True},
        },
    )
    # Then the content is JSON valid against it, each property read from its line of the question
    content = json.loads(completion.choices[0].message.content or "")
    jsonschema.validate(content, SCORE_SCHEMA)
    assert content == {
        "probability": 100,  # 140 on its line, clamped to the maximum
        "stage": "qualified",  # the first enum value on its line
        "summary": "Ada Lovelace from Summit",  # no "summary:" line: the first line, cut to maxLength
        "reasons": ["budget approved", "decision maker on the call"],  # every line, up to maxItems
        "risks": [],
        "confidence": 0.85,
        "follow_up": True,
        "next_step": "send the quote on Monday",
    }
    assert completion.choices[0].finish_reason == "stop"


class Contact(BaseModel):
    name: str
    email: str


class LeadScore(BaseModel):
    probability: int = Field(ge=0, le=100)
    stage: Literal["new", "qualified", "won", "lost"]
    reasons: list[str]
    next_step: str | None
    contact: Contact  # a nested model: the SDK's schema refers to it in $defs


def test_the_sdks_parse_helper_gets_its_pydantic_model_back(fake: OpenAIFake, client: openai.OpenAI) -> None:
    notes = (
        "Won the deal today\nProbability: 95\nReasons: signed\nNext_step: book the install\n"
        "Name: Ada Lovelace\nEmail: ada@summit.test"
    )
    completion = client.chat.completions.parse(
        model=MODEL, messages=[{"role": "user", "content": notes}], response_format=LeadScore
    )
    parsed = completion.choices[0].message.parsed
    assert parsed == LeadScore(
        probability=95,
        stage="won",
        reasons=["signed"],
        next_step="book the install",
        contact=Contact(name="Ada Lovelace", email="ada@summit.test"),
    )
    # The SDK asked for a strict schema, which the fake checked and took
    sent = fake.requests_to(CHAT)[0].body["response_format"]["json_schema"]
    assert sent["strict"] is True and "$defs" in sent["schema"] and fake.problems == []


def test_an_array_gets_at_least_its_min_items(client: openai.OpenAI) -> None:
    schema = {
        "type": "object",
        "properties": {
            "tags": {
                "type": "array",
                "items": {"type": "string", "maxLength": 5},
                "minItems": 2,
                "maxItems": 3,
            },
            "scores": {"type": "array", "items": {"type": "integer", "minimum": 3}},
        },
        "required": ["tags", "scores"],
        "additionalProperties": False,
    }
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Roofing lead\nTags: hot"}],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "tags", "schema": schema, "strict": True},
        },
    )
    content = json.loads(completion.choices[0].message.content or "")
    jsonschema.validate(content, schema)
    assert content == {"tags": ["hot", "Roofi"], "scores": [3]}


def test_json_object_answers_the_questions_first_line(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "\n  Reply in JSON: is Ada ready to buy?  \nmore"}],
        response_format={"type": "json_object"},
    )
    assert json.loads(completion.choices[0].message.content or "") == {
        "answer": "Reply in JSON: is Ada ready to buy?"
    }


def test_a_streamed_answer_comes_in_chunks_and_ends_with_usage(client: openai.OpenAI) -> None:
    question = "Write one line about a roof replacement lead from Ada in Leeds"
    plain = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}])
    # When the same question is streamed with include_usage
    stream = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": question}],
        stream=True,
        stream_options={"include_usage": True},
    )
    received = list(stream)
    # Then the role comes first, the content in pieces of 20 characters, then the finish reason
    with_choices = [chunk for chunk in received if chunk.choices]
    assert with_choices[0].choices[0].delta.role == "assistant"
    pieces = [chunk.choices[0].delta.content or "" for chunk in with_choices]
    assert "".join(pieces) == plain.choices[0].message.content
    assert max(len(piece) for piece in pieces) == 20 and len([p for p in pieces if p]) > 1
    assert [chunk.choices[0].finish_reason for chunk in with_choices][-1] == "stop"
    assert all(chunk.object == "chat.completion.chunk" and chunk.id == "chatcmpl-2" for chunk in received)
    # And a last chunk without choices carries the usage, as the whole answer's
    assert received[-1].choices == [] and received[-1].usage is not None
    assert plain.usage is not None and received[-1].usage.total_tokens == plain.usage.total_tokens
    assert all(chunk.usage is None for chunk in received[:-1])


def test_a_streamed_tool_call_adds_up_to_the_call(client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Pipeline totals for the new stage"}],
        tools=[PIPELINE],
        stream=True,
    )
    received = list(stream)
    deltas = [c.choices[0].delta.tool_calls[0] for c in received if c.choices[0].delta.tool_calls]
    assert deltas[0].id == "call_1" and deltas[0].function is not None
    assert deltas[0].function.name == "pipeline_summary"
    arguments = "".join((d.function.arguments or "") if d.function else "" for d in deltas)
    assert json.loads(arguments) == {"stage": "new", "currency": "USD"}
    assert {d.index for d in deltas} == {0} and received[-1].choices[0].finish_reason == "tool_calls"
    # The SDK's stream helper assembles the same call
    with client.chat.completions.stream(
        model=MODEL,
        messages=[{"role": "user", "content": "Pipeline totals for the new stage"}],
        tools=[PIPELINE],
    ) as helper:
        final = helper.get_final_completion()
    (assembled,) = final.choices[0].message.tool_calls or []
    assert assembled.function.name == "pipeline_summary" and assembled.id == "call_2"
    assert json.loads(assembled.function.arguments) == {"stage": "new", "currency": "USD"}


def test_the_models_are_listed_and_one_can_be_read(client: openai.OpenAI) -> None:
    assert [model.id for model in client.models.list()] == [
        "gpt-4o-mini",
        "gpt-4.1-mini",
        "gpt-4o",
        "gpt-4.1",
    ]
    assert client.models.retrieve("gpt-4.1").owned_by == "system"


# Refusals over raw HTTP -------------------------------------------------------------------------------

TOOL_CALL = {"id": "call_a", "type": "function", "function": {"name": "top_deals", "arguments": "{}"}}
STRICT_WITHOUT_CLOSED = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
STRICT_NESTED_MISSING = {
    "type": "object",
    "properties": {
        "lead": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "email": {"type": "string"}},
            "required": ["name"],
            "additionalProperties": False,
        }
    },
    "required": ["lead"],
    "additionalProperties": False,
}


def _strict_tool(parameters: dict[str, Any]) -> dict[str, Any]:
    return {"type": "function", "function": {"name": "strict_one", "parameters": parameters, "strict": True}}


REFUSALS: list[tuple[dict[str, Any], str, str]] = [
    ({"messages": [{"role": "user", "content": "x"}]}, "model", "model parameter"),
    (ask("x") | {"model": 4}, "model", "model parameter"),
    ({"model": MODEL}, "messages", "Missing required parameter"),
    ({"model": MODEL, "messages": []}, "messages", "empty array"),
    ({"model": MODEL, "messages": "hello"}, "messages", "expected an array"),
    ({"model": MODEL, "messages": [{"role": "robot", "content": "x"}]}, "messages[0].role", "robot"),
    (
        {"model": MODEL, "messages": [{"role": "user", "content": 7}]},
        "messages[0].content",
        "expected a string",
    ),
    ({"model": MODEL, "messages": [{"role": "user"}]}, "messages[0].content", "Missing required"),
    (
        {"model": MODEL, "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {}}]}]},
        "messages[0].content[0].type",
        "text parts",
    ),
    (
        {"model": MODEL, "messages": [{"role": "user", "content": "x", "mood": "y"}]},
        "messages[0].mood",
        "mood",
    ),
    (
        {
            "model": MODEL,
            "messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": None}],
        },
        "messages[1].content",
        "got null",
    ),
    (
        {
            "model": MODEL,
            "messages": [
                {"role": "user", "content": "x"},
                {
                    "role": "assistant",
                    "tool_calls": [
                        {**TOOL_CALL, "function": {"name": "top_deals", "arguments": "{limit: 3}"}}
                    ],
                },
            ],
        },
        "messages[1].tool_calls[0].function.arguments",
        "not valid JSON",
    ),
    (
        {
            "model": MODEL,
            "messages": [
                {"role": "user", "content": "x"},
                {"role": "assistant", "tool_calls": [{**TOOL_CALL, "type": "code"}]},
            ],
        },
        "messages[1].tool_calls[0].type",
        "'function'",
    ),
    (
        {
            "model": MODEL,
            "messages": [
                {"role": "user", "content": "x"},
                {"role": "tool", "tool_call_id": "call_z", "content": "1"},
            ],
        },
        "messages[1].tool_call_id",
        "call_z",
    ),
    (
        {"model": MODEL, "messages": [{"role": "user", "content": "x"}, {"role": "tool", "content": "1"}]},
        "messages[1].tool_call_id",
        "Missing required",
    ),
    (
        {
            "model": MODEL,
            "messages": [
                {"role": "user", "content": "x"},
                {"role": "assistant", "content": None, "tool_calls": [TOOL_CALL]},
                {"role": "user", "content": "and?"},
            ],
        },
        "messages[1].tool_calls",
        "call_a",
    ),
    (
        {
            "model": MODEL,
            "messages": [
                {"role": "user", "content": "x"},
                {"role": "assistant", "content": None, "tool_calls": [TOOL_CALL]},
            ],
        },
        "messages[1].tool_calls",
        "did not have response messages",
    ),
    (ask("x", tools=[]), "tools", "empty array"),
    (ask("x", tools=[PIPELINE] * 129), "tools", "maximum length 128"),
    (
        ask("x", tools=[{"type": "function", "function": {"name": "top deals"}}]),
        "tools[0].function.name",
        "pattern",
    ),
    (ask("x", tools=[{"type": "retrieval"}]), "tools[0].type", "'function'"),
    (
        ask("x", tools=[{"type": "function", "function": {"name": "a", "parameters": {"type": "array"}}}]),
        "tools[0].function.parameters",
        'type: "object"',
    ),
    (
        ask("x", tools=[_strict_tool(STRICT_WITHOUT_CLOSED)]),
        "tools[0].function.parameters",
        "additionalProperties",
    ),
    (ask("x", tool_choice="auto"), "tool_choice", "only allowed when 'tools'"),
    (ask("x", tools=[PIPELINE], tool_choice="sometimes"), "tool_choice", "sometimes"),
    (
        ask("x", tools=[PIPELINE], tool_choice={"type": "function", "function": {"name": "top_deals"}}),
        "tool_choice.function.name",
        "top_deals",
    ),
    (ask("x", response_format={"type": "xml"}), "response_format.type", "xml"),
    (ask("x", response_format={"type": "json_object"}), "messages", "word 'json'"),
    (
        ask("x", response_format={"type": "json_schema", "json_schema": {"name": "a b", "schema": {}}}),
        "response_format.json_schema.name",
        "pattern",
    ),
    (
        ask("x", response_format={"type": "json_schema", "json_schema": {"name": "a"}}),
        "response_format.json_schema.schema",
        "Missing required",
    ),
    (
        ask(
            "x",
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "a", "schema": STRICT_WITHOUT_CLOSED, "strict": True},
            },
        ),
        "response_format.json_schema.schema",
        "'additionalProperties' is required to be supplied and to be false",
    ),
    (
        ask(
            "x",
            response_format={
                "type": "json_schema",
                "json_schema": {"name": "a", "schema": STRICT_NESTED_MISSING, "strict": True},
            },
        ),
        "response_format.json_schema.schema",
        "context=('properties', 'lead'), 'required' is required to be supplied and to be an array including "
        "every key in properties. Missing 'email'",
    ),
    (ask("x", temperature=2.5), "temperature", "Expected a value <= 2"),
    (ask("x", temperature="hot"), "temperature", "expected a number"),
    (ask("x", max_tokens=0), "max_tokens", "Expected a value >= 1"),
    (ask("x", max_completion_tokens=12.5), "max_completion_tokens", "expected an integer"),
    (ask("x", stream="yes"), "stream", "expected a boolean"),
    (ask("x", stream_options={"include_usage": True}), "stream_options", "only allowed when 'stream'"),
    (ask("x", n=2), "n", "must be 1"),
    (
        ask("x", logit_bias={"50256": -100}),
        "logit_bias",
        "Unrecognized request argument supplied: logit_bias",
    ),
]


@pytest.mark.parametrize(("body", "param", "says"), REFUSALS, ids=[f"{p}:{s[:24]}" for _, p, s in REFUSALS])
def test_a_request_openai_would_refuse_is_refused_naming_the_field(
    fake: OpenAIFake, body: dict[str, Any], param: str, says: str
) -> None:
    status, answer = call(fake, "POST", CHAT, body)
    assert status == 400, answer
    error = answer["error"]
    assert (error["type"], error["param"]) == ("invalid_request_error", param)
    assert says in error["message"]
    # A refusal is the client's mistake: kept in problems, naming the field
    assert fake.problems == [f"{param}: {error['message']}"]


def test_the_documented_arguments_it_ignores_are_taken(fake: OpenAIFake) -> None:
    ignored = {
        "user": "u-1",
        "seed": 3,
        "top_p": 0.5,
        "metadata": {"feature": "summary"},
        "store": False,
        "parallel_tool_calls": False,
        "frequency_penalty": 0.1,
        "presence_penalty": 0.1,
    }
    status, answer = call(fake, "POST", CHAT, ask("Hi", tools=[PIPELINE], **ignored))
    assert status == 200 and answer["choices"][0]["message"]["content"] == "Summary: Hi"
    assert fake.problems == []


def test_a_body_that_is_not_json_is_refused(fake: OpenAIFake) -> None:
    status, answer = call(fake, "POST", CHAT, raw=b"model=gpt-4o-mini")
    assert status == 400 and answer["error"]["param"] is None
    assert "could not parse the JSON body" in answer["error"]["message"]


def test_the_key_is_checked(fake: OpenAIFake, client: openai.OpenAI) -> None:
    # Without a key, or with another, OpenAI's 401 invalid_api_key
    status, missing = call(fake, "GET", "/v1/models", key=None)
    assert status == 401 and missing["error"]["code"] == "invalid_api_key"
    assert missing["error"]["type"] == "invalid_request_error" and missing["error"]["param"] is None
    wrong_key = "sk-someone-elses-key-000000000000"
    status, wrong = call(fake, "POST", CHAT, ask("Hi"), key=wrong_key)
    assert status == 401 and wrong["error"]["code"] == "invalid_api_key"
    assert wrong_key not in wrong["error"]["message"] and wrong_key[-4:] in wrong["error"]["message"]
    # And the SDK raises its AuthenticationError
    other = openai.OpenAI(base_url=fake.url + "/v1", api_key=wrong_key, max_retries=0)
    with pytest.raises(openai.AuthenticationError) as raised:
        other.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}])
    assert raised.value.code == "invalid_api_key"
    # Only the missing header is a client's mistake; a wrong key is what a person may paste
    assert fake.problems == ["no Authorization: Bearer header"]
    assert [r.status for r in fake.requests_to(CHAT)] == [401, 401]


def test_an_unknown_model_answers_404_model_not_found(fake: OpenAIFake, client: openai.OpenAI) -> None:
    status, answer = call(fake, "POST", CHAT, ask("Hi") | {"model": "gpt-9-turbo"})
    assert status == 404 and answer["error"]["code"] == "model_not_found"
    assert "gpt-9-turbo" in answer["error"]["message"]
    status, answer = call(fake, "GET", "/v1/models/gpt-9-turbo")
    assert status == 404 and answer["error"]["code"] == "model_not_found"
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(model="gpt-9-turbo", messages=[{"role": "user", "content": "Hi"}])
    status, answer = call(fake, "POST", "/v1/responses", {"model": MODEL, "input": "Hi"})
    assert status == 404 and answer["error"]["message"] == "Invalid URL (POST /v1/responses)"


def test_a_narrower_model_list_is_what_the_fake_knows() -> None:
    fake = OpenAIFake(api_key="sk-other", models=("gpt-4.1-mini",)).start()
    try:
        status, listed = call(fake, "GET", "/v1/models", key="sk-other")
        assert status == 200 and [m["id"] for m in listed["data"]] == ["gpt-4.1-mini"]
        assert call(fake, "POST", CHAT, ask("Hi"), key="sk-other")[0] == 404
    finally:
        fake.stop()


# Scripted failures and the log ------------------------------------------------------------------------


def test_a_scripted_rate_limit_is_retried_by_the_sdk(fake: OpenAIFake) -> None:
    # Given one 429 with Retry-After ahead
    fake.fail_next(429, retry_after=1)
    # When the SDK may retry once, it succeeds on the second try
    patient = openai.OpenAI(base_url=fake.url + "/v1", api_key=LOCAL_OPENAI_API_KEY, max_retries=1)
    completion = patient.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}])
    assert completion.choices[0].message.content == "Summary: Hi"
    assert [r.status for r in fake.requests_to(CHAT)] == [429, 200]


def test_scripted_failures_answer_in_openais_shape(fake: OpenAIFake, client: openai.OpenAI) -> None:
    fake.fail_next(429, retry_after=20)
    fake.exhaust_quota()
    fake.fail_next(500)
    messages: Any = [{"role": "user", "content": "Hi"}]
    with pytest.raises(openai.RateLimitError) as limited:
        client.chat.completions.create(model=MODEL, messages=messages)
    assert (
        limited.value.code == "rate_limit_exceeded" and limited.value.response.headers["retry-after"] == "20"
    )
    with pytest.raises(openai.RateLimitError) as broke:
        client.chat.completions.create(model=MODEL, messages=messages)
    assert broke.value.code == "insufficient_quota" and broke.value.type == "insufficient_quota"
    assert "retry-after" not in broke.value.response.headers
    with pytest.raises(openai.InternalServerError) as failed:
        client.chat.completions.create(model=MODEL, messages=messages)
    assert failed.value.type == "server_error" and failed.value.status_code == 500
    assert client.chat.completions.create(model=MODEL, messages=messages).id == "chatcmpl-1"


def test_the_log_lists_requests_with_the_key_masked_and_delete_clears_it(
    fake: OpenAIFake, client: openai.OpenAI
) -> None:
    client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Hi"}], tools=[PIPELINE]
    )
    client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Pipeline totals"}],
        tools=[PIPELINE],
    )
    status, log = call(fake, "GET", "/__log")
    assert status == 200 and log["fake"] == "openai"
    assert [(r["method"], r["path"], r["status"]) for r in log["requests"]] == [
        ("POST", CHAT, 200),
        ("POST", CHAT, 200),
    ]
    assert all(r["headers"]["authorization"] == "****" for r in log["requests"])
    assert LOCAL_OPENAI_API_KEY not in json.dumps(log)
    assert log["requests"][1]["body"]["messages"] == [{"role": "user", "content": "Pipeline totals"}]
    # DELETE clears the log and the counters: ids start again
    assert call(fake, "DELETE", "/__log")[1] == {"cleared": True}
    assert fake.requests == [] and fake.last_messages() == []
    again = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Pipeline totals"}],
        tools=[PIPELINE],
    )
    assert again.id == "chatcmpl-1" and [c.id for c in again.choices[0].message.tool_calls or []] == [
        "call_1"
    ]


# The local stack ---------------------------------------------------------------------------------------


def test_the_local_stack_points_the_sdk_at_the_fake() -> None:
    fakes = AdFakes("127.0.0.1", 0).start()
    try:
        environment = fakes.environment()
        assert environment["OPENAI_BASE_URL"] == f"{fakes.openai.url}/v1"
        assert environment["OPENAI_API_KEY"] == LOCAL_OPENAI_API_KEY
        assert LOCAL_OPENAI_API_KEY.startswith("sk-local-convertly-")
        assert fakes.urls["openai"] == fakes.openai.url
        # A client built from that environment alone reaches the fake
        local = openai.OpenAI(
            base_url=environment["OPENAI_BASE_URL"], api_key=environment["OPENAI_API_KEY"], max_retries=0
        )
        assert MODEL in [model.id for model in local.models.list()]
        text = banner(
            "http://w", True, "http://a", "http://m", "pool", "client", "/state", [], ad_fakes=fakes.urls
        )
        (line,) = [line for line in text.splitlines() if line.strip().startswith("OpenAI")]
        assert fakes.openai.url in line and "/__log" in line
    finally:
        fakes.stop()


def test_an_id_property_takes_the_id_the_question_quotes() -> None:
    from devstack.fakes.openai_api import tool_arguments

    function = {
        "name": "lead_details",
        "parameters": {
            "type": "object",
            "properties": {"lead_id": {"type": "string"}},
            "required": ["lead_id"],
        },
    }
    assert tool_arguments(function, "Show the lead details of 01M97901G37PWVX3VM2WP8WNXA please") == {
        "lead_id": "01M97901G37PWVX3VM2WP8WNXA"
    }
    assert tool_arguments(function, "Show the lead details of Dana") == {"lead_id": ""}
