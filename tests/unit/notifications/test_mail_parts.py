"""The message the mail outbox sends: a template's files attached beside the text and HTML parts
(multipart/mixed), and for email to a contact the unsubscribe link at the end of both parts with the
List-Unsubscribe headers (the one-click POST only where the API's own URL is known)."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from convertly.notifications.senders import FilePart, RichMailMessage, unsubscribe_links, with_unsubscribe
from convertly.platform.config import get_settings


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.setenv("WEB_APP_URL", "https://app.example.test/")
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def _parsed(message: RichMailMessage) -> EmailMessage:
    parsed = message_from_bytes(message.to_mime().as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_files_are_attached_beside_the_text_and_html_parts() -> None:
    message = RichMailMessage(
        to="ada@example.test",
        subject="Your quote",
        text="Hello Ada",
        from_address="sales@roofing.test",
        html="<p>Hello Ada</p>",
        message_key="M1",
        attachments=(
            FilePart("Quote für Ada.pdf", "application/pdf", b"%PDF-1.7 quote"),
            FilePart("prices.csv", "text/csv", b"item,price\nroof,100\n"),
        ),
    )

    parsed = _parsed(message)

    assert parsed.get_content_type() == "multipart/mixed"
    assert parsed.get_body(("plain",)).get_content().strip() == "Hello Ada"  # type: ignore[union-attr]
    assert parsed.get_body(("html",)).get_content().strip() == "<p>Hello Ada</p>"  # type: ignore[union-attr]
    files = [
        (p.get_filename(), p.get_content_type(), p.get_payload(decode=True))
        for p in parsed.iter_attachments()
    ]
    assert files == [
        ("Quote für Ada.pdf", "application/pdf", b"%PDF-1.7 quote"),
        ("prices.csv", "text/csv", b"item,price\nroof,100\n"),
    ]
    assert parsed["Message-ID"] == "<M1@convertly.mail>"


def test_the_unsubscribe_headers_go_on_the_message() -> None:
    message = RichMailMessage(
        to="ada@example.test",
        subject="News",
        text="Hi",
        from_address="sales@roofing.test",
        headers=(
            ("List-Unsubscribe", "<https://api.example.test/unsubscribe/u1.x.y>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
        ),
    )

    parsed = _parsed(message)

    assert parsed["List-Unsubscribe"] == "<https://api.example.test/unsubscribe/u1.x.y>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert list(parsed.iter_attachments()) == []


def test_the_link_ends_both_parts_inside_the_html_body() -> None:
    link = "https://app.example.test/unsubscribe/u1.a&b"

    text, html = with_unsubscribe("Hello\n\n", "<html><body><p>Hello</p></body></html>", link)

    assert text.endswith(f"To stop receiving these emails, unsubscribe: {link}\n")
    assert html is not None and html.endswith("</p></body></html>")
    assert 'href="https://app.example.test/unsubscribe/u1.a&amp;b">Unsubscribe</a>' in html
    assert html.index("Hello") < html.index("Unsubscribe")
    assert with_unsubscribe("Hi", "<p>Hi</p>", link)[1] == (
        '<p>Hi</p>\n<p style="margin-top:24px;font-size:12px;color:#6b7280">Don\'t want these emails? '
        '<a href="https://app.example.test/unsubscribe/u1.a&amp;b">Unsubscribe</a></p>'
    )
    assert with_unsubscribe("Hi", None, link)[1] is None


def test_one_click_unsubscribe_posts_to_the_api_when_its_url_is_known(settings: pytest.MonkeyPatch) -> None:
    without = unsubscribe_links("u1.t.s")
    assert without.page == without.header == "https://app.example.test/unsubscribe/u1.t.s"
    assert without.headers() == (("List-Unsubscribe", "<https://app.example.test/unsubscribe/u1.t.s>"),)

    settings.setenv("PUBLIC_API_URL", "https://api.example.test/prod/")
    get_settings.cache_clear()
    links = unsubscribe_links("u1.t.s")

    assert links.page == "https://app.example.test/unsubscribe/u1.t.s"
    assert links.headers() == (
        ("List-Unsubscribe", "<https://api.example.test/prod/unsubscribe/u1.t.s>"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
    )
