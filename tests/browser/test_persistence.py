"""Nothing lost: a change made in the browser survives killing the server, also a SIGKILL in the
middle of a burst of edits; screenshots of the Library and Report pages."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from decision.store.library import FILE_NAME, Library
from decision.text.i18n import translate

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
    page.get_by_role("button", name="Rapport downloaden (PDF)").wait_for()
    frame = page.frame_locator("iframe").first
    # The example opened in a Dutch interface is a Dutch case (data/nl/), so its memo is Dutch.
    frame.get_by_text(translate("report.verdict", "nl", strategy="").strip(), exact=False).first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "report-page")
    with page.expect_download() as download:
        page.get_by_role("button", name="Rapport downloaden (HTML)").click()
    # The memo is written in the case's language (Dutch here), and so is its file name.
    assert download.value.suggested_filename.endswith("-directierapport.html")
    # The PDF is set only when its button is pressed (a deferred download), in a thread of its own.
    wait_for_app(page)  # the first download's rerun
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Rapport downloaden (PDF)").click()
    assert download.value.suggested_filename.endswith("-directierapport.pdf")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as download:  # the model workbook, deferred too
        page.get_by_role("button", name="Model downloaden (Excel)").click()
    assert download.value.suggested_filename.endswith("-rekenmodel.xlsx")
    assert Path(download.value.path()).read_bytes().startswith(b"PK")  # a zip: an Office Open XML file
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_kill_9_during_an_edit_burst_loses_no_acknowledged_edit(app_server, page):
    """Edits typed one after another on the Case page; the server is killed (SIGKILL, no shutdown) while
    the last ones are still in flight. Every edit the app had answered (its run finished) is in the
    library, in order; the newest stored value is the last answered one or a later one; the file is whole."""
    page.goto(app_server.url + "case")
    wait_for_app(page)
    case_id = re.search(r"case=([0-9a-f]{12})", page.url).group(1)
    fields = {
        "title": page.get_by_role("textbox", name="Titel van het dossier"),
        "organisation": page.get_by_role("textbox", name="Organisatie"),
    }
    answered: list[tuple[str, str]] = []
    for number in range(10):
        name = "title" if number % 2 == 0 else "organisation"
        fields[name].fill(f"Burst {number}")
        fields[name].press("Enter")
        wait_for_app(page)
        answered.append((name, f"Burst {number}"))
    in_flight: list[tuple[str, str]] = []
    for number in range(10, 16):
        name = "title" if number % 2 == 0 else "organisation"
        fields[name].fill(f"Burst {number}")
        fields[name].press("Enter")
        in_flight.append((name, f"Burst {number}"))
    page.wait_for_timeout(40)
    app_server.kill()

    path = app_server.data_dir / FILE_NAME
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    library = Library(path)
    versions = [library.version(case_id, v.version) for v in reversed(library.history(case_id))]
    stored = {"title": [c.title for c in versions], "organisation": [c.profile.organisation for c in versions]}
    for name in fields:
        mine = [value for field, value in answered if field == name]
        kept = [value for value in dict.fromkeys(stored[name]) if value.startswith("Burst")]
        assert kept[: len(mine)] == mine, f"every answered {name} is stored, in order: {kept}"
        later = [value for field, value in in_flight if field == name]
        assert stored[name][-1] in [mine[-1], *later], "the newest is the last answered or a later one"

    app_server.start()
    fresh = page.context.new_page()
    fresh.goto(f"{app_server.url}case?case={case_id}")
    wait_for_app(fresh)
    assert fresh.locator('[data-testid="stException"]').count() == 0
    current = library.get(case_id).case
    assert fresh.get_by_role("textbox", name="Titel van het dossier").input_value() == current.title
    assert fresh.get_by_role("textbox", name="Organisatie").input_value() == current.profile.organisation
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    shot(fresh, "persistence-after-kill-9")
