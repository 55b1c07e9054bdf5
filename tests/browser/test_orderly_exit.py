"""An orderly exit entered from scratch in Chromium (nl): switched on on the Case page, its chance
of agreement typed the Dutch way on Assumptions (reached by the Case page's link to its tab), and
then seen in the Comparison table, in the decision tree and in the board memo's preview.

Screenshots: tests/artifacts/orderly-exit-<step>.png, looked at.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from decision.store.library import FILE_NAME, Library
from decision.text.i18n import translate

from .conftest import assert_no_exception, commit, shot, wait_for_app

NAME = translate("strategy.exit_deal.name", "nl")  # "Stoppen in overleg"


def test_an_orderly_exit_from_scratch_reaches_the_table_the_tree_and_the_memo(app_server, page) -> None:
    page.goto(f"{app_server.url}case?lang=nl")
    wait_for_app(page, timeout=60_000)
    case_id = re.search(r"case=([0-9a-f]{12})", page.url).group(1)
    library = Library(app_server.data_dir / FILE_NAME)
    assert library.get(case_id).case.exit_deal is None  # the example does not consider it yet
    page.get_by_text(translate("case_page.option.exit_deal", "nl"), exact=True).click()
    wait_for_app(page)
    assert_no_exception(page)
    expect(page.get_by_role("switch", name=translate("case_page.option.exit_deal", "nl"))).to_be_checked()
    shot(page, "orderly-exit-case")

    # The Case page's link under the switch opens Assumptions on the option's own tab (it opened the first).
    where = translate("case_page.option.where", "nl", group=translate("inputs.group.exit_deal", "nl"))
    page.get_by_role("link", name=where).click()
    wait_for_app(page)
    assert "/assumptions" in page.url and "tab=" not in page.url
    expect(page.get_by_role("tab", name=re.compile(f"^{NAME}"))).to_have_attribute("aria-selected", "true")
    # The chance of agreement was pre-filled as one number (from the case's chance of a settlement).
    label = translate("inputs.exit_deal.p_agree.label", "nl")
    field = page.locator(".st-key-asm-row-exit_deal-p_agree").get_by_role("textbox", name=f"{label}, beste schatting")
    field.fill("60")
    commit(field, page)
    assert_no_exception(page)
    shot(page, "orderly-exit-assumptions")
    stored = library.get(case_id).case.exit_deal
    assert stored is not None and stored.p_agree.mode == 0.6 and stored.p_agree.origin == "own"
    assert (stored.p_agree.low, stored.p_agree.high) == (0.5, 0.7)  # "ongeveer": ±10 points around 60%

    page.goto(f"{app_server.url}comparison?case={case_id}&lang=nl")
    wait_for_app(page, timeout=60_000)
    assert_no_exception(page)
    table = page.locator('[data-testid="stTable"], [data-testid="stDataFrame"]').first
    expect(table).to_contain_text(NAME)
    page.get_by_text(translate("comparison.tree_title", "nl"), exact=True).click()
    tree = page.locator('[data-testid="stGraphVizChart"] svg')
    tree.first.wait_for(timeout=60_000)
    assert NAME in tree.first.text_content()
    shot(page, "orderly-exit-comparison")

    page.goto(f"{app_server.url}report?case={case_id}&lang=nl")
    wait_for_app(page, timeout=60_000)
    # The example case is written in English, so its memo is too; the director asks for a Dutch one.
    page.locator('[data-testid="stMain"]').get_by_text("Nederlands", exact=True).click()
    wait_for_app(page, timeout=60_000)
    memo = page.frame_locator("iframe").first
    expect(memo.get_by_text(NAME).first).to_be_visible(timeout=60_000)
    shot(page, "orderly-exit-report")
