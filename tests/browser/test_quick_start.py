"""Start quickly in a real browser, in Dutch: from the Start page to a recommendation in one run.

The walk answers every question of the quick start as a director would (the example answers are
replaced), counts the inputs it touches and the wall time, and prints both. Screenshots:
tests/artifacts/start-nl.png, quick-start-nl-form.png and quick-start-nl-result.png.
"""

from __future__ import annotations

import time

from decision.model.case import DIAGNOSIS_AREAS
from decision.text.i18n import translate

from .conftest import assert_no_exception, shot, wait_for_app

LANG = "nl"
# The director's answers, typed the Dutch way: 12 hours a week at EUR 85, a licence of EUR 1.25M.
TYPED = {
    "hours_label": "12",
    "rate_label": "85",
    "value_label": "1.250.000",
    "fee_label": "96.000",
    "term_label": "8",
    "notice_label": "3",
    "cap_label": "1,25 mln",
}
SEVERITY = {
    "functionality": 4,
    "account_management": 3,
    "invoicing": 1,
    "service_desk": 4,
    "change_requests": 3,
    "process_knowledge": 2,
    "releases": 3,
}


def t(key: str, **values: object) -> str:
    return translate(key, LANG, **values)


def widget(page, key: str):
    """The element of the widget with Streamlit key ``key`` (its class is st-key-<key>, dots as dashes)."""
    return page.locator(f".st-key-{key.replace('.', '-')}")


def segment(page, key: str, label: str) -> None:
    widget(page, key).get_by_role("radio", name=label, exact=True).click()


def test_start_quickly_to_a_recommendation(app_page):
    page = app_page
    started = time.monotonic()
    touched = 0
    shot(page, "start-nl")

    page.get_by_role("button", name=t("start.quick_button")).click()
    wait_for_app(page)
    page.wait_for_url("**/quick-start**")
    assert_no_exception(page)
    assert page.get_by_role("heading", name=t("quick_start.title")).first.is_visible()

    # 1. The calculator, outside the form: the monthly cost shows as soon as a field is left.
    for name in ("hours_label", "rate_label"):
        page.get_by_role("textbox", name=t(f"quick_start.{name}")).fill(TYPED[name])
        page.keyboard.press("Tab")
        wait_for_app(page)
        touched += 1
    # 12 h/week x EUR 85 x 52 / 12 = EUR 4,420 a month.
    page.get_by_text("€ 4.420 per maand").wait_for()

    # 2. The organisation and the contract.
    widget(page, "quick.size").click()
    page.get_by_role("option", name=t("quick_start.size.large")).click()
    touched += 1
    widget(page, "quick.contract_kind").click()
    page.get_by_role("option", name="Licentie met implementatie").click()
    touched += 1
    for name in ("value_label", "fee_label", "term_label", "notice_label", "cap_label"):
        box = page.get_by_role("textbox", name=t(f"quick_start.{name}"))
        box.fill(TYPED[name])
        box.press("Tab")
        touched += 1

    # 3. The seven areas, 4. the triage.
    for area, score in SEVERITY.items():
        segment(page, f"quick.severity.{area}", str(score))
        touched += 1
    assert len(SEVERITY) == len(DIAGNOSIS_AREAS)
    segment(page, "quick.weekly_board_agenda", t("triage_page.yes"))
    segment(page, "quick.continuity_threat", t("triage_page.no"))
    segment(page, "quick.client_recognises_supplier", f"4 · {t('triage_page.scale.4')}")
    segment(page, "quick.supplier_values_client", f"3 · {t('triage_page.scale.3')}")
    touched += 4
    assert_no_exception(page)
    shot(page, "quick-start-nl-form")

    page.get_by_role("button", name=t("quick_start.submit")).click()
    wait_for_app(page, timeout=60_000)
    page.wait_for_url("**/comparison**")
    assert_no_exception(page)
    recommendation = page.get_by_role("heading", name=t("comparison.recommended", strategy="").strip())
    recommendation.first.wait_for()
    elapsed = time.monotonic() - started
    shot(page, "quick-start-nl-result")
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Snel beginnen: licentie met implementatie van € 1.250.000" in sidebar.replace("\u00a0", " ")

    print(f"quick start (nl): {touched} inputs touched, {elapsed:.1f} s wall time from Start to the recommendation")
    print(f"quick start (nl): {recommendation.first.inner_text()}")
    assert touched == 20
