"""Bad input never answers 500: a body that is not UTF-8 or not of a type the route takes is 400
`invalid_body` / 415 `unsupported_media_type` in the error shape, on a signed-in route, a public one
and the public form route (which still takes form posts), and nothing is written. The local gateway
answers a method or path no route has in the same shape, never Chalice's 501 HTML page."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from convertly.platform.config import get_settings
from devstack.api_server import ApiServer
from tests.functional.capture.forms_support import SITE, Visitor, answers, ensure_secrets_key, published_form
from tests.functional.conftest import PASSWORD, Account, Api, LocalAws

LATIN_1_JSON = '{"first_name": "José", "email": "jose@example.test", "password": "x"}'.encode("latin-1")


@pytest.fixture(autouse=True)
def _secrets_key(aws: LocalAws) -> None:
    ensure_secrets_key(aws)


def post(
    api: Api, path: str, body: bytes, content_type: str | None, token: str | None = None
) -> tuple[int, Any]:
    headers = {"origin": SITE, "x-forwarded-for": "198.51.100.7"}
    if content_type:
        headers["content-type"] = content_type
    if token:
        headers["authorization"] = f"Bearer {token}"
    response = api._client.http.request("POST", path, headers=headers, body=body)
    try:
        return response.status_code, json.loads(response.body)
    except ValueError:
        return response.status_code, response.body


def items_in_table(aws: LocalAws) -> int:
    """Every item of the table: a refused request must not have added, or removed, one. moto counts
    them as they are now (DynamoDB's own count lags by hours), with no Scan of every test's items."""
    table = aws.client("dynamodb").describe_table(TableName=get_settings().table_name)["Table"]
    return int(table["ItemCount"])


def assert_error_shape(body: Any, code: str) -> None:
    assert isinstance(body, dict), body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    assert body["error"]["code"] == code, body
    assert body["error"]["message"] and "Traceback" not in body["error"]["message"]


BAD_BODIES = [
    pytest.param(LATIN_1_JSON, "application/json", 400, "invalid_body", id="not-utf8"),
    pytest.param(
        b'{"email": "a@example.test"}', "text/plain", 415, "unsupported_media_type", id="text-plain"
    ),
    pytest.param(
        b"<lead><email>a@example.test</email></lead>",
        "application/xml",
        415,
        "unsupported_media_type",
        id="xml",
    ),
]


@pytest.mark.parametrize(("body", "content_type", "status", "code"), BAD_BODIES)
def test_a_signed_in_route_refuses_a_body_it_cannot_read_and_writes_nothing(
    api: Api, aws: LocalAws, tenant: Account, body: bytes, content_type: str, status: int, code: str
) -> None:
    # Given a signed-in Admin and the table as it is
    before = items_in_table(aws)

    # When they post a lead whose body is not UTF-8 JSON
    got_status, answer = post(api, "/leads", body, content_type, tenant.token)

    # Then the answer is 400/415 in the error shape, not 500, and no lead (nor anything else) is written
    assert got_status == status, answer
    assert_error_shape(answer, code)
    assert items_in_table(aws) == before
    assert api.call("GET", "/leads", token=tenant.token)[1]["items"] == []


@pytest.mark.parametrize(("body", "content_type", "status", "code"), BAD_BODIES)
def test_the_public_login_route_refuses_a_body_it_cannot_read(
    api: Api, aws: LocalAws, tenant: Account, body: bytes, content_type: str, status: int, code: str
) -> None:
    # Given an account that can log in, and the table as it is
    before = items_in_table(aws)
    sent = body.replace(b"a@example.test", tenant.email.encode()).replace(b'"x"', f'"{PASSWORD}"'.encode())

    # When someone posts its login in a body the route cannot read
    got_status, answer = post(api, "/auth/login", sent, content_type)

    # Then it is 400/415 in the error shape (no tokens), and nothing is written
    assert got_status == status, answer
    assert_error_shape(answer, code)
    assert items_in_table(aws) == before


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        pytest.param(
            "name=Jos\xe9".encode("latin-1"),
            "application/x-www-form-urlencoded",
            400,
            "invalid_body",
            id="not-utf8-form",
        ),
        pytest.param(LATIN_1_JSON, "application/json", 400, "invalid_body", id="not-utf8-json"),
        pytest.param(b"name=Ada", "text/plain", 400, "invalid_json", id="text-plain-not-json"),
        pytest.param(
            b"<form><name>Ada</name></form>", "application/xml", 415, "unsupported_media_type", id="xml"
        ),
    ],
)
def test_the_public_form_route_refuses_a_body_it_cannot_read_and_writes_nothing(
    api: Api, aws: LocalAws, tenant: Account, body: bytes, content_type: str, status: int, code: str
) -> None:
    # Given a published form, and the table as it is
    form = published_form(api, tenant)
    before = items_in_table(aws)

    # When a visitor posts to it a body the form cannot read
    got_status, answer = post(api, f"/f/{form['form_id']}", body, content_type)

    # Then the answer is 400/415 in the error shape, and no lead or submission is written
    assert got_status == status, answer
    assert_error_shape(answer, code)
    assert items_in_table(aws) == before
    assert api.call("GET", "/leads", token=tenant.token)[1]["items"] == []


def test_the_public_form_route_still_takes_a_classic_form_post_and_the_embed_scripts_json(
    api: Api, tenant: Account
) -> None:
    # Given a published form
    form = published_form(api, tenant)
    visitor = Visitor(api)

    # When a plain HTML form posts it form-encoded (UTF-8, accents and all), and the embed script as JSON
    classic = visitor.post_form(form["form_id"], answers(name="José Núñez"))
    embedded = visitor.post_json(form["form_id"], answers(name="Ada Lovelace", phone="+1 415 555 0199"))

    # Then the classic post is redirected to the thank-you page, the JSON one answered 201: two leads
    assert classic.status == 303, classic.text
    assert embedded.status == 201, embedded.text
    names = {lead["first_name"] for lead in api.call("GET", "/leads", token=tenant.token)[1]["items"]}
    assert names == {"José", "Ada"}


def test_a_json_body_without_a_content_type_or_in_capitals_still_creates_the_lead(
    api: Api, tenant: Account
) -> None:
    # Given a signed-in Admin
    # When they post a lead with no Content-Type (read as JSON), and one with Application/JSON
    bare = post(api, "/leads", b'{"first_name": "Bare"}', None, tenant.token)
    upper = post(api, "/leads", b'{"first_name": "Upper"}', "Application/JSON; charset=UTF-8", tenant.token)

    # Then both leads are created
    assert (bare[0], upper[0]) == (201, 201), (bare, upper)


def test_a_validation_error_says_what_to_enter_under_the_fields_own_name(api: Api, tenant: Account) -> None:
    # Given a signed-in Admin
    # When they post a lead whose value is not a number
    status, answer = api.call("POST", "/leads", {"first_name": "Ada", "value": "a lot"}, tenant.token)

    # Then the field keeps its name and the message says what to enter
    assert status == 422, answer
    assert answer["error"]["fields"]["value"] == "Enter a number, like 9500"


# The local gateway ---------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["TRACE", "FOO", "DELETE", "PUT"])
def test_a_method_the_path_lacks_is_405_in_the_error_shape(api: Api, tenant: Account, method: str) -> None:
    # Given /leads, which takes GET and POST
    # When it is asked with another method, a known verb or not
    response = api._client.http.request(
        method, "/leads", headers={"authorization": f"Bearer {tenant.token}"}, body=b""
    )

    # Then the gateway answers 405 with the methods to use, in the error shape
    assert response.status_code == 405
    assert_error_shape(json.loads(response.body), "method_not_allowed")
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "POST"}


@pytest.fixture(scope="module")
def gateway(aws: LocalAws) -> Iterator[ApiServer]:
    """app.py behind the local HTTP server `make run` uses, on a free port."""
    import app as local_gateway

    server = ApiServer("127.0.0.1", 0, app=local_gateway.app)
    server.start()
    yield server
    server.stop()


def over_http(server: ApiServer, method: str, path: str) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read().decode()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("TRACE", "/leads", 405, "method_not_allowed"),
        ("FOO", "/auth/login", 405, "method_not_allowed"),
        ("GET", "/no/such/route", 403, "missing_authentication_token"),
        ("FOO", "/no/such/route", 403, "missing_authentication_token"),
    ],
)
def test_over_http_the_gateway_answers_what_no_route_takes_in_json_never_501_html(
    gateway: ApiServer, method: str, path: str, status: int, code: str
) -> None:
    # Given the local gateway serving over HTTP
    # When a client sends a method or a path no route has
    got_status, content_type, text = over_http(gateway, method, path)

    # Then it is 403/405 as API Gateway answers, as JSON in the error shape
    assert (got_status, content_type) == (status, "application/json"), text
    assert_error_shape(json.loads(text), code)


def test_over_http_a_request_the_server_cannot_parse_is_answered_in_json(gateway: ApiServer) -> None:
    # Given the local gateway serving over HTTP
    # When a client sends more headers than the HTTP server parses
    headers = b"".join(b"X-Filler-%d: x\r\n" % number for number in range(120))
    with socket.create_connection(("127.0.0.1", gateway.port), timeout=10) as sock:
        sock.sendall(b"GET /leads HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
        raw = b""
        while chunk := sock.recv(4096):
            raw += chunk

    # Then the answer is still JSON in the error shape, not an HTML error page
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0].startswith(b"HTTP/1.1 431 "), head
    assert b"content-type: application/json" in head.lower(), head
    assert_error_shape(json.loads(body), "request_header_fields_too_large")


def test_over_http_concurrent_requests_each_reach_their_own_function_and_route(
    gateway: ApiServer, api: Api, tenant: Account
) -> None:
    # Given the local gateway, whose server answers each request on a thread of its own, and a lead
    status, lead = api.call("POST", "/leads", {"first_name": "Ada", "last_name": "Thread"}, tenant.token)
    assert status == 201, lead
    # (three routes of two functions: each answer says which route made it)
    routes = [
        ("/openapi.json", "openapi"),
        ("/leads?limit=1", "items"),
        (f"/leads/{lead['lead_id']}", "lead_id"),
    ]

    def call(index: int) -> tuple[int, int, dict[str, Any]]:
        path, _ = routes[index % len(routes)]
        connection = http.client.HTTPConnection("127.0.0.1", gateway.port, timeout=30)
        try:
            connection.request("GET", path, headers={"Authorization": f"Bearer {tenant.token}"})
            response = connection.getresponse()
            return index, response.status, json.loads(response.read())
        finally:
            connection.close()

    # When the web app's way of loading a page sends many requests at once
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(call, range(60)))

    # Then every request was answered by its own route, never by another request's
    for index, status, body in answers:
        assert status == 200, (index, body)
        assert routes[index % len(routes)][1] in body, (index, body)
