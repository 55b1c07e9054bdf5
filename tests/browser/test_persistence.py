"""Nothing lost: a change made in the browser survives killing the server; screenshots of the
Library and Report pages."""

from __future__ import annotations

import re

from .conftest import shot, wait_for_app

TITLE = "Persistent <script>alert(1)</script>"


def test_a_change_survives_a_server_kill(app_server, page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(app_server.url + "library")
    wait_for_app(page)
    assert re.search(r"/library\?(.*&)?case=[0-9a-f]{12}", page.url), page.url
    case_id = re.search(r"case=([0-9a-f]{12})", page.url).group(1)

    title = page.get_by_role("textbox", name="Titel (hoogstens 200 tekens)")
    title.fill(TITLE)
    page.get_by_role("button", name="Hernoemen").click()
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(TITLE, exact=True).wait_for()
    url = page.url
    assert f"case={case_id}" in url
    shot(page, "persistence-library-after-rename")

    app_server.restart()

    fresh = page.context.new_page()
    fresh.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    fresh.goto(url)
    wait_for_app(fresh)
    assert fresh.url.split("?")[0].endswith("/library"), "the same page comes back"
    fresh.locator('[data-testid="stSidebar"]').get_by_text(TITLE, exact=True).wait_for()
    assert fresh.get_by_role("textbox", name="Titel (hoogstens 200 tekens)").input_value() == TITLE
    assert dialogs == [], "a title is text, never a script"
    assert fresh.locator('[data-testid="stException"]').count() == 0
    shot(fresh, "persistence-library-after-restart")


def test_report_page(app_server, page):
    page.goto(app_server.url + "report")
    wait_for_app(page, timeout=60_000)
    page.get_by_role("button", name="Memo downloaden (PDF)").wait_for()
    frame = page.frame_locator("iframe").first
    frame.get_by_text("Recommendation:", exact=False).first.wait_for()  # the example is written in English
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "report-page")
    with page.expect_download() as download:
        page.get_by_role("button", name="Memo downloaden (HTML)").click()
    assert download.value.suggested_filename.endswith("-bestuursmemo.html")
