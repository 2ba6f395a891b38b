"""The devstack web server: config.json from the stack, SPA fallback, assets, and an unbuilt app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests

from devstack.web_server import BUILD_HINT, WebServer, web_config


def test_config_json_points_the_app_at_the_stack(stack: dict[str, Any], web_url: str) -> None:
    response = requests.get(f"{web_url}/config.json", timeout=10)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.json() == {
        "apiUrl": stack["api_url"],
        "region": stack["region"],
        "userPoolId": stack["user_pool_id"],
        "userPoolClientId": stack["user_pool_client_id"],
    }


def test_app_paths_fall_back_to_index_html_and_missing_assets_are_404(web_url: str) -> None:
    index = requests.get(f"{web_url}/", timeout=10)
    deep_link = requests.get(f"{web_url}/leads/some-lead/edit?x=1", timeout=10)
    assert index.status_code == deep_link.status_code == 200
    assert deep_link.text == index.text and '<div id="root">' in index.text
    assert deep_link.headers["Cache-Control"] == "no-cache"
    assert requests.get(f"{web_url}/assets/missing-123.js", timeout=10).status_code == 404


def test_hashed_assets_are_cached_for_good(web_url: str) -> None:
    index = requests.get(web_url, timeout=10).text
    script = index.split('src="', 1)[1].split('"', 1)[0]
    assert script.startswith("/assets/")
    response = requests.get(f"{web_url}{script}", timeout=10)
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]


def test_an_unbuilt_app_says_how_to_build_it_and_still_serves_its_config(tmp_path: Path) -> None:
    config = web_config("http://api.test", "us-east-1", "pool", "client")
    server = WebServer("127.0.0.1", 0, tmp_path / "dist", config)
    server.start()
    try:
        assert not server.built
        page = requests.get(f"{server.url}/dashboard", timeout=10)
        assert page.status_code == 503
        assert page.text == BUILD_HINT and "make web-build" in page.text
        assert requests.get(f"{server.url}/config.json", timeout=10).json()["apiUrl"] == "http://api.test"
    finally:
        server.stop()


def test_files_outside_the_build_are_never_served(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<html>app</html>")
    (tmp_path / "secret.txt").write_text("not for the web")
    server = WebServer("127.0.0.1", 0, dist, web_config("http://api.test", "r", "p", "c"))
    server.start()
    try:
        response = requests.get(f"{server.url}/../secret.txt", timeout=10)
        assert "not for the web" not in response.text
        raw = requests.get(f"{server.url}/%2e%2e/secret.txt", timeout=10)
        assert "not for the web" not in raw.text
    finally:
        server.stop()
