"""The whole walk in a real browser: sidebar links from Start to Comparison, one assumption changed
through the UI, the comparison updated, and the deep link on a freshly started server.

The browser's locale is nl-NL, so the walk is in Dutch; the two pages of this
module are also shot in English.
"""

from __future__ import annotations

from urllib.parse import urlparse

from playwright.sync_api import expect

from decision.engine.results import evaluate
from decision.model.loader import parse_case
from decision.model.presets import EXAMPLE, load_preset
from decision.text import fmt
from decision.text.i18n import translate

from .conftest import assert_no_exception, commit, shot, wait_for_app

ITERATIONS = 10_000  # what ui.cache evaluates with
WALK = [("case", "Dossier"), ("diagnosis", "Diagnose"), ("triage", "Triage"), ("assumptions", "Aannames")]
NEW_P_SUCCESS = {"low": 10, "mode": 15, "high": 20}


def click_sidebar(page, label: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=label).first.click()
    wait_for_app(page)


def wait_for_charts(page, count: int) -> None:
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.nth(count - 1).locator("canvas, svg").first.wait_for()
    assert charts.count() == count


def set_number(page, key: str, value: float) -> None:
    field = page.locator(f".st-key-{key.replace('.', '-')} input")
    field.fill(str(value))
    commit(field, page)


def solve_row(page) -> str:
    return page.locator('[data-testid="stTable"] tr', has_text="Oplossen").first.inner_text()


def test_the_walk_from_start_to_comparison(app_server, page):
    case = load_preset(EXAMPLE)
    before = evaluate(case, ITERATIONS, 1)
    data = case.model_dump(mode="json")
    data["solve"]["p_success"].update({part: value / 100 for part, value in NEW_P_SUCCESS.items()})
    changed = parse_case(data)
    after = evaluate(changed, ITERATIONS, 1)
    assert after.recommendation.strategy != before.recommendation.strategy  # the change matters

    page.goto(app_server.url)
    wait_for_app(page)
    assert_no_exception(page)
    shot(page, "walk-through-1-start")
    for number, (path, label) in enumerate(WALK, start=2):
        click_sidebar(page, label)
        assert urlparse(page.url).path == f"/{path}"
        assert_no_exception(page)
        shot(page, f"walk-through-{number}-{path}")

    # Assumptions: the chance that solving succeeds, 50/65/80% -> 10/15/20%
    page.get_by_role("tab", name="Oplossen").click()
    wait_for_app(page)
    for part, value in NEW_P_SUCCESS.items():
        set_number(page, f"asm.solve.p_success.{part}", value)
    assert_no_exception(page)
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert page.get_by_text("In het dossier: 10% – 15% – 20%").count() == 1

    click_sidebar(page, "Vergelijking")
    wait_for_charts(page, 4)
    assert_no_exception(page)
    heading = translate("comparison.recommended", "nl", strategy=after.recommendation.strategy)
    assert page.get_by_role("heading", name=heading).count() == 1
    assert fmt.money(after.strategies["solve"].mean, "nl") in solve_row(page)
    assert fmt.money(before.strategies["solve"].mean, "nl") not in solve_row(page)
    shot(page, "walk-through-6-comparison")


def test_an_invalid_entry_shows_its_message_in_the_browser(app_server, page):
    page.goto(app_server.url + "assumptions")
    wait_for_app(page)
    page.get_by_role("tab", name="Juridische procedure").click()
    wait_for_app(page)
    set_number(page, "asm.legal.p_win.high", 150)
    row = page.locator(".st-key-asm-row-legal-p_win")  # the field's own box
    assert (
        row.locator('[data-testid="stAlertContentError"]')
        .inner_text()
        .endswith("Kans om de rechtszaak te winnen: de hoge waarde (150%) ligt boven de hoogst mogelijke waarde, 100%.")
    )
    shot(page, "walk-assumptions-invalid-nl")
    set_number(page, "asm.legal.p_win.high", 65)
    # The message goes once the page has run again (a rerun can briefly leave the old element shown).
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0, timeout=15_000)


def test_the_assumptions_page_in_dutch(app_server, page):
    page.goto(app_server.url + "assumptions")
    wait_for_app(page)
    assert_no_exception(page)
    row = page.locator(".st-key-asm-row-current-dysfunction_cost_per_month")
    # each value field is named after its estimate (what a screen reader says), not just "Laag"
    assert row.get_by_role("textbox", name="Schade door het slecht werkende systeem, laag", exact=True).count() == 1
    # one number, typed the Dutch way, "ongeveer": low and high derived (±20%)
    row.get_by_role("radio", name="Eén getal").click()
    wait_for_app(page)
    row.get_by_role("radio", name="Ongeveer", exact=True).click()
    wait_for_app(page)
    best = row.get_by_role("textbox", name="Schade door het slecht werkende systeem, beste schatting", exact=True)
    best.fill("400.000")
    commit(best, page)
    assert_no_exception(page)
    said = row.inner_text().replace("\xa0", " ")
    assert "±20% rond uw getal" in said, said
    assert "Afgeleid: laag € 320.000, meest waarschijnlijk € 400.000, hoog € 480.000." in said, said
    assert "In het dossier: € 320.000 – € 400.000 – € 480.000" in said, said
    assert page.get_by_role("tab", name="Huidige situatie ✓").count() == 1
    shot(page, "assumptions-nl")
    page.get_by_role("tab", name="Stoppen en vervangen").click()
    wait_for_app(page)
    assert page.get_by_text("Gangbare waarden: 12 / 18 / 30 maanden").count() == 1  # from DOMAIN.md
    shot(page, "assumptions-nl-stop")
    page.get_by_role("button", name="Volgende stap: vergelijken").click()
    # The switch to Comparison comes with the click's rerun, which a busy machine may start late.
    page.wait_for_url("**/comparison**")
    wait_for_app(page)
    assert urlparse(page.url).path == "/comparison"


def test_the_what_if_redraws_in_place_and_english_pages(app_server, page):
    page.goto(app_server.url + "comparison?lang=en")
    wait_for_app(page)
    wait_for_charts(page, 4)
    assert_no_exception(page)
    shot(page, "walk-comparison-en")
    url = page.url
    set_number(page, "whatif.current.dysfunction_cost_per_month", 90000)
    assert page.url == url  # in place: still the same page
    wait_for_charts(page, 4)
    assert page.get_by_text("What-if: the numbers and charts below use").count() == 1
    shot(page, "walk-comparison-whatif-en")
    page.get_by_role("button", name="Back to my estimates").click()
    wait_for_app(page)
    assert page.get_by_text("What-if: the numbers").count() == 0

    page.goto(app_server.url + "assumptions?lang=en")
    wait_for_app(page)
    assert_no_exception(page)
    shot(page, "walk-assumptions-en")


def test_deep_link_on_a_fresh_server(app_server, page):
    app_server.restart()
    page.goto(app_server.url + "comparison")  # the first request to the new server
    wait_for_app(page)
    assert_no_exception(page)
    assert page.locator("h1").first.inner_text().strip() == "Vergelijking"
    links = page.locator('[data-testid="stSidebarNav"] a')
    assert links.count() >= 6
    assert links.filter(has_text="Aannames").count() == 1
    wait_for_charts(page, 4)
    shot(page, "walk-deeplink-comparison")
