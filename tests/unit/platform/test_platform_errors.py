"""The platform's one error mapping: validation messages a person can read, and request bodies that are
not JSON or not UTF-8 answered 415 / 400 in the error shape instead of 500, on every kind of route."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

import pytest
from pydantic import BaseModel, Field, ValidationError, field_validator

from convertly.permissions import Permission, Role
from convertly.platform import access
from convertly.platform.api import FORM, JSON, TEXT, ConvertlyResolver, check_body, create_resolver
from convertly.platform.errors import (
    AuthenticationError,
    BadRequestError,
    UnsupportedMediaTypeError,
    readable_message,
)
from convertly.platform.principal import Principal
from convertly.platform.routes import AuthKind, Route, RouteTable

# Validation messages -------------------------------------------------------------------------------


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Sample(BaseModel):
    value: Decimal | None = None
    description: str | None = Field(default=None, min_length=10, max_length=20)
    name: str | None = Field(default=None, min_length=1)
    count: int | None = None
    active: bool | None = None
    priority: Priority | None = None
    kind: Literal["call", "email", "sms"] | None = None
    probability: int | None = Field(default=None, ge=0, le=100)
    tags: list[str] | None = Field(default=None, max_length=1)
    required: str = "present"
    email: str | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and "@" not in value:
            raise ValueError("Enter a valid email address")
        return value


def message_for(field: str, value: Any) -> str:
    """The message the API answers for `field` when it is sent `value` (or left out: ...)."""
    data = {} if value is ... else {field: value}
    if field == "required" and value is ...:
        model: type[BaseModel] = type("Required", (BaseModel,), {"__annotations__": {"required": str}})
    else:
        model = Sample
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    errors = raised.value.errors()
    assert len(errors) == 1, errors
    return readable_message(errors[0])


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("value", "a lot", "Enter a number, like 9500"),
        ("description", "short", "Use at least 10 characters"),
        ("description", "x" * 21, "Use at most 20 characters"),
        ("name", "", "This field cannot be empty"),
        ("count", "three", "Enter a whole number"),
        ("count", 1.5, "Enter a whole number"),
        ("active", "maybe", "Enter true or false"),
        ("priority", "urgent", "Choose one of: low, normal, high"),
        ("kind", "fax", "Choose one of: call, email, sms"),
        ("probability", 101, "Enter 100 or less"),
        ("probability", -1, "Enter 0 or more"),
        ("tags", ["a", "b"], "Give at most 1 item"),
        ("tags", "a", "Send a list"),
        ("required", ..., "This field is required"),
    ],
)
def test_a_pydantic_error_reads_as_a_sentence_a_person_can_act_on(
    field: str, value: Any, expected: str
) -> None:
    # Given a value the field refuses
    # When the platform words pydantic's error
    message = message_for(field, value)

    # Then it is the sentence, not pydantic's wording ("Input should be ...", "String should have ...")
    assert message == expected
    assert not message.startswith(("Input should", "String should", "Field required"))


def test_a_custom_validators_message_passes_through_without_pydantics_prefix() -> None:
    # Given a validator that raises ValueError with its own sentence
    # When the platform words the error
    message = message_for("email", "not-an-email")

    # Then the validator's sentence is the message, without "Value error, "
    assert message == "Enter a valid email address"


def test_an_error_type_the_mapping_does_not_know_keeps_pydantics_message() -> None:
    # Given an error of a type with no sentence of ours
    error = {"type": "some_future_type", "loc": ("x",), "msg": "Something pydantic says", "ctx": {}}

    # When the platform words it
    # Then pydantic's own message stays (nothing becomes worse than today)
    assert readable_message(error) == "Something pydantic says"


# Request bodies ------------------------------------------------------------------------------------


def event(
    body: str | None,
    content_type: str | None = JSON,
    *,
    base64_encoded: bool = False,
    method: str = "POST",
    path: str = "/things",
    authorization: str | None = None,
) -> dict[str, Any]:
    headers = {"content-type": content_type} if content_type else {}
    if authorization:
        headers["authorization"] = authorization
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {key: [value] for key, value in headers.items()},
        "queryStringParameters": None,
        "pathParameters": None,
        "requestContext": {"resourcePath": path, "httpMethod": method, "stage": "test", "requestId": "r"},
        "body": body,
        "isBase64Encoded": base64_encoded,
    }


NOT_UTF8 = base64.b64encode(b'{"name": "Jos\xe9"}').decode()  # Latin-1, as an old client might send


@pytest.mark.parametrize(
    ("request_event", "error", "code"),
    [
        (event(NOT_UTF8, base64_encoded=True), BadRequestError, "invalid_body"),
        (event("not base64 at all!", base64_encoded=True), BadRequestError, "invalid_body"),
        (event('{"name": "\udcff"}'), BadRequestError, "invalid_body"),  # a lone surrogate: not text
        (event("name=Jo", TEXT), UnsupportedMediaTypeError, "unsupported_media_type"),
        (event("<lead/>", "application/xml"), UnsupportedMediaTypeError, "unsupported_media_type"),
        (event("name=Jo", FORM), UnsupportedMediaTypeError, "unsupported_media_type"),
    ],
    ids=["latin-1", "bad-base64", "surrogate", "text-plain", "xml", "form-on-a-json-route"],
)
def test_a_body_a_json_function_cannot_read_is_refused_with_its_reason(
    request_event: dict[str, Any], error: type[Exception], code: str
) -> None:
    # Given a request whose body is not UTF-8 JSON
    # When the platform admits the body of a function that takes JSON
    with pytest.raises(error) as raised:
        check_body(request_event)

    # Then it is refused with the code that says why, and a message naming what to send
    assert raised.value.code == code  # type: ignore[attr-defined]
    assert raised.value.message  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "request_event",
    [
        event('{"name": "José"}'),
        event('{"name": "José"}', None),  # no Content-Type: read as JSON, as clients rely on
        event('{"name": "José"}', "Application/JSON; charset=UTF-8"),
        event(base64.b64encode('{"name": "José"}'.encode()).decode(), base64_encoded=True),
        event(None, "application/xml"),  # no body: nothing to refuse
        event("", TEXT),
    ],
    ids=["json", "no-content-type", "json-any-case", "base64-utf8", "no-body", "empty-body"],
)
def test_a_utf8_json_body_or_no_body_is_admitted(request_event: dict[str, Any]) -> None:
    # Given a JSON body in UTF-8 (or none)
    # When the platform admits it
    # Then nothing is raised
    check_body(request_event)


def test_a_function_that_declares_more_media_types_takes_them_and_still_refuses_others() -> None:
    # Given the media types the public form function declares
    takes = (JSON, TEXT, FORM)

    # When form-encoded, text and JSON posts are admitted, and an XML one is not
    for content_type in (FORM, "application/x-www-form-urlencoded; charset=UTF-8", TEXT, JSON):
        check_body(event("name=Jo", content_type), takes)
    with pytest.raises(UnsupportedMediaTypeError) as raised:
        check_body(event("<lead/>", "application/xml"), takes)

    # Then the refusal names every type the function takes
    assert all(name in raised.value.message for name in takes)


# The resolver --------------------------------------------------------------------------------------


class Thing(BaseModel):
    name: str = Field(min_length=3)
    value: Decimal


ROUTES = RouteTable(
    [
        Route("POST", "/things", "things", AuthKind.PUBLIC),
        Route("POST", "/mine", "things", AuthKind.USER, Permission.LEADS_WRITE),
    ]
)


class OneUser:
    """A token verifier that knows one token."""

    def principal(self, authorization: str | None) -> Principal:
        if authorization != "Bearer good":
            raise AuthenticationError("Log in to use this", code="missing_token")
        return Principal("u1", "t1", Role.ADMIN, "a@example.test", "Ada")


def things_app(**options: Any) -> tuple[ConvertlyResolver, list[Thing]]:
    app = create_resolver(ROUTES, user_routes=False, **options)
    app._verifier = OneUser()  # type: ignore[assignment]
    stored: list[Thing] = []

    @app.post("/things")
    def create(thing: Thing) -> dict[str, Any]:
        stored.append(thing)
        return {"name": thing.name}

    @app.post("/mine")
    def mine(thing: Thing) -> dict[str, Any]:
        stored.append(thing)
        return {"name": thing.name}

    return app, stored


def answer(app: ConvertlyResolver, request_event: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    result = app.resolve(request_event, None)
    return result["statusCode"], json.loads(result["body"])


@pytest.mark.parametrize(
    ("request_event", "status", "code"),
    [
        (event(NOT_UTF8, base64_encoded=True), 400, "invalid_body"),
        (event("{}", TEXT), 415, "unsupported_media_type"),
        (event("<thing/>", "application/xml"), 415, "unsupported_media_type"),
    ],
    ids=["not-utf8", "text-plain", "xml"],
)
def test_the_resolver_answers_a_bad_body_in_the_error_shape_before_the_route_runs(
    request_event: dict[str, Any], status: int, code: str
) -> None:
    # Given a function built with the platform resolver
    app, stored = things_app()

    # When a body it cannot read is posted
    got_status, body = answer(app, request_event)

    # Then the answer is 400/415 with the error shape, never 500, and the route did not run
    assert (got_status, body["error"]["code"]) == (status, code)
    assert set(body["error"]) == {"code", "message", "fields"}
    assert stored == []


def test_a_signed_in_route_checks_the_token_before_the_body_as_api_gateway_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a user route, and a signed-in user whose access stands (the table is not needed here)
    monkeypatch.setattr(access, "check", lambda session: access.Access(suspended=False))
    app, _ = things_app()

    # When an XML body comes without a token, then with one
    anonymous = answer(app, event("<thing/>", "application/xml", path="/mine"))
    signed_in = answer(app, event("<thing/>", "application/xml", path="/mine", authorization="Bearer good"))

    # Then the anonymous caller gets 401 and learns nothing of the body's rules; the signed-in one 415
    assert (anonymous[0], anonymous[1]["error"]["code"]) == (401, "missing_token")
    assert (signed_in[0], signed_in[1]["error"]["code"]) == (415, "unsupported_media_type")


def test_a_json_body_in_any_letter_case_or_without_content_type_still_works() -> None:
    # Given the platform resolver
    app, stored = things_app()

    # When the same JSON is posted with an upper-case Content-Type, and with none
    upper = answer(app, event('{"name": "Ada", "value": 9500}', "Application/JSON; charset=UTF-8"))
    missing = answer(app, event('{"name": "Bob", "value": 1}', None))

    # Then both reach the route
    assert (upper[0], missing[0]) == (200, 200)
    assert [thing.name for thing in stored] == ["Ada", "Bob"]


def test_validation_errors_answer_422_with_readable_messages_under_the_same_field_names() -> None:
    # Given the platform resolver
    app, stored = things_app()

    # When a body breaks the model's rules
    status, body = answer(app, event('{"name": "Al", "value": "a lot"}'))

    # Then each field has a sentence a person can act on
    assert status == 422 and body["error"]["code"] == "validation_error"
    assert body["error"]["fields"] == {
        "name": "Use at least 3 characters",
        "value": "Enter a number, like 9500",
    }
    assert stored == []


def test_a_function_declaring_form_posts_takes_them_and_refuses_xml() -> None:
    # Given a function that declares form posts besides JSON, validating nothing itself
    app = create_resolver(ROUTES, user_routes=False, validation=False, media_types=(JSON, FORM), cors=False)
    seen: list[str] = []

    @app.post("/things")
    def create() -> dict[str, Any]:
        seen.append(app.current_event.decoded_body)
        return {}

    # When a form post and an XML post arrive
    form = answer(app, event("name=Ada&value=1", FORM))
    xml = answer(app, event("<thing/>", "application/xml"))

    # Then the form post reaches the route as sent, the XML one is 415 naming both types
    assert form[0] == 200 and seen == ["name=Ada&value=1"]
    assert xml[0] == 415 and FORM in xml[1]["error"]["message"] and JSON in xml[1]["error"]["message"]
