"""A case a recommendation cannot rest on yet gets none: Comparison, Why and the Board report say
what to fill in first (issue 12), and a recommendation on defaults says which of them matter."""

from __future__ import annotations

import pytest

from decision.analysis.completeness import what_to_fill_in
from decision.model.blank import blank_case
from decision.model.case import Case
from decision.model.presets import load_preset
from decision.text.i18n import translate

PAGES = ("app_pages/comparison.py", "app_pages/why.py", "app_pages/report.py")


def opened(app_at, case: Case, page: str, lang: str):
    at = app_at(lang=lang)
    at.session_state["case"] = case
    at.switch_page(page).run()
    assert not at.exception
    return at


def half_filled() -> Case:
    """The new case with the current situation, stopping and the legal procedure filled in, and the
    two yes/no questions of the triage answered; solving and the recognition scores still open."""
    data = blank_case().model_dump(mode="json")
    for group in ("current", "stop", "legal"):
        for name, value in data[group].items():
            if isinstance(value, dict) and value.get("origin") == "empty":
                data[group][name] = {"low": 1000, "mode": 2000, "high": 3000} if "p_" not in name else 0.5
    data["legal"]["p_win"] = 0.5
    data["stop"]["replacement_months"] = 12
    data["stop"]["new_residual_dysfunction"] = 0.1
    data["legal"]["duration_months"] = 24
    data["triage"] = {"weekly_board_agenda": True, "continuity_threat": False}
    return Case.model_validate(data)


def texts(at) -> list[str]:
    return (
        [m.value for m in at.markdown]
        + [w.value for w in at.warning]
        + [s.value for s in at.subheader]
        + [h.value for h in at.header]
    )


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("page", PAGES)
def test_an_empty_case_gets_no_recommendation(app_at, page, lang):
    at = opened(app_at, blank_case(), page, lang)
    assert translate("completeness.no_advice_untouched", lang) in [w.value for w in at.warning]
    shown = texts(at)
    for line in what_to_fill_in(blank_case(), lang):
        assert f"- {line}" in "\n".join(shown)
    # No advice, no metric, no download.
    assert not at.metric
    assert not [s for s in at.header if s.value.startswith(translate("comparison.recommended", lang, strategy=""))]
    assert not at.get("download_button")


@pytest.mark.parametrize("page", PAGES)
def test_a_half_filled_case_lists_what_is_missing(app_at, page):
    at = opened(app_at, half_filled(), page, "en")
    assert translate("completeness.no_advice", "en") in [w.value for w in at.warning]
    listed = "\n".join(texts(at))
    assert "- Solve: Cost of the improvement programme" in listed
    assert "- Triage, not answered yet: do you recognise the supplier as a full party?" in listed
    assert "Current situation:" not in listed
    assert not at.metric


def test_the_buttons_lead_to_what_is_missing(app_at):
    at = opened(app_at, half_filled(), "app_pages/comparison.py", "en")
    # Nothing is untouched here, so no quick start; the assumptions and the triage are offered.
    keys = [b.key for b in at.button]
    assert "comparison.to_quick_start" not in keys
    at.button(key="comparison.to_triage").click().run()
    assert not at.exception
    assert "Triage" in [title.value for title in at.title]


def test_a_recommendation_on_defaults_names_those_that_matter(app_at):
    case = load_preset("erp-manufacturer")
    data = case.model_dump(mode="json")
    # The chance that solving succeeds and the legal fees become defaults, as the quick start marks them.
    data["solve"]["p_success"] = {**data["solve"]["p_success"], "origin": "default", "source": "DOMAIN.md"}
    at = opened(app_at, Case.model_validate(data), "app_pages/comparison.py", "en")
    warnings = [w.value for w in at.warning]
    assert any(
        w.startswith("This recommendation rests partly on defaults.") and "Chance that solving succeeds" in w
        for w in warnings
    ), warnings
    # The preset itself: its few model defaults do not move the advice, and a caption says so.
    at = opened(app_at, case, "app_pages/comparison.py", "en")
    assert not any("rests partly on defaults" in w.value for w in at.warning)
    assert any("are defaults; none of them changes the recommendation" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_sidebar_counts_own_numbers_defaults_and_empty_estimates(app_at, lang):
    at = opened(app_at, blank_case(), "app_pages/case.py", lang)
    assert translate("completeness.count_with_empty", lang, own=0, total=35, defaults=19, empty=16) in [
        c.value for c in at.sidebar.caption
    ]
    at = opened(app_at, load_preset("erp-manufacturer"), "app_pages/case.py", lang)
    assert translate("completeness.count", lang, own=32, total=35, defaults=3) in [c.value for c in at.sidebar.caption]
