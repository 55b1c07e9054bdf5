"""The whole app in Dutch in a real browser, the language from the URL and the browser, and the workshop mode.

The browser's locale is nl-NL (tests/browser/conftest.py). Screenshots go to
tests/artifacts/dutch-<page>.png and workshop-*.png.
"""

from __future__ import annotations

import ast

import pytest

from decision.text.i18n import translate

from .conftest import REPO_ROOT, assert_no_exception, shot, wait_for_app


def registered_paths() -> list[str]:
    """The URL path of every page app.py registers; the default page lives at the root ("")."""
    tree = ast.parse((REPO_ROOT / "app.py").read_text(encoding="utf-8"))
    paths = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            keywords = {k.arg: k.value for k in node.keywords}
            default = isinstance(keywords.get("default"), ast.Constant) and keywords["default"].value
            paths.append("" if default else keywords["url_path"].value)
    return paths


PATHS = registered_paths()
# A collapsed sidebar is moved out of the viewport (or has no width).
SIDEBAR_COLLAPSED_JS = """() => {
  const bar = document.querySelector('[data-testid="stSidebar"]');
  if (!bar) return true;
  const box = bar.getBoundingClientRect();
  return box.right <= 1 || box.width <= 1;
}"""


def sidebar_text(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


@pytest.mark.parametrize("path", PATHS)
def test_every_page_in_dutch(app_server, page, path):
    page.goto(f"{app_server.url}{path}?lang=nl")
    wait_for_app(page)
    assert_no_exception(page)
    sidebar = sidebar_text(page)
    assert translate("nav.open_case", "nl") in sidebar  # "Open dossier"
    assert translate("nav.section_walk", "nl") in sidebar  # "De route"
    assert translate("nav.open_case", "en") not in sidebar
    shot(page, f"dutch-{path or 'start'}")


def test_the_browser_language_is_the_default_and_the_url_shows_it(app_server, page):
    page.goto(f"{app_server.url}assumptions")
    wait_for_app(page)
    assert translate("nav.open_case", "nl") in sidebar_text(page)
    page.wait_for_url("**lang=nl**")


def test_lang_en_in_the_url_wins_over_the_browser(app_server, page):
    page.goto(f"{app_server.url}comparison?lang=en")
    wait_for_app(page)
    assert_no_exception(page)
    assert translate("nav.open_case", "en") in sidebar_text(page)
    assert not page.evaluate(SIDEBAR_COLLAPSED_JS)  # outside a workshop the sidebar is open
    # Switching language in the sidebar writes it back to the URL.
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Nederlands").click()
    wait_for_app(page)
    page.wait_for_url("**lang=nl**")
    assert translate("nav.open_case", "nl") in sidebar_text(page)


def test_the_workshop_on_a_shared_screen(app_server, page):
    page.goto(f"{app_server.url}comparison?lang=nl&workshop=1&amounts=rounded")
    wait_for_app(page)
    assert_no_exception(page)
    message = page.locator(".st-key-workshop_message")
    assert message.inner_text().startswith("Oplossen heeft de laagste verwachte kosten")
    assert "M€" in message.inner_text()
    page.wait_for_function(SIDEBAR_COLLAPSED_JS)
    shot(page, "workshop-comparison")
    next_step = page.get_by_role("button", name="Volgende stap: Waarom")
    next_step.scroll_into_view_if_needed()
    next_step.click()
    wait_for_app(page)
    assert_no_exception(page)
    page.wait_for_url("**/why?**")
    assert page.locator(".st-key-workshop_message").inner_text() == translate("workshop.message.why", "nl")
    assert "workshop=1" in page.url and "amounts=rounded" in page.url and "lang=nl" in page.url
    # Page Down presses the step button once the page has drawn it (a busy machine draws it late).
    page.locator(".st-key-workshop_steps").get_by_role("button", name="Volgende stap: Onderhandeling").wait_for()
    page.keyboard.press("PageDown")
    page.wait_for_url("**/negotiation?**")
    wait_for_app(page)
    assert_no_exception(page)
    shot(page, "workshop-negotiation")


def test_the_variants_page_in_a_workshop_with_hidden_amounts(app_server, page):
    page.goto(f"{app_server.url}variants?lang=nl&workshop=1&amounts=hidden")
    wait_for_app(page)
    name = page.get_by_role("textbox", name=translate("variants.name", "nl"))
    name.fill("pessimistisch")
    # Enter in the name does not save the variant before its second question (whose view) is answered.
    name.press("Enter")
    wait_for_app(page)
    assert name.input_value() == "pessimistisch"
    assert page.get_by_text(translate("variants.saved", "nl", name="pessimistisch")).count() == 0
    page.get_by_role("button", name=translate("variants.save", "nl")).click()
    wait_for_app(page)
    page.get_by_text(translate("variants.saved", "nl", name="pessimistisch")).wait_for()
    page.get_by_role("button", name=translate("variants.start_client", "nl")).click()
    wait_for_app(page)
    page.get_by_role("button", name=translate("variants.start_supplier", "nl")).click()
    wait_for_app(page)
    # With amounts hidden the table of both parties' estimates (every number in full) is not shown: a
    # sentence says why; the difference in choice under it is.
    page.get_by_text(translate("variants.estimates_hidden", "nl")).wait_for()
    assert page.get_by_role("button", name=translate("variants.save_estimates", "nl")).count() == 0
    page.get_by_text("verwacht •••").first.wait_for()
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    assert_no_exception(page)
    shot(page, "workshop-variants")


def test_switching_the_workshop_on_in_the_sidebar(app_server, page):
    page.goto(f"{app_server.url}triage?lang=nl")
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"]').get_by_text(translate("workshop.toggle", "nl")).click()
    wait_for_app(page)
    page.wait_for_url("**workshop=1**")
    assert page.locator(".st-key-workshop_message").is_visible()
    page.wait_for_function(SIDEBAR_COLLAPSED_JS)
    shot(page, "workshop-switched-on")
