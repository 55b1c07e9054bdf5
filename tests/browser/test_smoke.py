"""Smoke test: the real app starts, renders its example case, and raises nothing."""

from __future__ import annotations

from .conftest import shot, wait_for_app


def test_app_root_renders_without_exceptions(app_server, page):
    page.goto(app_server.url)
    wait_for_app(page)

    title = page.title()
    assert title.strip(), "the page has no <title>"

    heading = page.locator("h1, h2").first
    heading.wait_for(state="visible")
    assert heading.inner_text().strip(), "the first heading is empty"

    shot(page, "smoke-root")

    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, "the app shows an exception box:\n" + "\n---\n".join(exceptions.all_inner_texts())
