"""The triage as a driver, said aloud on every page that gives advice (issue 13).

The close case: the example with the supplier's regard for the client at 2 and solve made dearer,
so that the triage rules out solving although it is within 5% of the advice. Comparison (under the
recommendation), Why (in the story box) and Negotiation (above the zone) say which answer rules it
out and what would bring it back; in a workshop the Comparison and Negotiation banners agree. When
solving is far off, Comparison and Why say nothing about it, and Negotiation shows no zone (so no
banner about reopening); a zone that exists while the triage rules out solving always carries it.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from decision.analysis.triage_driver import reopening, triage_caveats
from decision.engine.results import evaluate
from decision.model.case import Case
from decision.text.i18n import LANGUAGES, translate
from tests.conftest import REPO_ROOT
from tests.decision.test_triage_driver import erp_case
from ui.cache import ITERATIONS, SEED

TEXT_KINDS = ("markdown", "caption", "info", "warning", "success", "error")


def close() -> Case:
    return erp_case()


def far() -> Case:
    return erp_case(p_success=0.3)


def open_page(page: str, case: Case, lang: str, workshop: bool = False) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["case"] = case
    if workshop:
        at.query_params["workshop"] = "1"
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> list[str]:
    return [str(element.value) for kind in TEXT_KINDS for element in at.get(kind)]


def caveat_sentences(case: Case, lang: str) -> list[str]:
    evaluation = evaluate(case, ITERATIONS, SEED, basis="mean")
    return [translate(reason.key, lang, **reason.values) for reason in triage_caveats(evaluation)]


def test_the_cases_are_what_the_tests_say():
    near, off = (evaluate(case, ITERATIONS, SEED, basis="mean") for case in (close(), far()))
    assert [driver.key for driver in triage_caveats(near)] == ["triage_driver.solve_supplier.close"]
    assert triage_caveats(off) == ()
    assert reopening(off, "solve") is not None  # ruled out all the same


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["comparison", "why", "negotiation"])
def test_the_caveat_is_said_on_every_page_that_gives_advice(page: str, lang: str):
    (sentence,) = caveat_sentences(close(), lang)
    shown = texts(open_page(page, close(), lang))
    assert any(sentence in text for text in shown), sentence
    if page == "negotiation":
        reopen = translate("negotiation.zone_reopen", lang, because=sentence)
        assert reopen in shown


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["comparison", "why"])
def test_no_caveat_when_the_excluded_option_is_far_off(page: str, lang: str):
    assert caveat_sentences(far(), lang) == []
    marker = "is ruled out because" if lang == "en" else "valt af omdat"
    assert not [text for text in texts(open_page(page, far(), lang)) if marker in text]


def test_negotiation_with_no_zone_says_no_zone_and_nothing_about_reopening():
    shown = texts(open_page("negotiation", far(), "en"))
    assert not [text for text in shown if "only if solving is reopened" in text]
    assert any(text.startswith("There is no zone of agreement") for text in shown)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_workshop_banners_agree(lang: str):
    (sentence,) = caveat_sentences(close(), lang)
    comparison = open_page("comparison", close(), lang, workshop=True).markdown[0].value
    negotiation = open_page("negotiation", close(), lang, workshop=True).markdown[0].value
    assert sentence in comparison
    assert sentence in negotiation
    reopen = "but only if solving is reopened" if lang == "en" else "maar alleen als oplossen weer een optie wordt"
    assert reopen in negotiation


def test_the_workshop_banners_without_a_caveat():
    comparison = open_page("comparison", far(), "en", workshop=True).markdown[0].value
    negotiation = open_page("negotiation", far(), "en", workshop=True).markdown[0].value
    assert "ruled out" not in comparison
    # Solving far off: no split at which both gain, so the banner claims no zone that the triage denies.
    assert negotiation == translate("workshop.no_zone", "en")
