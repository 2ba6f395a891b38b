"""moto's server keeps each client's connection (devstack/moto_server.py): every answer carries its
body's length, a request's whole body is read before the next one is, and a client that asks to close
gets its connection closed."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from devstack.moto_server import MotoServer

LIST_TABLES = {
    "X-Amz-Target": "DynamoDB_20120810.ListTables",
    "Content-Type": "application/x-amz-json-1.0",
    "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=0",
}
S3_AUTHORIZATION = (
    "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0"
)


@pytest.fixture
def moto() -> Iterator[MotoServer]:
    """A server of its own, so its connections are this test's alone."""
    server = MotoServer("127.0.0.1", 0)
    server.start()
    yield server
    server.stop()


def test_a_clients_calls_share_one_connection(moto: MotoServer) -> None:
    sqs = boto3.client("sqs", endpoint_url=moto.url, region_name="us-east-1")
    url = sqs.create_queue(QueueName="kept")["QueueUrl"]
    for n in range(20):
        sqs.send_message(QueueUrl=url, MessageBody=f"message {n}")
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert len(received) == 10
    assert moto.connections_accepted == 1


def test_each_answer_has_its_bodys_length_and_leaves_the_connection_open(
    moto: MotoServer,
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", moto.port, timeout=10)
    for _ in range(3):
        connection.request("POST", "/", body="{}", headers=LIST_TABLES)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200
        assert int(response.headers["Content-Length"]) == len(body) > 0
        assert response.headers.get("Connection") is None
        assert not response.will_close
    connection.close()
    assert moto.connections_accepted == 1


def _read_answer(stream: Any) -> tuple[int, dict[str, str], bytes]:
    status = int(stream.readline().split()[1])
    headers = {}
    while (line := stream.readline().decode().strip()) != "":
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = stream.read(int(headers.get("content-length", "0")))
    return status, headers, body


def test_a_chunked_upload_is_read_whole_before_the_next_request_on_the_connection(
    moto: MotoServer,
) -> None:
    s3 = boto3.client("s3", endpoint_url=moto.url, region_name="us-east-1")
    s3.create_bucket(Bucket="uploads")
    signed = f"Host: 127.0.0.1\r\nAuthorization: {S3_AUTHORIZATION}\r\n"
    put = (
        f"PUT /uploads/notes.txt HTTP/1.1\r\n{signed}Transfer-Encoding: chunked\r\n\r\n"
        "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    )
    get = f"GET /uploads/notes.txt HTTP/1.1\r\n{signed}\r\n"
    with socket.create_connection(("127.0.0.1", moto.port), timeout=10) as sock:
        sock.sendall((put + get).encode())  # the second request right behind the first
        stream = sock.makefile("rb")
        put_status, _, _ = _read_answer(stream)
        get_status, _, body = _read_answer(stream)
    assert (put_status, get_status, body) == (200, 200, b"hello world")


def test_a_head_answer_gives_the_objects_length_and_no_body(moto: MotoServer) -> None:
    s3 = boto3.client("s3", endpoint_url=moto.url, region_name="us-east-1")
    s3.create_bucket(Bucket="media")
    s3.put_object(Bucket="media", Key="logo.png", Body=b"x" * 5000, Metadata={"uploaded_by": "ada"})
    head = s3.head_object(Bucket="media", Key="logo.png")
    assert head["ContentLength"] == 5000
    assert head["Metadata"] == {"uploaded_by": "ada"}  # moto's handler keeps the underscore
    assert s3.get_object(Bucket="media", Key="logo.png")["Body"].read() == b"x" * 5000


def test_a_client_that_asks_to_close_gets_its_connection_closed(moto: MotoServer) -> None:
    with socket.create_connection(("127.0.0.1", moto.port), timeout=10) as sock:
        headers = "".join(f"{name}: {value}\r\n" for name, value in LIST_TABLES.items())
        closing = "Content-Length: 2\r\nConnection: close\r\n"
        request = f"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}{closing}\r\n{{}}"
        sock.sendall(request.encode())
        stream = sock.makefile("rb")
        status, _, body = _read_answer(stream)
        assert status == 200 and body
        assert stream.read() == b""  # the server closed its end
