"""An automated accessibility audit (axe-core, through axe-playwright-python) of every page, in
both languages at a desk, and in Dutch in a workshop with hidden amounts.

A serious or critical violation fails the test unless Streamlit's own markup causes it: those
are listed, with the reason, in ``tests/browser/axe_known.py`` and printed here each time they
are met (run with ``-s`` to see them), as are the moderate and minor ones. Every chart is
named for a screen reader by its description, in the interface's language, never "Vega
visualization" (the description is in the interface's language: the charts of ui/charts take
theirs from chart.toml, ``chart.description.*``).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from decision.text.i18n import LANGUAGES, catalogue
from tests.conftest import PAGE_NAMES

from .axe_known import ANCESTOR_TESTIDS_JS, known_reason
from .conftest import assert_no_exception, wait_for_app

FAILING_IMPACTS = ("serious", "critical")
MODES = {"desk": "", "workshop": "&workshop=1&amounts=hidden"}
AXE = Axe()
VEGA_DEFAULT = "Vega visualization"  # a chart's name when its spec has no description
OTHER = {"nl": "en", "en": "nl"}


def url_path(name: str) -> str:
    return "" if name == "start" else name.replace("_", "-")


def chart_labels(page) -> list[str]:
    """The accessible name of every chart on the page, once each is drawn."""
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for index in range(charts.count()):
        charts.nth(index).locator("svg, canvas").first.wait_for()
    return [charts.nth(index).get_attribute("aria-label") or "" for index in range(charts.count())]


# Every page at the desk in both languages, and in a workshop (larger type, hidden amounts) in Dutch:
# the workshop's markup is the same in English, only its words differ (and the desk audit has those).
AUDITS = [(lang, "desk") for lang in LANGUAGES] + [("nl", "workshop")]


@pytest.mark.parametrize(("lang", "mode"), AUDITS, ids=[f"{lang}-{mode}" for lang, mode in AUDITS])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_serious_violation_of_our_own(app_server, page, name: str, lang: str, mode: str) -> None:
    page.goto(f"{app_server.url}{url_path(name)}?lang={lang}{MODES[mode]}")
    wait_for_app(page)
    assert_no_exception(page)
    # Every chart is named by its description; the other language's descriptions are not this page's.
    other = {value for key, value in catalogue(OTHER[lang]).items() if key.startswith("chart.description.")}
    labels = chart_labels(page)
    assert not [label for label in labels if not label or label == VEGA_DEFAULT or label in other], labels
    results = AXE.run(page)
    ours: list[str] = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            where = f"{violation['id']} ({violation['impact']}) on {name} [{lang}, {mode}]: {node['html'][:160]}"
            target = node["target"][0] if node["target"] and isinstance(node["target"][0], str) else None
            testids = page.evaluate(ANCESTOR_TESTIDS_JS, target) if target else []
            reason = known_reason(violation["id"], testids)
            if reason is not None:
                print(f"Streamlit's: {where}\n    {reason}")
            elif violation["impact"] in FAILING_IMPACTS:
                ours.append(f"{where}\n    {node.get('failureSummary', '')}")
            else:
                print(f"not failing ({violation['impact']}): {where}")
    assert not ours, "\n".join(ours)
