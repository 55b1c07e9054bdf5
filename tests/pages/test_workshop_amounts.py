"""The pages with charts in a workshop: hidden amounts leave no figure in euros on screen, rounded ones are k€ / M€.

Each page is opened on the example case with a variant saved, once outside a
workshop (the control: the page shows the exact amount looked for), then in a
workshop with amounts hidden and rounded. Everything the page shows as text is
searched: headings, markdown, captions, notices, metrics, tables, and the drawn
charts' specs and data. With hidden amounts every money field (``ui.typed``) shows "€ •••",
disabled, on the pages that have them (Case, Assumptions, Quick start); rounded, they stay exact.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pyarrow as pa
import pytest
import vl_convert
from streamlit.testing.v1 import AppTest

from decision.analysis import variants
from decision.analysis.negotiation import analyse
from decision.engine.results import evaluate
from decision.model.case import Case, NegotiationOption
from decision.model.presets import EXAMPLE, load_preset
from decision.model.quick import EXAMPLE as QUICK_EXAMPLE
from decision.model.quick import quick_case
from decision.text import fmt
from decision.text.i18n import translate
from tests.conftest import REPO_ROOT
from ui.cache import ITERATIONS, SEED

EURO_FIGURE = re.compile(r"[kM]?€\s?[-−]?\d")
EXACT_AMOUNT = re.compile(r"(?<![kM])€\s?[-−]?\d{1,3}(?:[.,]\d{3})+")
TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error", "text")


def example() -> Case:
    """The example case with one saved variant, so that the Variants page draws its chart."""
    case = load_preset(EXAMPLE)
    dear = variants.with_values(variants.capture(case, "dear", None), {"solve.programme_cost": 3_000_000})
    return variants.save(case, dear)


def recommended_mean(case: Case) -> float:
    evaluation = evaluate(case, ITERATIONS, SEED)
    return evaluation.strategies[evaluation.recommendation.strategy].mean


def variant_mean(case: Case) -> float:
    """The expected cost of the recommended strategy under the saved variant (what the Variants page compares)."""
    return recommended_mean(variants.apply(case, case.variants[0]))


def client_gain(case: Case) -> float:
    return abs(analyse(case, ITERATIONS, SEED).zopa.client_gain_at_case_share)


def client_batna_cost(case: Case) -> float:
    return analyse(case, ITERATIONS, SEED).zopa.client_batna_cost


# Per page: an amount the page shows outside a workshop.
PAGES: dict[str, Callable[[Case], float]] = {
    "comparison": recommended_mean,
    "why": recommended_mean,
    "negotiation": client_batna_cost,
    "agreement": client_gain,
    "variants": variant_mean,
}


def open_page(page: str, amounts: str | None, lang: str = "en", case: Case | None = None) -> AppTest:
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["case"] = case if case is not None else example()
    if amounts is not None:
        at.query_params["workshop"] = "1"
        at.query_params["amounts"] = amounts
    at.run()
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> list[str]:
    """Every text the page shows, table cells and headers included, and its charts' specs and data."""
    out = [str(element.value) for kind in TEXT_KINDS for element in at.get(kind)]
    out += [f"{metric.label} {metric.value}" for metric in at.metric]
    for table in list(at.table) + list(at.dataframe):
        frame = table.value
        out += [str(name) for name in frame.columns] + [str(name) for name in frame.index]
        out += [str(cell) for cell in frame.to_numpy().ravel()]
    for chart in at.get("vega_lite_chart"):
        out.append(chart.proto.spec)
        out += [str(dataset.data) for dataset in chart.proto.datasets]
    return out


@pytest.mark.parametrize("page", PAGES)
def test_outside_a_workshop_the_page_shows_the_exact_amount(page: str) -> None:
    at = open_page(page, None)
    amount = fmt.money(PAGES[page](example()), "en")
    assert any(amount in text for text in shown(at)), amount
    assert at.get("vega_lite_chart")


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("page", PAGES)
def test_hidden_amounts_show_no_figure_in_euros(page: str, lang: str) -> None:
    at = open_page(page, "hidden", lang)
    texts = shown(at)
    amount = PAGES[page](example())
    for written in (fmt.money(amount, lang), fmt.money_short(amount, lang)):
        assert not [text for text in texts if written in text]
    assert not [EURO_FIGURE.search(text).group() for text in texts if EURO_FIGURE.search(text)]
    assert any(fmt.HIDDEN_AMOUNT in text for text in texts)
    assert at.get("vega_lite_chart")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_risks_not_weighed_hide_their_amounts_too(lang: str) -> None:
    """A quick start leaves the incident's cost and the counterclaim at EUR 0: the sentence that names
    them writes those amounts as the workshop does (hidden), like every other amount on the page."""
    at = open_page("comparison", "hidden", lang, quick_case(QUICK_EXAMPLE, lang))
    start = translate("completeness.risks_left_out", lang, groups="")[:25]
    [said] = [w.value for w in at.warning if w.value.startswith(start)]
    assert not EURO_FIGURE.search(said), said
    assert fmt.HIDDEN_AMOUNT in said


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_assumptions_say_what_the_case_holds_without_its_amounts(lang: str) -> None:
    """Under each estimate, "In the case: ..." writes its amounts as the workshop shows amounts: the
    case's own numbers were there in full while the fields above them were masked."""
    dysfunction = example().current.dysfunction_cost_per_month
    written = [fmt.money(getattr(dysfunction, part), lang) for part in ("low", "mode", "high")]
    prefix = translate("assumptions.in_case", lang, value="")

    def in_case(at: AppTest) -> list[str]:
        return [caption.value for caption in at.caption if caption.value.startswith(prefix)]

    exact = in_case(open_page("assumptions", None, lang))
    assert [text for text in exact if all(amount in text for amount in written)]  # the control
    hidden = in_case(open_page("assumptions", "hidden", lang))
    assert len(hidden) == len(exact)
    assert not [text for text in hidden if EURO_FIGURE.search(text)]
    assert [text for text in hidden if fmt.HIDDEN_AMOUNT in text]
    rounded = in_case(open_page("assumptions", "rounded", lang))
    assert not [text for text in rounded if EXACT_AMOUNT.search(text)]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_with_hidden_amounts_the_report_page_shows_no_preview_of_the_memo(lang: str) -> None:
    """The memo writes every amount in full (its appendix in exact euros): on a shared screen with
    amounts hidden the page says why there is no preview; the downloads are still there."""
    amount = fmt.money(recommended_mean(example()), "en")
    exact = open_page("report", None)
    assert [frame for frame in exact.get("iframe") if amount in str(frame.proto)]  # the control
    assert open_page("report", "rounded", lang).get("iframe")
    at = open_page("report", "hidden", lang)
    assert not at.get("iframe")
    assert [info.value for info in at.info] == [translate("report.page.preview_hidden", lang)]
    assert len(at.get("download_button")) == 3
    assert not [text for text in shown(at) if EURO_FIGURE.search(text)]


def drawn_svgs(at: AppTest) -> list[str]:
    """Each chart of the page as the browser draws it: its spec with its Arrow rows, in SVG."""
    svgs = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        rows = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets}
        svgs.append(vl_convert.vegalite_to_svg({**spec, "datasets": rows}))
    return svgs


# A figure of four digits or more in what a screen reader is told (aria-label), raw or grouped.
SPOKEN_FIGURE = re.compile(r'aria-label="[^"]*\d(?:[.,]?\d){3}')


@pytest.mark.parametrize("page", ["comparison", "why"])
def test_hidden_amounts_are_not_told_to_a_screen_reader_either(page: str) -> None:
    """Vega-Lite describes each mark and axis from the data ("value: 2182820.47898" on a dot,
    "values from 1,000,000 to 5,000,000" on an axis): with amounts hidden the charts carry no such
    description but "Bedragen verborgen" on every mark; outside a workshop they do (the control)."""
    assert [svg for svg in drawn_svgs(open_page(page, None)) if SPOKEN_FIGURE.search(svg)]
    hidden = drawn_svgs(open_page(page, "hidden", "nl"))
    assert hidden
    assert not [SPOKEN_FIGURE.search(svg).group() for svg in hidden if SPOKEN_FIGURE.search(svg)]
    said = f'aria-label="{translate("chart.mark_hidden", "nl")}"'
    assert all(said in svg for svg in hidden)  # each mark is described, by the sentence that says why


def with_both_parties() -> Case:
    """The example with the client's view and a supplier's view that expects a dearer programme."""
    case = load_preset(EXAMPLE)
    client = variants.capture(case, "client view", "client")
    supplier = variants.with_values(
        variants.capture(case, "supplier view", "supplier"), {"solve.programme_cost": 3_000_000}
    )
    return variants.save(variants.save(case, client), supplier)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_with_hidden_amounts_variants_shows_no_table_of_both_parties_estimates(lang: str) -> None:
    """The table of both parties' estimates writes every number in full: with amounts hidden the page
    says why it is not there; the difference in choice under it stays."""

    def cells(at: AppTest) -> list[object]:
        return [cell for frame in at.dataframe for cell in frame.value.to_numpy().ravel()]

    written = {"nl": "3.000.000", "en": "3,000,000"}[lang]  # the editor writes its cells as the language does
    exact = open_page("variants", None, lang, with_both_parties())
    assert written in cells(exact)  # the control: the supplier's programme cost, in the table
    at = open_page("variants", "hidden", lang, with_both_parties())
    assert written not in cells(at) and 3_000_000 not in cells(at)
    assert translate("variants.estimates_hidden", lang) in [info.value for info in at.info]
    assert not [text for text in shown(at) if EURO_FIGURE.search(text)]
    assert open_page("variants", "rounded", lang, with_both_parties()).dataframe
    # Two views alike: the sentence that says so sends no one to the table that is not there.
    alike = load_preset(EXAMPLE)
    for party in ("client", "supplier"):
        alike = variants.save(alike, variants.capture(alike, f"{party} view", party))
    infos = [info.value for info in open_page("variants", "hidden", lang, alike).info]
    assert translate("variants.no_differences_hidden", lang) in infos
    assert translate("variants.no_differences", lang) not in infos


@pytest.mark.parametrize("page", PAGES)
def test_rounded_amounts_are_in_thousands_and_millions(page: str) -> None:
    at = open_page(page, "rounded")
    texts = shown(at)
    amount = PAGES[page](example())
    assert not [text for text in texts if fmt.money(amount, "en") in text]
    assert not [EXACT_AMOUNT.search(text).group() for text in texts if EXACT_AMOUNT.search(text)]
    assert any(fmt.money_short(amount, "en") in text for text in texts)


def test_the_euro_axes_of_the_comparison_say_their_amounts_are_hidden() -> None:
    at = open_page("comparison", "hidden")
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    titles = {
        tuple(encoding["axis"]["title"])
        for spec in specs
        for layer in [spec, *spec.get("layer", [])]
        for encoding in layer.get("encoding", {}).values()
        if isinstance(encoding, dict) and encoding.get("axis", {}).get("labels") is False
    }
    assert titles == {
        ("Total cost over the horizon", "(present value)", "(amounts hidden)"),  # a long title takes two lines
        ("Cumulative cost (present value)", "(amounts hidden)"),
        ("Expected cost (present value)", "(amounts hidden)"),
    }


# The pages with money fields drawn by ui.typed, and how many each shows of the example case.
FIELD_PAGES = {"case": 4, "assumptions": 10, "quick_start": 3}
# An amount as a field writes it: thousands grouped ("925.000", "925,000") or after a euro sign.
FIELD_FIGURE = re.compile(r"\d{1,3}(?:[.,]\d{3})+|€\s?\d")


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("page", FIELD_PAGES)
def test_hidden_amounts_leave_no_figure_in_a_field(page: str, lang: str) -> None:
    from ui.typed import MASK

    exact = open_page(page, None, lang)
    assert [field for field in exact.text_input if FIELD_FIGURE.search(field.value or "")]
    at = open_page(page, "hidden", lang)
    masked = [field for field in at.text_input if field.value == MASK]
    assert len(masked) >= FIELD_PAGES[page]
    assert all(field.disabled for field in masked)
    assert not [field.value for field in at.text_input if FIELD_FIGURE.search(field.value or "")]
    assert at.session_state["case"] == example()  # masking a field changes nothing in the case
    at.run()
    assert at.session_state["case"] == example()


def test_rounded_amounts_leave_the_fields_exact() -> None:
    from ui.typed import MASK

    at = open_page("case", "rounded")
    assert not [field for field in at.text_input if field.value == MASK]
    assert [field for field in at.text_input if FIELD_FIGURE.search(field.value or "")]


def field_texts(at: AppTest) -> list[str]:
    """What the page's text fields and areas show."""
    return [str(w.value) for w in list(at.text_area) + list(at.text_input)]


@pytest.mark.parametrize(
    ("page", "written"),
    [
        ("case", "€ 925.000"),  # the contract: "vaste prijs € 925.000 ... € 12.000 per maand"
        ("diagnosis", "€ 15.000"),  # the evidence of change requests: "Offertes van € 15.000 tot € 40.000"
        ("assumptions", "€ 925.000"),  # the source of the replacement cost
    ],
)
def test_with_hidden_amounts_free_texts_show_their_amounts_as_dots(page, written):
    """A free text that names amounts (typed by the director) showed them in full on a shared screen with
    amounts hidden (a workshop rehearsal): it shows them as dots, disabled, and the case keeps the text."""
    case = load_preset("erp-manufacturer", "nl")
    exact = open_page(page, None, "nl", case)
    assert any(written in text for text in field_texts(exact))  # the control: the text in full at the desk
    at = open_page(page, "hidden", "nl", case)
    texts = field_texts(at)
    assert not any(written in text for text in texts)
    masked = [w for w in list(at.text_area) + list(at.text_input) if ".masked." in str(w.key)]  # texts, not amounts
    assert masked and all("•••" in str(w.value) and w.disabled for w in masked)
    assert all(w.help == translate("workshop.masked_text_help", "nl") for w in masked)
    assert at.session_state["case"] == case  # nothing written back


def test_with_hidden_amounts_a_negotiation_options_amounts_are_dots_and_not_editable():
    """An option's programme-cost change showed in full in the options table on a shared screen."""
    case = example()
    options = [{"title": "Gefaseerde oplevering", "programme_cost_change": -50_000.0, "p_success_change": 0.1}]
    case = case.model_copy(
        update={"negotiation": case.negotiation.model_copy(update={"options": (NegotiationOption(**options[0]),)})}
    )

    def editor_cells(at: AppTest) -> list[str]:
        frame = next(f for f in at.data_editor if "programme_cost_change" in f.value.columns).value
        return [str(c) for c in frame["programme_cost_change"]] + [str(c) for c in frame["p_success_change"]]

    from ui.typed import MASK

    exact = open_page("negotiation", None, "nl", case)
    assert editor_cells(exact) == ["-50.000", "10"]  # the control: written the Dutch way at the desk
    at = open_page("negotiation", "hidden", "nl", case)
    assert editor_cells(at) == [MASK, "10"]  # the chance is no amount
    assert at.session_state["case"].negotiation.options == case.negotiation.options
