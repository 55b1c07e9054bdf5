"""No request leaves the machine: every page loads only from the local server."""

from __future__ import annotations

from urllib.parse import urlparse

from tests.conftest import PAGE_NAMES

from .conftest import assert_no_exception, wait_for_app

PAGES = tuple("" if name == "start" else name.replace("_", "-") for name in PAGE_NAMES)  # URL paths
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname in LOCAL_HOSTS


def test_every_page_loads_without_a_request_to_another_host(app_server, page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGES:
        page.goto(app_server.url + path)
        wait_for_app(page)
        assert_no_exception(page)
    assert requested, "the browser made no requests at all"
    assert [url for url in requested if not is_local(url)] == []


def test_a_request_elsewhere_would_be_caught() -> None:
    assert not is_local("https://fonts.gstatic.com/s/i/materialsymbolsrounded/balance/default/24px.svg")
    assert is_local("http://127.0.0.1:8501/static/js/main.js")
