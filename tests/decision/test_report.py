"""The board memo: content, self-containedness, escaping, the board pack's page one, the reproducibility
appendix, PDF and command line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import logging
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from decision.analysis.completeness import NotReady, say_risks_left_out
from decision.analysis.explain import warnings_of
from decision.analysis.sensitivity import analyse
from decision.analysis.triage_driver import triage_caveats
from decision.cli.main import main
from decision.engine.results import evaluate
from decision.model.blank import blank_case
from decision.model.case import MAX_NOTE, MAX_SOURCE, Case
from decision.model.presets import DATA_DIR, load_preset, preset_ids
from decision.model.quick import EXAMPLE as QUICK_EXAMPLE
from decision.model.quick import quick_case
from decision.report.board import board_report
from decision.report.html import render_html
from decision.report.memo import (
    STEPS,
    TORNADO_ROWS,
    Section,
    Table,
    canonical_json,
    case_hash,
    first_phase_cost,
    memo,
    report_language,
    setting_source,
    shorten,
)
from decision.report.pdf import PDF_CELL_LINES, render_pdf
from decision.text import fmt
from decision.text.i18n import Translator, translate
from tests.decision.builders import make_case

TODAY = dt.date(2026, 3, 2)
ITERATIONS = 2_000
SCRIPT = "<script>alert(1)</script>"


class _Tags(HTMLParser):
    """Every tag with its attributes, and the text of <style> elements, as a browser would see them."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def external_references(html: str) -> list[str]:
    """src/href values that point elsewhere, @import and url() in styles, and tags that load or run things."""
    parsed = _Tags(html)
    found = [
        f"{tag} {name}={value}"
        for tag, attrs in parsed.tags
        for name, value in attrs.items()
        if name in ("src", "href", "xlink:href", "action", "srcset") and not value.startswith("#")
    ]
    found += [tag for tag, _ in parsed.tags if tag in ("script", "link", "iframe", "img", "object", "embed")]
    found += [css for css in parsed.styles if "@import" in css or "url(" in css]
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(data: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def example_html() -> str:
    return board_report(load_preset("erp-manufacturer"), "html", "en", ITERATIONS, 1, TODAY).decode()


@pytest.fixture(scope="module")
def example_pdf() -> bytes:
    return board_report(load_preset("erp-manufacturer"), "pdf", "en", ITERATIONS, 1, TODAY)


def hostile_case():
    return make_case(
        {
            "title": SCRIPT,
            "profile.organisation": '<img src="https://evil.example/x.png">',
            "diagnosis.functionality": {"client": 3, "evidence": "<b>bold</b> & <a href='http://x'>link</a>"},
            "current.dysfunction_cost_per_month": {"low": 5, "mode": 10, "high": 20, "source": "<iframe src=//x>"},
        }
    )


def test_html_is_self_contained(example_html):
    assert example_html.startswith("<!DOCTYPE html>")
    assert external_references(example_html) == []
    assert "http://" not in example_html.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )
    assert example_html.count("<svg") == 1, "the cost chart is embedded as inline SVG"


def test_html_summary_holds_what_the_board_needs(example_html):
    evaluation = evaluate(load_preset("erp-manufacturer"), ITERATIONS, 1)
    text = flat(re.sub(r"<[^>]+>", " ", example_html.split('<section class="details">')[0]))
    name = translate(f"strategy.{evaluation.recommendation.strategy}.name", "en")
    assert f"Recommendation: {name}" in text
    for heading in ("What is wrong", "What the triage says", "Why", "The ways out side by side"):
        assert heading in text
    for strategy in ("Muddle on", "Stop and take the loss", "Stop and sue", "Solve"):
        assert strategy in text
    for column in ("Expected cost", "P10", "P90", "Chance cheapest (all options)", "Months to a working system"):
        assert column in text
    assert "Muddle on (ruled out by the triage)" in text  # the example is a weekly board item


def test_html_details_hold_assumptions_with_sources_sensitivity_and_agreement(example_html):
    details = example_html.split('<section class="details">')[1]
    assert "Assumptions" in details
    assert "contract: licence, hosting and maintenance invoice" in details
    assert "What could change the recommendation" in details
    assert "Draft of the SMART agreement" in details


def test_user_text_is_escaped_in_html():
    html = board_report(hostile_case(), "html", "en", ITERATIONS, 1, TODAY).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "<img" not in html and "<iframe" not in html and "<b>bold" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href=&#x27;http://x&#x27;&gt;link&lt;/a&gt;" in html
    assert external_references(html) == []


def test_user_text_appears_literally_in_the_pdf():
    pages = pdf_pages(board_report(hostile_case(), "pdf", "en", ITERATIONS, 1, TODAY))
    assert SCRIPT in pages[0]
    assert '<img src="https://evil.example/x.png">' in pages[0]


def test_pdf_opens_and_holds_the_recommendation_and_the_assumptions(example_pdf):
    pages = pdf_pages(example_pdf)
    assert example_pdf.startswith(b"%PDF")
    assert len(pages) >= 3
    assert "Recommendation: Solve" in pages[0]
    everything = " ".join(pages)
    assert "Assumptions" in everything
    assert "contract: licence, hosting and maintenance invoice" in everything
    assert "Cost of a new system (€)" in everything
    assert "€1,200,000" in everything  # the most likely replacement cost


# An amount as page one writes it: "€ 3,96 mln", "€ 402.000" (Dutch), "€3.96 million", "-€402,000" (English).
AMOUNT = re.compile(r"€\s?-?\d[\d.,]*")


def significant_digits(amount: str) -> int:
    return len("".join(ch for ch in amount if ch.isdigit()).strip("0"))


def page_one_text(content) -> str:
    """What page one says, as the memo's content holds it (to look for in the PDF's text)."""
    return flat(" ".join((content.decision, *content.path.sentences, *content.path.notes, *content.warnings.sentences)))


@pytest.mark.parametrize("preset", preset_ids())
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_page_one_is_a_board_pack_page_and_the_details_follow(preset, lang):
    """Page one: the decision asked, the next steps, the timeline and budget, every warning and the ways out;
    amounts rounded to three significant digits; the seed and the hash only in the last appendix."""
    case = load_preset(preset)
    evaluation = evaluate(case, ITERATIONS, 1)
    content = memo(evaluation, lang, TODAY)
    pages = pdf_pages(board_report(case, "pdf", lang, ITERATIONS, 1, TODAY, evaluation=evaluation))
    one = pages[0]
    recommendation = evaluation.recommendation
    strategy = recommendation.strategy
    assert translate("report.verdict", lang, strategy=strategy) in one
    asked = content.decision
    assert asked.startswith(translate("report.asked", lang, action="", strategy=strategy).split("  ")[0])
    assert flat(asked) in one and flat(translate(f"report.action.{strategy}", lang)) in one
    for number in range(1, STEPS + 1):
        assert f"{number}. " in one
    assert len(content.path.sentences) == STEPS and all(flat(step) in one for step in content.path.sentences)
    assert all(flat(note) in one for note in content.path.notes), "the timeline and the budget"
    for warning in warnings_of(evaluation):  # every warning of the evaluation, in plain words with its numbers
        assert flat(warning.say(lang, fmt.money_rounded)) in one
    caveats = triage_caveats(evaluation)
    assert len(content.warnings.sentences) >= len(recommendation.warnings) + len(caveats) + 1
    assert all(flat(sentence) in one for sentence in content.warnings.sentences)
    downside = translate("report.downside", lang, strategy=strategy, amount=0, amount_extra=0)
    assert downside.split("€")[0].strip() in one, "the downside (P90) is on page one"
    assert translate("report.strategies", lang) in one, "the alternatives in one table"
    amounts = AMOUNT.findall(one)
    assert amounts, "page one states amounts"
    assert all(significant_digits(amount) <= 3 for amount in amounts), amounts
    assert case_hash(case) not in one and translate("report.reproduce_seed", lang) not in one
    caption = flat(translate("report.chart_caption", lang, horizon=case.horizon_months))
    assert caption in pages[1], "the reasoning, down to the chart, on page two"
    assert translate("report.assumptions", lang) not in " ".join(pages[:2])
    assert any(page.startswith(translate("report.assumptions", lang)) for page in pages[2:])
    assert pages[-1].startswith(translate("report.reproduce", lang)) and case_hash(case) in pages[-1]


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_triage_caveats_are_among_the_warnings(lang):
    data = load_preset("erp-manufacturer").model_dump(mode="json")
    data["triage"]["supplier_values_client"] = 2  # rules out solving, the cheapest option
    evaluation = evaluate(Case.model_validate(data), ITERATIONS, 1)
    caveats = triage_caveats(evaluation)
    assert caveats, "the case is built to have one"
    content = memo(evaluation, lang, TODAY)
    one = pdf_pages(board_report(evaluation.case, "pdf", lang, ITERATIONS, 1, TODAY, evaluation=evaluation))[0]
    start = translate(caveats[0].key, lang, **caveats[0].values).split("{")[0][:40]
    assert any(sentence.startswith(start) for sentence in content.warnings.sentences)
    assert flat(start) in one
    assert all(flat(sentence) in one for sentence in content.warnings.sentences)
    assert evaluation.recommendation.warnings, "and the recommendation's own warnings"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_page_one_names_the_risks_a_quick_case_has_not_weighed(lang):
    case = quick_case(QUICK_EXAMPLE, lang)
    left_out = say_risks_left_out(case, lang)
    assert left_out is not None, "the quick case leaves growth, incidents, recovery and counterclaim at their defaults"
    evaluation = evaluate(case, ITERATIONS, 1)
    assert left_out in memo(evaluation, lang, TODAY).warnings.sentences
    one = pdf_pages(board_report(case, "pdf", lang, ITERATIONS, 1, TODAY, evaluation=evaluation))[0]
    assert flat(left_out) in one
    # A preset estimates every risk: page one says nothing of the kind.
    preset = evaluate(load_preset("erp-manufacturer"), ITERATIONS, 1)
    start = translate("completeness.risks_left_out", lang, groups="")[:25]
    assert not any(sentence.startswith(start) for sentence in memo(preset, lang, TODAY).warnings.sentences)


def test_every_strategy_has_its_decision_and_next_steps_in_both_languages():
    from decision.model.registry import STRATEGIES

    for lang in ("en", "nl"):
        for strategy in STRATEGIES:
            action = translate(f"report.action.{strategy}", lang)
            assert action != f"report.action.{strategy}"
            for number in range(1, STEPS + 1):
                step = translate(f"report.step.{strategy}.{number}", lang, months="6", fallback="X")
                assert step != f"report.step.{strategy}.{number}" and step.endswith(".")


def test_the_budget_of_the_first_phase_is_the_expected_cost_of_its_first_twelve_months():
    evaluation = evaluate(load_preset("erp-manufacturer"), ITERATIONS, 1)
    first_year = first_phase_cost(evaluation, "solve")
    whole = first_phase_cost(evaluation, "solve", evaluation.case.horizon_months)
    assert 0 < first_year < whole
    content = memo(evaluation, "en", TODAY)
    from decision.text import fmt

    assert fmt.money_rounded(first_year, "en") in content.path.notes[1]


def test_the_reproducibility_appendix_is_last(example_html, example_pdf):
    case = load_preset("erp-manufacturer")
    digest = hashlib.sha256(canonical_json(case).encode()).hexdigest()
    assert case_hash(case) == digest
    summary, details = example_html.split('<section class="details">')
    assert digest not in summary and "seed" not in flat(re.sub(r"<[^>]+>", " ", summary)).lower()
    last = flat(re.sub(r"<[^>]+>", " ", details.split("<h2>")[-1]))
    assert last.startswith("Reproducing these numbers")
    assert "2 March 2026" in last and "2,000" in last and "Seed 1" in last and digest in last
    footer = flat(example_html.split("<footer>")[1])
    assert digest not in footer and "seed" not in footer
    pages = pdf_pages(example_pdf)
    assert "Seed 1" in pages[-1] and digest in pages[-1]
    assert digest not in pages[0] and "Seed" not in pages[0]


def test_sensitivity_rows_without_effect_are_left_out_and_counted():
    case = load_preset("municipality-broken-relationship")
    evaluation = evaluate(case, ITERATIONS, 1)
    analysis = analyse(case, ITERATIONS, 1, "decision")
    still = [bar for bar in analysis.tornado if round(bar.swing) == 0]
    assert still, "the example has inputs that move nothing"
    content = memo(evaluation, "en", TODAY)
    section = next(s for s in content.details if s.heading == "What could change the recommendation")
    assert section.table is not None
    labels = {row[0] for row in section.table.rows}
    assert not labels & {translate(f"inputs.{bar.input}.label", "en") for bar in still}
    assert all(row[2] != "€0" or row[4] != "€0" for row in section.table.rows)
    assert translate("report.sensitivity_left_out", "en", count=len(still)) in section.intro


def test_percentages_keep_their_decimals():
    content = memo(evaluate(make_case({"discount_rate": 0.045}), ITERATIONS, 1), "nl", TODAY)
    assert "tegen 4,5% per jaar" in content.strategies.intro
    ledger = next(s for s in content.details if s.heading == translate("report.assumptions", "nl"))
    assert ledger.table is not None
    assert any(row[2] == "4,5%" for row in ledger.table.rows)


def test_the_hash_depends_on_the_inputs_not_on_the_file_layout():
    raw = json.loads((DATA_DIR / "erp-manufacturer.json").read_text())
    reordered = dict(reversed(list(raw.items())))
    from decision.model.loader import parse_case

    assert case_hash(parse_case(reordered)) == case_hash(parse_case(raw))
    assert case_hash(make_case({"legal.claim": 500_001})) != case_hash(make_case())


def test_the_report_is_in_the_case_language():
    dutch = make_case({"profile.language": "nl"})
    assert report_language(dutch) == "nl"
    assert report_language(make_case()) == "en"
    content = memo(evaluate(dutch, ITERATIONS, 1), report_language(dutch), TODAY)
    assert content.verdict.startswith("Advies: ")
    assert content.kicker == "Directierapport · 2 maart 2026"
    html = render_html(content)
    assert '<html lang="nl">' in html and "Aannames" in html


def test_no_agreement_section_without_smart_goals():
    content = memo(evaluate(make_case(), ITERATIONS, 1), "en", TODAY)
    headings = [section.heading for section in content.details]
    assert "Draft of the SMART agreement" not in headings
    assert headings[-4:] == [
        "The ways out in exact euros",
        "What could change the recommendation",
        "Decision tree",
        "Reproducing these numbers",
    ]


def test_fixed_and_uncertain_values_in_the_assumptions_table():
    case = make_case(
        {"legal.claim": 500_000, "stop.exit_cost": {"low": 1000, "mode": 2000, "high": 4000, "source": "quote"}}
    )
    table = next(
        s for s in memo(evaluate(case, ITERATIONS, 1), "en", TODAY).details if s.heading == "Assumptions"
    ).table
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["Damages claimed (€)"] == ("", "€500,000", "", "No source yet: add one on the Assumptions page.")
    assert rows["Cost of leaving the contract (€)"] == ("€1,000", "€2,000", "€4,000", "quote")


@pytest.mark.parametrize(
    ("lang", "case_page", "solve_tab"),
    [
        ("en", "A setting of the case (Case page).", "A setting of the case (Assumptions page, under Solve)."),
        (
            "nl",
            "Een instelling van het dossier (pagina Dossier).",
            "Een instelling van het dossier (pagina Aannames, onder Oplossen).",
        ),
    ],
)
def test_each_setting_points_to_the_page_it_is_entered_on(lang, case_page, solve_tab):
    # The client's share and the fallback are entered on Assumptions, tab Solve; the horizon on Case.
    case = make_case()
    details = memo(evaluate(case, ITERATIONS, 1), lang, TODAY).details
    table = next(s for s in details if s.heading == translate("report.assumptions", lang)).table
    rows = {row[0]: row[-1] for row in table.rows}
    for key in ("client_share", "fallback"):
        assert rows[translate(f"report.setting.{key}", lang)] == solve_tab, key
    for key in ("horizon", "discount_rate", "liability_cap", "invested_to_date", "book_value"):
        assert rows[translate(f"report.setting.{key}", lang)] == case_page, key
    assert setting_source("preferences.basis", Translator(lang)) == translate("report.setting_source_why", lang)


@pytest.mark.parametrize("form, magic", [("html", b"<!DOCTYPE html>"), ("pdf", b"%PDF")])
def test_command_line_writes_the_report(tmp_path, capsys, form, magic):
    output = tmp_path / f"memo.{form}"
    case_file = DATA_DIR / "erp-manufacturer.json"
    assert main(["report", str(case_file), "--format", form, "--output", str(output), "--iterations", "1000"]) == 0
    assert output.read_bytes().startswith(magic)


def test_command_line_refuses_an_invalid_case(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": 1}')
    assert main(["report", str(bad), "--format", "html", "--output", str(tmp_path / "x.html")]) == 2
    assert "title" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_command_line_says_when_the_output_cannot_be_written(tmp_path, capsys):
    # A missing folder is the user's mistake, not a crash: one line on stderr, exit 1, no traceback.
    output = tmp_path / "no-such-folder" / "memo.html"
    case_file = DATA_DIR / "erp-manufacturer.json"
    assert main(["report", str(case_file), "--output", str(output), "--iterations", "10"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{output}: cannot write") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


# -- texts as long as the case allows (issue 15) ---------------------------------------------------

WORDS = ("Panorama ERP report 2013, McKinsey & Oxford 2012, Bloor 2011. " * 60)[:MAX_SOURCE]
UNBROKEN = "x" * 5000


def long_text_case():
    """A source and note at their limits (a 3,003-character assumptions cell), unbroken ones and a 5,000-character
    evidence without a space: each made the PDF fail with fpdf2's "The row ... is too high"."""
    return make_case(
        {
            "stop.replacement_cost": {
                "low": 100_000,
                "mode": 120_000,
                "high": 150_000,
                "source": WORDS,
                "note": (WORDS * 3)[:MAX_NOTE],
            },
            "legal.claim": {
                "low": 500_000,
                "mode": 500_000,
                "high": 500_000,
                "source": "S" * MAX_SOURCE,
                "note": "N" * MAX_NOTE,
            },
            "diagnosis.functionality": {"client": 3, "supplier": 2, "evidence": UNBROKEN},
            "title": "T" * 200,
        }
    )


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_shorten_cuts_at_a_word_or_inside_one_long_word():
    assert shorten("alpha beta gamma delta", 100) == "alpha beta gamma delta"
    assert shorten("alpha beta gamma delta", 15) == "alpha beta…"
    assert shorten("x" * 100, 10) == "x" * 9 + "…"
    assert shorten("see https://evil.example/" + "u" * 80, 20) == "see https://evil.ex…", "not 'see…'"
    assert len(shorten(UNBROKEN, 55)) == 55


def test_shorten_by_sentences_never_cuts_one():
    two = "The first sentence is here. The second one is much longer than the first one."
    assert shorten(two, 40, sentences=True) == "The first sentence is here. …"
    assert shorten(two, 10, sentences=True) == "The first sentence is here. …", "the first sentence whole"
    assert shorten("A phrase without a full stop that runs on", 20, sentences=True).endswith("full stop that runs on")
    assert shorten(UNBROKEN, 55, sentences=True) == "x" * 54 + "…", "only an unbroken string is cut"


def test_the_pdf_renders_long_texts_cut_in_the_table_and_in_full_below_it():
    pages = pdf_pages(board_report(long_text_case(), "pdf", "en", ITERATIONS, 1, TODAY))
    footer = re.escape(translate("report.footer", "en", date=TODAY)) + r"\s+·\s+\d+/\d+"
    everything = " ".join(re.sub(footer, "", page) for page in pages)  # a note may run on over a page break
    assert "x" * 89 + "…" in squeezed(pages[1]), "the reasoning page quotes the evidence short"
    assert "… [1]" in everything, "a cell too long for the table is cut with an ellipsis and a note mark"
    full = squeezed(everything)
    assert "[1]Functionality:" + UNBROKEN in full, "the full evidence follows the table as a note"
    assert squeezed(WORDS) in full and "S" * MAX_SOURCE + "—" + "N" * MAX_NOTE in full
    assert "T" * 200 in full


def test_a_pdf_table_cell_is_never_taller_than_the_page_whatever_its_text():
    content = memo(evaluate(make_case(), ITERATIONS, 1), "en", TODAY)
    huge = "y" * 60_000
    words = "word " * 12_000
    table = Table(("a", "b", "c"), (("row", huge, words), ("other", "short", "short")), (10, 10, 80))
    content = dataclasses.replace(content, details=(*content.details, Section("Huge", "", table)))
    pages = pdf_pages(render_pdf(content))
    full = squeezed(" ".join(pages))
    assert "[1]row:yyyy" in full and "[2]row:wordword" in full, "both cut, each followed by its full text"
    assert full.count("y" * 50) >= 60_000 // 50 and full.count("word") >= 12_000
    assert "othershortshort" in full


def test_a_cut_cell_keeps_to_the_line_limit():
    data = board_report(long_text_case(), "pdf", "en", ITERATIONS, 1, TODAY)
    texts = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    page = next(text for text in texts if "[1]Functionality:" in squeezed(text))
    lines = page.splitlines()
    last = next(i for i, line in enumerate(lines) if line.endswith("… [1]"))
    first = next(i for i, line in enumerate(lines) if "xxxxx" in line)
    assert 2 <= last - first + 1 <= PDF_CELL_LINES, "the cell shows as much as fits in PDF_CELL_LINES lines"


def test_long_words_wrap_in_html_and_are_kept_in_full():
    html = board_report(long_text_case(), "html", "en", ITERATIONS, 1, TODAY).decode()
    assert "overflow-wrap: anywhere" in html
    assert UNBROKEN in html and "S" * MAX_SOURCE in html


def test_characters_the_pdf_fonts_lack_show_as_a_replacement_not_as_nothing(caplog):
    case = make_case(
        {"title": "Ｗ" * 10 + " 🔥 ok", "diagnosis.functionality": {"client": 3, "evidence": "数据 👩\u200d💻 end"}}
    )
    with caplog.at_level(logging.WARNING):
        pages = pdf_pages(board_report(case, "pdf", "en", ITERATIONS, 1, TODAY))
    assert "\ufffd" * 10 + " \ufffd ok" in pages[0], "not a title with its letters silently left out"
    assert "\ufffd\ufffd \ufffd" in pages[1] and "end" in pages[1]
    assert not [record for record in caplog.records if "missing" in record.getMessage()]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_memo_refuses_an_empty_case_with_what_to_fill_in(lang):
    with pytest.raises(NotReady) as refused:
        board_report(blank_case(), "html", lang, iterations=200)
    lines = refused.value.lines
    assert lines[0] == translate("completeness.no_advice_untouched", lang)
    assert any(line.startswith(translate("inputs.group.current", lang) + ":") for line in lines)
    assert lines[-1].startswith(translate("completeness.missing_triage", lang, questions="").rstrip())


def test_a_half_filled_case_lists_only_what_is_missing():
    data = blank_case().model_dump(mode="json")
    for group in ("current", "stop", "legal"):
        for name, value in data[group].items():
            if isinstance(value, dict) and value.get("origin") == "empty":
                data[group][name] = {"low": value["low"], "mode": value["mode"], "high": value["high"]}
    data["triage"] = {"weekly_board_agenda": True, "continuity_threat": False}
    half = Case.model_validate(data)
    with pytest.raises(NotReady) as refused:
        board_report(half, "html", "en", iterations=200)
    assert refused.value.lines == (
        translate("completeness.no_advice", "en"),
        "Solve: Cost of the improvement programme, Own cost of solving, Months to a working system, "
        "Chance that solving succeeds, Dysfunction left after success",
        "Triage, not answered yet: do you recognise the supplier as a full party?; "
        "does the supplier recognise you as a full party?",
    )


def test_command_line_refuses_an_empty_case_with_a_sentence(tmp_path, capsys):
    case_file = tmp_path / "empty.json"
    case_file.write_text(blank_case().to_json(), encoding="utf-8")
    output = tmp_path / "memo.html"
    assert main(["report", str(case_file), "--output", str(output), "--lang", "en", "--iterations", "100"]) == 2
    assert not output.exists()
    assert "No recommendation yet" in capsys.readouterr().err


def test_defaults_are_marked_in_the_ledger_and_named_on_page_one_when_they_matter():
    data = load_preset("erp-manufacturer").model_dump(mode="json")
    data["solve"]["p_success"] = {**data["solve"]["p_success"], "origin": "default", "source": "DOMAIN.md, Standish"}
    content = memo(evaluate(Case.model_validate(data), ITERATIONS, 1), "en", TODAY)
    ledger = next(section for section in content.details if section.heading == translate("report.assumptions", "en"))
    assert ledger.table is not None
    row = next(r for r in ledger.table.rows if r[0].startswith("Chance that solving succeeds"))
    assert row[-1] == "Default, not yet your own — DOMAIN.md, Standish"
    assert "are yours" in ledger.intro
    assert any(
        line.startswith("This recommendation rests partly on defaults.") and "Chance that solving succeeds" in line
        for line in content.warnings.sentences
    )
    # The preset as it is: its own numbers, no warning on page one.
    plain = memo(evaluate(load_preset("erp-manufacturer"), ITERATIONS, 1), "en", TODAY)
    assert not any("rests partly on defaults" in line for line in plain.warnings.sentences)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_memo_holds_the_decision_tree(lang):
    from decision.analysis.tree import decision_tree, tree_rows

    evaluation = evaluate(load_preset("orderly-exit"), ITERATIONS, 1)
    content = memo(evaluation, lang, TODAY)
    section = next(s for s in content.details if s.heading == translate("report.tree", lang))
    assert section.table is not None
    expected = tuple(
        (row.option, row.branch, row.probability, row.expected_cost)
        for row in tree_rows(decision_tree(evaluation), lang)
    )
    assert section.table.rows == expected
    # One subtree per way out, each with its branches below it.
    assert len(expected) > len(evaluation.strategies)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_memo_with_six_ways_out_names_each_on_page_one(lang):
    """partner-takeover with the orderly exit of orderly-exit added: all six ways out in the table of page one
    (the PDF text) and in the HTML, and page one still ends before the diagnosis."""
    case = load_preset("partner-takeover").model_copy(update={"exit_deal": load_preset("orderly-exit").exit_deal})
    evaluation = evaluate(case, ITERATIONS, 1)
    assert len(evaluation.strategies) == 6
    names = [translate(f"strategy.{key}.name", lang) for key in evaluation.strategies]
    pages = pdf_pages(board_report(case, "pdf", lang, ITERATIONS, 1, TODAY, evaluation=evaluation))
    assert not [name for name in names if name not in pages[0]], pages[0]
    html = board_report(case, "html", lang, ITERATIONS, 1, TODAY, evaluation=evaluation).decode()
    assert all(name in html for name in names) and not external_references(html)
    assert translate("report.assumptions", lang) not in " ".join(pages[:2])


def euros(written: str, lang: str) -> list[float]:
    """The amounts of a sentence as money_rounded writes them: "€ 692.000", "€ 1,06 mln", "€1.06 million"."""
    group, decimal = (".", ",") if lang == "nl" else (",", ".")
    found = re.findall(r"€\s?(-?[\d.,]*\d)(\s(?:mln|million))?", written)
    return [float(f.replace(group, "").replace(decimal, ".")) * (1e6 if scale else 1) for f, scale in found]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("preset", preset_ids())
def test_the_paths_one_off_costs_add_up_as_written(preset, lang):
    """Page one's sentence of the path's one-off costs: its parts, rounded for reading, add up to its total
    (rounded each alone they did not: 256,000 + 21,800 + 415,000 against 692,000)."""
    written = memo(evaluate(load_preset(preset, lang), 2_000, 1), lang, dt.date(2026, 3, 2)).path.notes[-1]
    if written == translate("report.budget_no_programme", lang):
        return
    total, *parts = euros(written, lang)
    assert len(parts) >= 1 and total == pytest.approx(sum(parts)), written


def test_parts_rounded_for_reading_add_up():
    # 255,741 + 21,787 + 414,791 = 692,319: to thousands 690 down, and the two largest remainders
    # (.791 and .787) one up: 255,000 + 22,000 + 415,000 = 692,000.
    assert fmt.rounded_parts([255_741, 21_787, 414_791]) == (692_000, [255_000, 22_000, 415_000])
    # 1,113,556 to three digits is 1,110,000, in tens of thousands: 42 + 2 + 67 = 111.
    assert fmt.rounded_parts([421_334, 21_200, 671_022]) == (1_110_000, [420_000, 20_000, 670_000])


def test_another_partners_costs_are_named_as_that_path_has_them():
    written = memo(evaluate(load_preset("partner-takeover", "nl"), 2_000, 1), "nl", dt.date(2026, 3, 2)).path.notes[-1]
    assert "overgang naar de nieuwe partner €" in written and "verbeterprogramma" not in written
    assert "nieuw systeem als de overgang mislukt €" in written


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_sensitivity_table_says_how_many_more_inputs_move_the_choice(lang):
    """The table shows the eight largest swings; the intro counts the others that move the choice (a controller
    missed the chance of winning in court, shown on Why, in the report)."""
    case = load_preset("erp-manufacturer")
    evaluation = evaluate(case, 2_000, 1)
    section = next(
        s for s in memo(evaluation, lang, TODAY).details if s.heading == translate("report.sensitivity", lang)
    )
    analysis = analyse(case, 2_000, 1, "decision")
    moving = sum(1 for bar in analysis.tornado if round(bar.swing) != 0)
    assert moving > TORNADO_ROWS and len(section.table.rows) == TORNADO_ROWS
    assert translate("report.sensitivity_more", lang, shown=TORNADO_ROWS, more=moving - TORNADO_ROWS) in section.intro
