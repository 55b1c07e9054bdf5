"""Board report page: the memo of the open case in both forms, in the case's language, with a preview."""

from __future__ import annotations

import pytest

from decision.model.presets import EXAMPLE, load_preset, preset_ids
from decision.text.i18n import translate

PAGE = "app_pages/report.py"


def downloads(at) -> dict[str, object]:
    return {button.label: button for button in at.get("download_button")}


@pytest.mark.parametrize("preset", preset_ids())
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_preset_offers_both_forms_and_a_preview(app_at, preset, lang):
    at = app_at(PAGE, preset, lang)
    assert not at.exception
    assert at.title[0].value == translate("nav.report", lang)
    labels = set(downloads(at))
    expected = {
        "en": {"Download the memo (HTML)", "Download the memo (PDF)", "Download the model (Excel)"},
        "nl": {"Rapport downloaden (HTML)", "Rapport downloaden (PDF)", "Model downloaden (Excel)"},
    }[lang]
    assert labels == expected
    case_language = load_preset(preset).profile.language
    assert at.button_group(key="report_lang").value == (case_language or lang)
    assert len(at.get("iframe")) == 1


def test_the_report_language_can_be_changed(app_at):
    at = app_at(PAGE, EXAMPLE, "en")
    at.button_group(key="report_lang").set_value("nl").run()
    assert not at.exception
    assert at.button_group(key="report_lang").value == "nl"
    preview = at.get("iframe")[0].proto
    assert "Advies: Oplossen" in str(preview)


def test_the_preview_escapes_a_script_title(app_at):
    at = app_at(PAGE, EXAMPLE, "en")
    at.session_state["case"] = load_preset(EXAMPLE).model_copy(update={"title": "<script>alert(1)</script>"})
    at.run()
    preview = str(at.get("iframe")[0].proto)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in preview
    assert "<script>" not in preview


@pytest.mark.parametrize(("interface", "memo_lang"), [("nl", "en"), ("en", "nl")])
def test_the_file_names_are_in_the_memos_language(app_at, monkeypatch, interface, memo_lang):
    """An English memo downloaded from the Dutch interface is a "board-memo", and the other way round."""
    from streamlit.delta_generator import DeltaGenerator

    names: list[str] = []
    offer = DeltaGenerator.download_button

    def recorded(self, *args, **kwargs):
        names.append(kwargs["file_name"])
        return offer(self, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recorded)
    at = app_at(PAGE, EXAMPLE, interface)
    at.button_group(key="report_lang").set_value(memo_lang).run()
    assert not at.exception
    suffix = translate("report.page.file_suffix", memo_lang)
    assert suffix != translate("report.page.file_suffix", interface)
    stem = f"erp-at-a-mid-size-manufacturer-{suffix}"
    assert names[-3:-1] == [f"{stem}.html", f"{stem}.pdf"]  # then the model workbook (tests/pages/test_downloads.py)
