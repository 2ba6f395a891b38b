"""A customer's website on localhost for the browser tests: fixed HTML pages by path, each wrapped in
a document, served until stopped. Pages embed Convertly's snippet the way a customer would."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Website:
    def __init__(self, pages: Mapping[str, str]) -> None:
        served = dict(pages)

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                content = served.get(self.path.split("?")[0])
                if content is None:
                    self.send_error(404)
                    return
                body = f"<!doctype html><html><body>{content}</body></html>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://localhost:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def two_page_site(site_tag: str, form_tag: str) -> Website:
    """A home page with the site tag only, and a contact page with the form."""
    return Website(
        {
            "/": f"<h1>Roofs, fixed fast</h1><a href='/contact'>Contact us</a>{site_tag}",
            "/contact": f"<h1>Contact us</h1><p>Tell us about your roof.</p>{form_tag}",
        }
    )
